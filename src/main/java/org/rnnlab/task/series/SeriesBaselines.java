package org.rnnlab.task.series;

/**
 * The trivial predictors a series model must beat, computed from the data: persistence (predict
 * the last observed value) and the training mean (NRMSE about 1 on a test segment; the segment's
 * own mean would score exactly 1, anchors.md's NARMA-10 baseline).
 */
public final class SeriesBaselines {
  private SeriesBaselines() {}

  /**
   * Persistence for a k-step look-ahead: the prediction of {@code series[t + k]} is
   * {@code series[t]}, for t in [from, to). Returns to - from predictions.
   */
  public static double[] persistence(double[] series, int from, int to) {
    double[] p = new double[to - from];
    System.arraycopy(series, from, p, 0, to - from);
    return p;
  }

  /** The constant prediction: the mean of {@code train[from..to)}, repeated n times. */
  public static double[] trainingMean(double[] train, int from, int to, int n) {
    double m = SeriesMetrics.mean(train, from, to - from);
    double[] p = new double[n];
    java.util.Arrays.fill(p, m);
    return p;
  }
}
