package org.rnnlab.report;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.statistics.descriptive.Quantile;

/**
 * Descriptive statistics of one metric over the ok seeds of one group. Undefined values are
 * NaN: everything for n = 0; sd and the intervals for n = 1.
 *
 * @param sd sample standard deviation (n - 1 in the denominator)
 * @param ciLow lower end of the 95% t interval for the mean, mean - t(0.975, n-1) sd / sqrt(n): the
 *     report's one interval (tables, headline, error bars), meaningful at a few seeds, where a bootstrap
 *     percentile interval is too narrow (at n = 3 it is exactly [min, max], a 75% interval for symmetric data)
 * @param ciHigh its upper end
 * @param median the median (quartiles and median: linear interpolation between order statistics,
 *     Hyndman-Fan type 7, what R and NumPy compute by default)
 * @param q1 the first quartile
 * @param q3 the third quartile
 */
record Stats(int n, double mean, double sd, double ciLow, double ciHigh, double min, double max,
             double median, double q1, double q3) {

  private static final Quantile QUANTILE = Quantile.withDefaults().with(Quantile.EstimationMethod.HF7)
      .withCopy(true);

  /** Statistics of {@code values}, which must all be finite. */
  static Stats of(double[] values) {
    int n = values.length;
    double nan = Double.NaN;
    if (n == 0) {
      return new Stats(0, nan, nan, nan, nan, nan, nan, nan, nan, nan);
    }
    double mean = StatUtils.mean(values);
    double min = StatUtils.min(values);
    double max = StatUtils.max(values);
    double[] q = QUANTILE.evaluate(values, 0.25, 0.5, 0.75);
    if (n == 1) {
      return new Stats(1, mean, nan, nan, nan, min, max, q[1], q[0], q[2]);
    }
    double sd = Math.sqrt(StatUtils.variance(values, mean));
    // A null random generator: only the quantile function is used, never sampling.
    double t = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975);
    double half = t * sd / Math.sqrt(n);
    return new Stats(n, mean, sd, mean - half, mean + half, min, max, q[1], q[0], q[2]);
  }

  /** The {@code p} quantile (0..1) of {@code values} by the same rule as the quartiles; NaN if empty. */
  static double quantile(double[] values, double p) {
    return values.length == 0 ? Double.NaN : QUANTILE.evaluate(values, p);
  }

  /** The value of statistic {@code name} (mean, median, sd, min, max, n), or NaN if unknown. */
  static double statistic(String name, double[] values) {
    Stats s = of(values);
    return switch (name) {
      case "mean" -> s.mean;
      case "median" -> s.median; // the one quantile rule (HF7); NaN when empty
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
