package org.rnnlab.data.image;

/** Row by row: step t is row t of the image (28 steps of 28 values for MNIST). */
public final class RowSequenceView implements ImageSequenceView {
  private final int rows;
  private final int cols;

  public RowSequenceView(int rows, int cols) {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("rows and cols must be >= 1, got " + rows + "x" + cols);
    }
    this.rows = rows;
    this.cols = cols;
  }

  @Override
  public int steps() {
    return rows;
  }

  @Override
  public int features() {
    return cols;
  }

  @Override
  public int imagePixels() {
    return rows * cols;
  }

  @Override
  public void write(double[] image, double[] dst, int off, int stride) {
    for (int t = 0; t < rows; t++) {
      System.arraycopy(image, t * cols, dst, off + t * stride, cols);
    }
  }

  @Override
  public String describe() {
    return "rows: " + rows + " steps of " + cols + " pixels";
  }
}
