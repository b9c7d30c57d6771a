package org.rnnlab.data.image;

/**
 * Images held as unsigned bytes, pixel value {@code b / 255.0} (IDX files: Fashion-MNIST);
 * an eighth of the memory of doubles (70,000 images: 55 MB instead of 439 MB).
 */
public final class ByteImageSet extends StoredImageSet {
  private final byte[] pixels;

  /**
   * @param pixels  {@code labels.length * rows * cols} unsigned bytes, image after image, row-major
   * @param labels  class of every image, in 0..classes-1
   */
  public ByteImageSet(int rows, int cols, int classes, byte[] pixels, int[] labels) {
    super(rows, cols, classes, pixels.length, labels);
    this.pixels = pixels.clone();
  }

  @Override
  public double pixel(int i, int p) {
    return (pixels[offset(i, p)] & 0xff) / 255.0;
  }

  @Override
  public void copyImage(int i, double[] dst, int off) {
    int n = pixels();
    int base = i * n;
    for (int p = 0; p < n; p++) {
      dst[off + p] = (pixels[base + p] & 0xff) / 255.0;
    }
  }
}
