package org.rnnlab.generate;

/** Feeds a prime to row 0 of a state, one token per position from 0: what every generator starts with. */
final class Primer {
  private Primer() {}

  /**
   * Sets row 0 of {@code states} to the start state and feeds the prime; the next token's
   * log-probabilities are left in {@code logProbs[0 .. vocabulary)}. Returns the next position.
   */
  static <S> int feed(StepFunction<S> f, S states, int[] prime, int[] token, double[] logProbs) {
    if (prime.length == 0) {
      throw new IllegalArgumentException("generation needs a prime of at least one token (a start symbol): "
          + "the model predicts each token from those before it");
    }
    int v = f.vocabulary();
    for (int i = 0; i < prime.length; i++) {
      if (prime[i] < 0 || prime[i] >= v) {
        throw new IllegalArgumentException("prime token " + prime[i] + " at position " + i
            + " outside the vocabulary 0.." + (v - 1));
      }
    }
    f.start(states, 0);
    for (int i = 0; i < prime.length; i++) {
      token[0] = prime[i];
      f.advance(states, 1, token, i, logProbs);
    }
    return prime.length;
  }

  /** Refuses a negative length or an end symbol outside the vocabulary (-1: none). */
  static void checkLengthAndEnd(int length, int end, int vocabulary) {
    if (length < 0) {
      throw new IllegalArgumentException("length must be >= 0, got " + length);
    }
    if (end < -1 || end >= vocabulary) {
      throw new IllegalArgumentException("end symbol " + end + " outside the vocabulary 0.." + (vocabulary - 1)
          + " (-1: none)");
    }
  }
}
