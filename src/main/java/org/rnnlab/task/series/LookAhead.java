package org.rnnlab.task.series;

import java.util.Arrays;

/**
 * A series as a k-step-ahead forecasting task (seed 000, 7.4: "choose target output values at a
 * time-stamp t that correspond to the time-series input values at t+k"): input[t] = s(t) and
 * target[t] = s(t + k) for t in [0, length - k). k = 1 is one-step-ahead prediction, the form
 * free running needs; persistence predicts target[t] by input[t].
 */
public record LookAhead(double[] input, double[] target, int k) {
  /** The pairs (s(t), s(t+k)) of a series. */
  public static LookAhead of(double[] series, int k) {
    if (k < 1 || k >= series.length) {
      throw new IllegalArgumentException("look-ahead " + k + " needs 1 <= k < " + series.length);
    }
    return new LookAhead(Arrays.copyOf(series, series.length - k), Arrays.copyOfRange(series, k, series.length), k);
  }

  /** Number of (input, target) pairs. */
  public int length() {
    return input.length;
  }
}
