package org.rnnlab.generate;

/**
 * The model's log-probability of a given continuation of a prime: the sum, in order, of
 * log P(token_i | prime, tokens before i) (natural log, temperature 1). Sampling and beam search
 * add the very same numbers in the same order, so their reported log-probability equals this one
 * to the bit.
 */
public final class SequenceScorer<S> {
  private final StepFunction<S> f;
  private final S state;
  private final double[] logProbs;
  private final int[] token = new int[1];

  /** A scorer over {@code f} (allocates its one state row and one distribution). */
  public SequenceScorer(StepFunction<S> f) {
    this.f = f;
    this.state = f.newStates(1);
    this.logProbs = new double[f.vocabulary()];
  }

  /** log P(continuation | prime); 0 for an empty continuation. */
  public double logProb(int[] prime, int[] continuation) {
    int v = f.vocabulary();
    for (int i = 0; i < continuation.length; i++) {
      if (continuation[i] < 0 || continuation[i] >= v) {
        throw new IllegalArgumentException("token " + continuation[i] + " at position " + i
            + " outside the vocabulary 0.." + (v - 1));
      }
    }
    int pos = Primer.feed(f, state, prime, token, logProbs);
    double sum = 0.0;
    for (int i = 0; i < continuation.length; i++) {
      sum += logProbs[continuation[i]];
      if (i + 1 < continuation.length) {
        token[0] = continuation[i];
        f.advance(state, 1, token, pos++, logProbs);
      }
    }
    return sum;
  }
}
