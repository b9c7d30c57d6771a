package org.rnnlab.data.series;

/**
 * z = (x - mean) / sd with mean and sd from the training part only (so nothing of validation or
 * test leaks into the inputs): mean = sum / n, summed in index order; sd = sqrt(sum (x - mean)^2 / n),
 * the population standard deviation, summed in index order.
 */
public record Standardizer(double mean, double sd) {
  public Standardizer {
    if (!(sd > 0.0) || !Double.isFinite(sd) || !Double.isFinite(mean)) {
      throw new IllegalArgumentException("standardizer needs a finite mean and a positive finite sd, got "
          + mean + ", " + sd);
    }
  }

  /** Fitted on {@code values[from, to)}. */
  public static Standardizer fit(double[] values, int from, int to) {
    if (from < 0 || to > values.length || to - from < 2) {
      throw new IllegalArgumentException("fit needs at least 2 values in [" + from + ", " + to + ") of "
          + values.length);
    }
    int n = to - from;
    double s = 0.0;
    for (int i = from; i < to; i++) {
      s += values[i];
    }
    double mean = s / n;
    double ss = 0.0;
    for (int i = from; i < to; i++) {
      double d = values[i] - mean;
      ss += d * d;
    }
    return new Standardizer(mean, Math.sqrt(ss / n));
  }

  /** Standardised copy of {@code values}. */
  public double[] apply(double[] values) {
    double[] z = new double[values.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = (values[i] - mean) / sd;
    }
    return z;
  }

  /** Back to the original units. */
  public double[] invert(double[] z) {
    double[] x = new double[z.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = z[i] * sd + mean;
    }
    return x;
  }
}
