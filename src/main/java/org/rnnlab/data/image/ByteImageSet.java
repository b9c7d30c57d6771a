package org.rnnlab.data.image;

/**
 * Images held as unsigned bytes, pixel value {@code b / 255.0} (IDX files: Fashion-MNIST);
 * a quarter of the memory of doubles (70,000 images: 55 MB instead of 439 MB).
 */
public final class ByteImageSet implements ImageSet {
  private final int rows;
  private final int cols;
  private final int classes;
  private final byte[] pixels;
  private final int[] labels;

  /**
   * @param pixels  {@code labels.length * rows * cols} unsigned bytes, image after image, row-major
   * @param labels  class of every image, in 0..classes-1
   */
  public ByteImageSet(int rows, int cols, int classes, byte[] pixels, int[] labels) {
    ImageSets.checkShape(rows, cols, classes, pixels.length, labels);
    this.rows = rows;
    this.cols = cols;
    this.classes = classes;
    this.pixels = pixels.clone();
    this.labels = labels.clone();
  }

  @Override
  public int size() {
    return labels.length;
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int cols() {
    return cols;
  }

  @Override
  public int classes() {
    return classes;
  }

  @Override
  public int label(int i) {
    return labels[i];
  }

  @Override
  public double pixel(int i, int p) {
    if (p < 0 || p >= rows * cols) {
      throw new IndexOutOfBoundsException("pixel " + p + " outside 0.." + (rows * cols - 1));
    }
    return (pixels[i * rows * cols + p] & 0xff) / 255.0;
  }

  @Override
  public void copyImage(int i, double[] dst, int off) {
    int n = rows * cols;
    int base = i * n;
    for (int p = 0; p < n; p++) {
      dst[off + p] = (pixels[base + p] & 0xff) / 255.0;
    }
  }
}
