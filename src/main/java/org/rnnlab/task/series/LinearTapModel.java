package org.rnnlab.task.series;

import org.rnnlab.engine.reservoir.RidgeFitter;
import org.rnnlab.engine.reservoir.RidgeReadout;

/**
 * A linear model on the last {@code taps} values of an input series,
 * {@code y(t) = c + sum_{i<taps} w_i u(t - i)}, fitted by least squares (lambda = 0 unless given)
 * with the engine's {@link RidgeFitter}: a linear autoregressive model when u is the series itself
 * and y its value k steps ahead, or a linear FIR filter of the input (the "linear 10-tap model"
 * NARMA-10 results are compared with).
 */
public final class LinearTapModel {
  private final int taps;
  private final RidgeReadout readout;

  private LinearTapModel(int taps, RidgeReadout readout) {
    this.taps = taps;
    this.readout = readout;
  }

  /** The tap rows [u(t), u(t-1), ..., u(t-taps+1)] for t in [from, to), from >= taps - 1. */
  static double[] tapRows(double[] input, int taps, int from, int to) {
    if (from < taps - 1) {
      throw new IllegalArgumentException("the first row needs " + taps + " past values: from >= " + (taps - 1));
    }
    double[] x = new double[(to - from) * taps];
    for (int t = from; t < to; t++) {
      for (int i = 0; i < taps; i++) {
        x[(t - from) * taps + i] = input[t - i];
      }
    }
    return x;
  }

  /** Fits target[t] on the taps of input at t, for t in [from, to), with ridge parameter lambda. */
  public static LinearTapModel fit(double[] input, double[] target, int taps, int from, int to, double lambda) {
    double[] x = tapRows(input, taps, from, to);
    double[] y = new double[to - from];
    System.arraycopy(target, from, y, 0, to - from);
    RidgeReadout r = new RidgeFitter(taps, 1, false).fit(RidgeFitter.Samples.rows(x, taps, y, 1, 0, to - from), lambda);
    return new LinearTapModel(taps, r);
  }

  /** Least squares (lambda = 0). */
  public static LinearTapModel fit(double[] input, double[] target, int taps, int from, int to) {
    return fit(input, target, taps, from, to, 0.0);
  }

  /** Predictions for t in [from, to). */
  public double[] predict(double[] input, int from, int to) {
    return readout.predict(tapRows(input, taps, from, to), 0, taps, to - from);
  }

  /** The fitted readout: weight(0, i) multiplies u(t - i). */
  public RidgeReadout readout() {
    return readout;
  }
}
