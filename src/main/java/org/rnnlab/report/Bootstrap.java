package org.rnnlab.report;

import java.util.Arrays;

/**
 * Percentile bootstrap interval of the mean (Efron & Tibshirani 1993, ch. 13): resample the
 * seeds with replacement, take the mean of each resample, and report the 2.5% and 97.5% quantiles
 * of those means. Every resampled mean lies between the smallest and the largest value, so the
 * interval respects the metric's range (a loss's interval never goes below zero, an accuracy's
 * never above one), unlike mean ± t sd / sqrt(n). The resampling draws from a fixed-seed
 * SplitMix64 stream (Steele, Lea & Flood 2014) written out here, so that the same values give the
 * same interval, bit for bit, on every JVM.
 */
final class Bootstrap {
  /** Resamples per interval. */
  static final int RESAMPLES = 10_000;
  private static final long SEED = 0x5EED_2026L;

  private Bootstrap() {}

  /** The {@code level} (e.g. 0.95) percentile interval {low, high} of the mean of {@code values}; n >= 1. */
  static double[] meanInterval(double[] data, double level) {
    // Sorted first, so that the interval depends on the values only, not on the order of the seeds.
    double[] values = data.clone();
    Arrays.sort(values);
    int n = values.length;
    double[] means = new double[RESAMPLES];
    long state = SEED;
    for (int b = 0; b < RESAMPLES; b++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        state += 0x9E3779B97F4A7C15L;
        sum += values[bounded(mix(state), n)];
      }
      means[b] = sum / n;
    }
    Arrays.sort(means);
    double tail = (1 - level) / 2;
    return new double[] {Stats.quantile(means, tail), Stats.quantile(means, 1 - tail)};
  }

  /** SplitMix64's output function. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A value in [0, n) from the top 31 bits (n is a seed count: the modulo bias is below 2^-20). */
  private static int bounded(long r, int n) {
    return (int) ((r >>> 33) % n);
  }
}
