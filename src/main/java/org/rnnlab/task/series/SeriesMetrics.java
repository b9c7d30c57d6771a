package org.rnnlab.task.series;

/**
 * Errors of a prediction of a (one-dimensional) series over a segment of n steps: MSE, RMSE,
 * NRMSE = RMSE / std(truth over the segment) (population standard deviation; the ESN literature's
 * normalisation, under which predicting the segment's mean scores exactly 1; reservoirpy's
 * {@code nrmse} defaults to the range max - min instead, and its "var" option divides by the
 * variance), and the free-run horizon at which the error first exceeds a threshold. Sums run in
 * index order.
 */
public final class SeriesMetrics {
  private SeriesMetrics() {}

  /** Mean squared error of pred[pOff..pOff+n) against truth[tOff..tOff+n). */
  public static double mse(double[] pred, int pOff, double[] truth, int tOff, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("empty segment");
    }
    double s = 0.0;
    for (int i = 0; i < n; i++) {
      double e = pred[pOff + i] - truth[tOff + i];
      s = Math.fma(e, e, s);
    }
    return s / n;
  }

  /** Root mean squared error. */
  public static double rmse(double[] pred, int pOff, double[] truth, int tOff, int n) {
    return Math.sqrt(mse(pred, pOff, truth, tOff, n));
  }

  /** RMSE divided by the population standard deviation of the truth over the same segment. */
  public static double nrmse(double[] pred, int pOff, double[] truth, int tOff, int n) {
    return rmse(pred, pOff, truth, tOff, n) / std(truth, tOff, n);
  }

  /** Mean of v[off..off+n). */
  public static double mean(double[] v, int off, int n) {
    double s = 0.0;
    for (int i = 0; i < n; i++) {
      s += v[off + i];
    }
    return s / n;
  }

  /** Population standard deviation of v[off..off+n) (two passes). */
  public static double std(double[] v, int off, int n) {
    double m = mean(v, off, n);
    double s = 0.0;
    for (int i = 0; i < n; i++) {
      double d = v[off + i] - m;
      s = Math.fma(d, d, s);
    }
    return Math.sqrt(s / n);
  }

  /**
   * The first step h in [0, n) where |pred - truth| exceeds {@code threshold}, or n if none: how
   * far a free run stays on the true trajectory (use threshold = c * std for a normalised one).
   */
  public static int firstExceedance(double[] pred, int pOff, double[] truth, int tOff, int n, double threshold) {
    for (int h = 0; h < n; h++) {
      if (!(Math.abs(pred[pOff + h] - truth[tOff + h]) <= threshold)) {
        return h;
      }
    }
    return n;
  }
}
