package org.rnnlab.report;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;

/**
 * Descriptive statistics of one metric over the ok seeds of one group. Undefined values are
 * NaN: everything for n = 0; sd and the interval for n = 1.
 *
 * @param sd sample standard deviation (n - 1 in the denominator)
 * @param ciLow lower end of the 95% t interval for the mean, mean - t(0.975, n-1) sd / sqrt(n)
 */
record Stats(int n, double mean, double sd, double ciLow, double ciHigh, double min, double max) {

  /** Statistics of {@code values}, which must all be finite. */
  static Stats of(double[] values) {
    int n = values.length;
    if (n == 0) {
      return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double mean = StatUtils.mean(values);
    double min = StatUtils.min(values);
    double max = StatUtils.max(values);
    if (n == 1) {
      return new Stats(1, mean, Double.NaN, Double.NaN, Double.NaN, min, max);
    }
    double sd = Math.sqrt(StatUtils.variance(values, mean));
    // A null random generator: only the quantile function is used, never sampling.
    double t = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975);
    double half = t * sd / Math.sqrt(n);
    return new Stats(n, mean, sd, mean - half, mean + half, min, max);
  }

  /** The value of statistic {@code name} (mean, median, sd, min, max, n), or NaN if unknown. */
  static double statistic(String name, double[] values) {
    Stats s = of(values);
    return switch (name) {
      case "mean" -> s.mean;
      case "median" -> values.length == 0 ? Double.NaN : StatUtils.percentile(values, 50);
      case "sd" -> s.sd;
      case "min" -> s.min;
      case "max" -> s.max;
      case "n" -> s.n;
      default -> Double.NaN;
    };
  }

  /** Whether {@code name} is a statistic that {@link #statistic} knows. */
  static boolean isKnown(String name) {
    return switch (name) {
      case "mean", "median", "sd", "min", "max", "n" -> true;
      default -> false;
    };
  }
}
