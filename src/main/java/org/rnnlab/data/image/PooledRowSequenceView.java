package org.rnnlab.data.image;

/**
 * Row by row on the image downsampled by {@code factor}: step t is pooled row t, its values the
 * means of the {@code factor x factor} blocks of image rows {@code t*factor ..}, each summed in
 * row-major order and divided by factor², exactly as {@link PixelSequenceView} pools (factor 2:
 * 14 steps of 14 values; factor 1: the image's rows, as {@link RowSequenceView}).
 */
public final class PooledRowSequenceView implements ImageSequenceView {
  private final int cols;
  private final int factor;
  private final int pooledRows;
  private final int pooledCols;

  public PooledRowSequenceView(int rows, int cols, int factor) {
    if (factor < 1 || rows % factor != 0 || cols % factor != 0) {
      throw new IllegalArgumentException("downsampling factor " + factor + " must be >= 1 and divide "
          + rows + "x" + cols);
    }
    this.cols = cols;
    this.factor = factor;
    this.pooledRows = rows / factor;
    this.pooledCols = cols / factor;
  }

  @Override
  public int steps() {
    return pooledRows;
  }

  @Override
  public int features() {
    return pooledCols;
  }

  @Override
  public int imagePixels() {
    return pooledRows * factor * cols;
  }

  @Override
  public void write(double[] image, double[] dst, int off, int stride) {
    double area = factor * factor;
    for (int t = 0; t < pooledRows; t++) {
      for (int c = 0; c < pooledCols; c++) {
        double s = 0.0;
        for (int r = t * factor; r < t * factor + factor; r++) {
          for (int k = c * factor; k < c * factor + factor; k++) {
            s += image[r * cols + k];
          }
        }
        dst[off + t * stride + c] = s / area;
      }
    }
  }

  @Override
  public String describe() {
    return "rows: " + pooledRows + " steps of " + pooledCols + " values"
        + (factor == 1 ? "" : " (" + factor + "x" + factor + " mean, " + pooledRows + "x" + pooledCols + ")");
  }
}
