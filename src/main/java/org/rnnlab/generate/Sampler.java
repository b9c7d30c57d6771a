package org.rnnlab.generate;

import org.rnnlab.engine.DetMath;
import org.rnnlab.engine.Rng;

/**
 * Ancestral sampling (seed 000, 7.2.1.1: sample a token, feed it back in): at temperature T > 0
 * each token is drawn from softmax(log p / T) (= softmax(logits / T)) with one uniform of the
 * project's {@link Rng}, by walking the cumulative weights in index order, so that the same seed
 * and arguments give the same tokens on every machine; at T = 0 it is greedy decoding (the most
 * probable token, the lowest id among ties). Allocates nothing per token beyond the output.
 */
public final class Sampler<S> {
  private final StepFunction<S> f;
  private final S state;
  private final double[] logProbs;
  private final double[] weights;
  private final int[] token = new int[1];

  /** A sampler over {@code f} (allocates its one state row and two distributions). */
  public Sampler(StepFunction<S> f) {
    this.f = f;
    this.state = f.newStates(1);
    this.logProbs = new double[f.vocabulary()];
    this.weights = new double[f.vocabulary()];
  }

  /**
   * Up to {@code length} tokens following {@code prime} (at least one token), stopping after the
   * end symbol if {@code end} >= 0 is drawn (-1: none). {@code rng} is read only at T > 0, one
   * uniform per token. The log-probability is the model's own, at temperature 1.
   */
  public Generated sample(int[] prime, int length, double temperature, int end, Rng rng) {
    if (!(temperature >= 0.0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be finite and >= 0, got " + temperature);
    }
    Primer.checkLengthAndEnd(length, end, f.vocabulary());
    int pos = Primer.feed(f, state, prime, token, logProbs);
    int[] out = new int[length];
    double sum = 0.0;
    int n = 0;
    while (n < length) {
      int c = temperature == 0.0 ? argmax(logProbs) : draw(logProbs, temperature, rng);
      out[n++] = c;
      sum += logProbs[c];
      if (c == end || n == length) {
        break;
      }
      token[0] = c;
      f.advance(state, 1, token, pos++, logProbs);
    }
    return new Generated(n == length ? out : java.util.Arrays.copyOf(out, n), sum);
  }

  /** The most probable token, the lowest id among ties. */
  static int argmax(double[] p) {
    int best = 0;
    for (int i = 1; i < p.length; i++) {
      if (p[i] > p[best]) {
        best = i;
      }
    }
    return best;
  }

  /** A token drawn from softmax(logProbs / t): the first whose cumulative weight exceeds u * total. */
  private int draw(double[] lp, double t, Rng rng) {
    double max = Double.NEGATIVE_INFINITY;
    for (double x : lp) {
      max = Math.max(max, x / t);
    }
    double total = 0.0;
    int last = 0;
    for (int i = 0; i < lp.length; i++) {
      weights[i] = DetMath.exp(lp[i] / t - max);
      total += weights[i];
      if (weights[i] > 0.0) {
        last = i;
      }
    }
    double u = rng.nextDouble() * total;
    double acc = 0.0;
    for (int i = 0; i < lp.length; i++) {
      acc += weights[i];
      if (u < acc) {
        return i;
      }
    }
    return last; // u * total rounded up to total: the last token of positive weight
  }
}
