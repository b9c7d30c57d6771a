package org.rnnlab.data.text;

import org.rnnlab.engine.Rng;

/**
 * Synthetic tagging where a token's tag is the token {@code k} steps ahead ({@link Direction#AHEAD})
 * or behind ({@link Direction#BEHIND}), so that what a left-to-right model can know is exactly
 * computable (seed 000 section 7.2.3: a bidirectional network sees both sides).
 *
 * <p>A sequence, drawn from a stream in this order: its length L uniform on the integers
 * {@code minLength..maxLength}; token x_0 uniform on 0..V-1; for t = 1..L-1 a draw u =
 * {@code nextDouble()}, then x_t = x_{t-1} if u &lt; {@code stay}, else a fresh uniform token
 * (a Markov chain: P(x_{t+k} = x_t) = stay^k + (1 - stay^k)/V; {@code stay = 0} makes the
 * tokens independent). Tags (V + 1 of them): AHEAD, tag_t = x_{t+k} if t + k &lt; L, else the
 * boundary tag V (the last k tokens); BEHIND, tag_t = x_{t-k} if t &gt;= k, else V (the first k).
 *
 * <p>The unidirectional ceiling ({@link #unidirectionalCeiling}) is the token accuracy, pooled
 * over tokens, of the Bayes-optimal predictor that sees x_0..x_t, t itself and that L &gt; t
 * ({@link #bayesUnidirectional}); a left-to-right network can at most reach it. BEHIND: 1 (the
 * tag is in the past). AHEAD: with n_t = #{l : l &gt; t} and e_t = #{l : t &lt; l &lt;= t + k}
 * over the possible lengths l and q = stay^k + (1 - stay^k)/V, the predictor says V where
 * e_t &gt; (n_t - e_t) q and x_t elsewhere, and the ceiling is
 * sum_t max(e_t, (n_t - e_t) q) / sum_t n_t (sum_t n_t = the lengths' sum, so this is the ratio
 * of expected correct tokens to expected tokens). For a fixed length L &gt; k: ((L - k) q + k) / L.
 * A bidirectional model can reach 1 in both directions.
 */
public final class OffsetTaggingGenerator {
  /** Which neighbour a tag copies. */
  public enum Direction { AHEAD, BEHIND }

  private final int vocabulary;
  private final int offset;
  private final Direction direction;
  private final int minLength;
  private final int maxLength;
  private final double stay;

  /**
   * @param vocabulary V >= 2 token values
   * @param offset     k >= 1
   * @param minLength  shortest sequence, >= 1
   * @param maxLength  longest sequence, >= minLength
   * @param stay       probability in [0, 1) that a token repeats its predecessor
   */
  public OffsetTaggingGenerator(int vocabulary, int offset, Direction direction, int minLength, int maxLength,
      double stay) {
    if (vocabulary < 2 || offset < 1 || minLength < 1 || maxLength < minLength || !(stay >= 0.0 && stay < 1.0)) {
      throw new IllegalArgumentException("offset tagging needs vocabulary >= 2, offset >= 1, 1 <= min length <= "
          + "max length and stay in [0, 1), got " + vocabulary + ", " + offset + ", " + minLength + ".." + maxLength
          + ", " + stay);
    }
    this.vocabulary = vocabulary;
    this.offset = offset;
    this.direction = direction;
    this.minLength = minLength;
    this.maxLength = maxLength;
    this.stay = stay;
  }

  /** Number of token values V. */
  public int vocabulary() {
    return vocabulary;
  }

  /** Number of tags, V + 1. */
  public int tagCount() {
    return vocabulary + 1;
  }

  /** The tag of positions whose neighbour lies outside the sequence: V. */
  public int boundaryTag() {
    return vocabulary;
  }

  /** {@code n} sequences drawn from {@code rng}. */
  public TokenTagSequences sample(int n, Rng rng) {
    int[][] tokens = new int[n][];
    int[][] tags = new int[n][];
    for (int s = 0; s < n; s++) {
      int len = rng.nextInt(minLength, maxLength);
      int[] x = new int[len];
      x[0] = rng.nextInt(vocabulary);
      for (int t = 1; t < len; t++) {
        double u = rng.nextDouble();
        x[t] = u < stay ? x[t - 1] : rng.nextInt(vocabulary);
      }
      tokens[s] = x;
      tags[s] = tags(x);
    }
    return new TokenTagSequences(tokens, tags);
  }

  /** The tags of {@code tokens} by the rule above. */
  public int[] tags(int[] tokens) {
    int len = tokens.length;
    int[] y = new int[len];
    for (int t = 0; t < len; t++) {
      int j = direction == Direction.AHEAD ? t + offset : t - offset;
      y[t] = j >= 0 && j < len ? tokens[j] : vocabulary;
    }
    return y;
  }

  /** The Bayes-optimal tags from the left: the prediction at t uses only t and tokens[0..t]. */
  public int[] bayesUnidirectional(int[] tokens) {
    int[] y = new int[tokens.length];
    double q = nextTokenAgreement();
    for (int t = 0; t < tokens.length; t++) {
      if (direction == Direction.BEHIND) {
        y[t] = t >= offset ? tokens[t - offset] : vocabulary;
      } else {
        long alive = alive(t);
        long ending = ending(t);
        y[t] = ending > (alive - ending) * q ? vocabulary : tokens[t];
      }
    }
    return y;
  }

  /** The best pooled token accuracy of any left-to-right predictor (class comment). */
  public double unidirectionalCeiling() {
    if (direction == Direction.BEHIND) {
      return 1.0;
    }
    double q = nextTokenAgreement();
    double correct = 0.0;
    long tokens = 0;
    for (int t = 0; t < maxLength; t++) {
      long alive = alive(t);
      long ending = ending(t);
      correct += Math.max(ending, (alive - ending) * q);
      tokens += alive;
    }
    return correct / tokens;
  }

  /** P(x_{t+k} = x_t) = stay^k + (1 - stay^k) / V. */
  double nextTokenAgreement() {
    double sk = 1.0;
    for (int i = 0; i < offset; i++) {
      sk *= stay;
    }
    return sk + (1.0 - sk) / vocabulary;
  }

  /** Possible lengths l with l > t. */
  private long alive(int t) {
    return Math.max(0, maxLength - Math.max(minLength, t + 1) + 1);
  }

  /** Possible lengths l with t < l <= t + k. */
  private long ending(int t) {
    return Math.max(0, Math.min(maxLength, (long) t + offset) - Math.max(minLength, t + 1) + 1);
  }
}
