package org.rnnlab.engine.loss;

import org.rnnlab.engine.DetMath;
import org.rnnlab.engine.Rng;

/**
 * log softmax(x) in a fixed order, the very operations of the cross-entropy loss ({@link
 * CrossEntropyLoss}): max, then s = sum of DetMath.exp(x - max) in index order, then
 * x - (max + log s). So -logProb[label] is bit for bit the loss's term for that label, and a
 * generated text's log-probability is the negated summed cross-entropy the model was trained on.
 */
public final class LogSoftmax {
  private LogSoftmax() {}

  /** Replaces each of {@code rows} rows of {@code n} logits in {@code x} by their log-probabilities. */
  public static void inPlace(double[] x, int rows, int n) {
    for (int r = 0; r < rows; r++) {
      rowArgmax(x, r * n, n);
    }
  }

  /**
   * {@link #inPlace} of the one row of {@code n} logits at {@code o}, returning its most probable id
   * (the lowest among ties): what greedy decoding and a beam of one choose.
   */
  public static int rowArgmax(double[] x, int o, int n) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, x[o + i]);
    }
    double s = 0.0;
    for (int i = 0; i < n; i++) {
      s += DetMath.exp(x[o + i] - max);
    }
    double lse = max + StrictMath.log(s);
    int best = 0;
    for (int i = 0; i < n; i++) {
      x[o + i] = x[o + i] - lse;
      if (x[o + i] > x[o + best]) {
        best = i;
      }
    }
    return best;
  }

  /**
   * An id drawn from the softmax of the log-probabilities {@code lp[o .. o + n)} (as {@link #rowArgmax} leaves them)
   * with one uniform of {@code rng}: the first whose cumulative weight exceeds u * total.
   */
  public static int drawRow(double[] lp, int o, int n, Rng rng) {
    double total = 0.0;
    for (int i = 0; i < n; i++) {
      total += DetMath.exp(lp[o + i]);
    }
    double u = rng.nextDouble() * total;
    double acc = 0.0;
    int last = 0;
    for (int i = 0; i < n; i++) {
      double w = DetMath.exp(lp[o + i]);
      acc += w;
      if (w > 0.0) {
        last = i;
      }
      if (u < acc) {
        return i;
      }
    }
    return last;
  }
}
