package org.rnnlab.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.rnnlab.config.Hyper;
import org.rnnlab.engine.Rng;

/**
 * Sequence reversal (and copy), the classic encoder–decoder toy: a source of symbols drawn uniformly
 * and independently from an alphabet of K symbols (written a, b, c, …), its length uniform on the
 * integers min_len..max_len; the target is the source reversed ({@code reverse}) or the source itself
 * ({@code copy}). Source ids are 0..K-1; target ids 2..K+1 are the same symbols (0 and 1 are the
 * decoder's start and end). The codecs depend on K only, so an evaluation set of longer sequences
 * than any seen in training is the same task with other lengths.
 *
 * <p>Metrics ({@link GeneratedPairTask}): {@code accuracy}, the fraction of sources whose whole output
 * equals the target, and {@code token_error_rate}, summed edit distances over summed target lengths.
 * Baseline: the best constant output (any string of min_len symbols) is right with probability
 * K^-min_len / (max_len - min_len + 1); the empty output has token error rate exactly 1. Solved:
 * accuracy of at least target_accuracy.
 */
public final class ReversalTask implements GeneratedPairTask {
  /** The symbols of the largest alphabet, in id order: a-z, A-Z, 0-9. */
  static final String SYMBOLS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  static final String REVERSE = "reverse";
  static final String COPY = "copy";

  /** Spec record: {@code {"type": "reversal", "alphabet": 10, "min_len": 1, "max_len": 10, "operation": "reverse"}}. */
  public record Config(
      @Hyper(doc = "Number of distinct symbols K, written a, b, c, ... (then A-Z, 0-9).", min = 2, max = 62,
          defaultValue = "10") Integer alphabet,
      @Hyper(doc = "Shortest source (lengths are uniform on min_len..max_len).", min = 1, defaultValue = "1")
      Integer minLen,
      @Hyper(doc = "Longest source; an evaluation set of longer sources than training is this task with other "
          + "lengths.", min = 1, defaultValue = "10") Integer maxLen,
      @Hyper(doc = "The target: reverse (the source reversed) or copy (the source itself).",
          allowed = {REVERSE, COPY}, defaultValue = "\"reverse\"") String operation,
      @Hyper(doc = "Solved when the exact-match accuracy is at least this.", min = 0, max = 1,
          defaultValue = "0.99") Double targetAccuracy) implements PairTaskConfig {
    public Config {
      alphabet = alphabet == null ? 10 : alphabet;
      minLen = minLen == null ? 1 : minLen;
      maxLen = maxLen == null ? 10 : maxLen;
      operation = operation == null ? REVERSE : operation;
      targetAccuracy = targetAccuracy == null ? 0.99 : targetAccuracy;
      if (alphabet < 2 || alphabet > SYMBOLS.length()) {
        throw new IllegalArgumentException("reversal alphabet must be in 2.." + SYMBOLS.length() + ", got " + alphabet);
      }
      if (minLen < 1 || maxLen < 1) {
        throw new IllegalArgumentException("reversal min_len and max_len must be >= 1, got " + minLen + " and "
            + maxLen);
      }
      if (minLen > maxLen) {
        throw new IllegalArgumentException("reversal min_len " + minLen + " is above max_len " + maxLen);
      }
      if (!operation.equals(REVERSE) && !operation.equals(COPY)) {
        throw new IllegalArgumentException("reversal operation must be reverse or copy, got " + operation);
      }
      if (!(targetAccuracy >= 0.0 && targetAccuracy <= 1.0)) {
        throw new IllegalArgumentException("reversal target_accuracy must be in [0, 1], got " + targetAccuracy);
      }
    }

    @Override
    public List<String> metricNames() {
      return GeneratedPairTask.METRICS;
    }

    /** Encoder plus decoder steps of a source of mean length: the source, the target and its end symbol. */
    @Override
    public int typicalLength() {
      return minLen + maxLen + 1;
    }

    /** The longest source, max_len. */
    @Override
    public OptionalInt longestSequence() {
      return OptionalInt.of(maxLen);
    }

    @Override
    public boolean tokenInputs() {
      return true;
    }

    @Override
    public ReversalTask create() {
      return new ReversalTask(this);
    }
  }

  private final Config config;
  private final TokenCodec source;
  private final TokenCodec target;

  ReversalTask(Config config) {
    this.config = config;
    String symbols = SYMBOLS.substring(0, config.alphabet());
    this.source = TokenCodec.ofCharacters(symbols);
    this.target = PairCodecs.targetCharacters(symbols);
  }

  /** The config this task was built from. */
  public Config config() {
    return config;
  }

  @Override
  public TokenCodec sourceCodec() {
    return source;
  }

  @Override
  public TokenCodec targetCodec() {
    return target;
  }

  /** Per pair: the length, then the symbols in order, all from {@code rng}. */
  @Override
  public PairSet sample(int n, Rng rng) {
    if (n < 1) {
      throw new IllegalArgumentException("a reversal set needs at least one pair, got " + n);
    }
    boolean reverse = config.operation().equals(REVERSE);
    List<int[]> sources = new ArrayList<>(n);
    List<List<int[]>> refs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int len = rng.nextInt(config.minLen(), config.maxLen());
      int[] s = new int[len];
      int[] t = new int[len];
      for (int k = 0; k < len; k++) {
        s[k] = rng.nextInt(config.alphabet());
      }
      for (int k = 0; k < len; k++) {
        t[k] = PairCodecs.FIRST + s[reverse ? len - 1 - k : k];
      }
      sources.add(s);
      refs.add(List.of(t));
    }
    return new PairSet(sources, refs);
  }

  @Override
  public int longestTarget() {
    return config.maxLen() + 1;
  }

  @Override
  public Map<String, Double> baseline() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("accuracy", bestConstantAccuracy());
    m.put("token_error_rate", 1.0);
    return m;
  }

  /** P(target = c) for the best constant c: any string of min_len symbols, K^-min_len / (number of lengths). */
  double bestConstantAccuracy() {
    return StrictMath.pow(config.alphabet(), -config.minLen()) / (config.maxLen() - config.minLen() + 1);
  }

  @Override
  public String baselineDescription() {
    return String.format(Locale.ROOT, "best constant output (any %d symbols): accuracy %d^-%d / %d = %.3g; "
        + "the empty output: token error rate 1", config.minLen(), config.alphabet(), config.minLen(),
        config.maxLen() - config.minLen() + 1, bestConstantAccuracy());
  }

  @Override
  public boolean solved(Map<String, Double> metrics) {
    return GeneratedPairTask.accuracyAtLeast(metrics, config.targetAccuracy());
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "sequence %s, %d symbols, source lengths uniform on %d..%d",
        config.operation().equals(REVERSE) ? "reversal" : "copy", config.alphabet(), config.minLen(),
        config.maxLen());
  }
}
