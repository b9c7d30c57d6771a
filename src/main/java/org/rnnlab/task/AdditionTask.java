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
 * Addition of two non-negative integers written as strings, as in the Keras {@code addition_rnn}
 * example: the source is the characters of "535+61", the target those of the sum "596" (no padding:
 * sources and targets have their own lengths). With {@code reverse_input} the whole source string is
 * read backwards ("16+535"), the trick of Sutskever et al. (2014) that the Keras example uses.
 *
 * <p>Operands: each independently, a number of digits d uniform on 1..digits, then a value uniform
 * among the d-digit numbers (0..9 for d = 1, else 10^(d-1)..10^d-1, drawn as a first digit 1..9 and
 * d-1 digits 0..9). Uniform over digit counts rather than over values because the latter would make
 * nearly all operands full-length (90% for 3 digits, 99% of pairs with at least one), so short inputs,
 * and the variable lengths an encoder–decoder must handle, would hardly occur; the Keras example draws
 * the number of digits uniformly too.
 *
 * <p>Source ids: the characters 0-9 then '+' (0..10); target ids 2..11 the digits 0-9 (0 and 1 are
 * the decoder's start and end). Metrics ({@link GeneratedPairTask}): {@code accuracy} (whole sums
 * right) and {@code token_error_rate}. Baseline: the best constant output, "9", is right with
 * probability 1/(10 D^2) for D = digits (both operands single-digit, D^-2 of pairs, summing to 9,
 * 10 of their 100 equally likely pairs; no other sum is as likely: {@code AdditionTaskTest} enumerates
 * D = 1..3); the empty output has token error rate exactly 1. Solved: accuracy of at least
 * target_accuracy.
 */
public final class AdditionTask implements GeneratedPairTask {
  /** Source symbols in id order. */
  static final String SOURCE_SYMBOLS = "0123456789+";
  /** Target symbols (ids 2..11) in order. */
  static final String DIGITS = "0123456789";
  /** The most digits an operand may have: the sum of two must fit a long. */
  static final int MAX_DIGITS = 18;

  /** Spec record: {@code {"type": "addition", "digits": 3, "reverse_input": true}}. */
  public record Config(
      @Hyper(doc = "Most digits per operand D: each operand has 1..D digits (uniform), then a value uniform "
          + "among the numbers of that many digits.", min = 1, max = MAX_DIGITS, defaultValue = "3") Integer digits,
      @Hyper(doc = "Read the source string backwards (\"535+61\" as \"16+535\"; Sutskever et al. 2014, the Keras "
          + "addition_rnn example).", defaultValue = "false") Boolean reverseInput,
      @Hyper(doc = "Solved when the exact-match accuracy is at least this.", min = 0, max = 1,
          defaultValue = "0.99") Double targetAccuracy) implements PairTaskConfig {
    public Config {
      digits = digits == null ? 3 : digits;
      reverseInput = reverseInput != null && reverseInput;
      targetAccuracy = targetAccuracy == null ? 0.99 : targetAccuracy;
      if (digits < 1 || digits > MAX_DIGITS) {
        throw new IllegalArgumentException("addition digits must be in 1.." + MAX_DIGITS + ", got " + digits);
      }
      if (!(targetAccuracy >= 0.0 && targetAccuracy <= 1.0)) {
        throw new IllegalArgumentException("addition target_accuracy must be in [0, 1], got " + targetAccuracy);
      }
    }

    @Override
    public List<String> metricNames() {
      return GeneratedPairTask.METRICS;
    }

    /**
     * Encoder plus decoder steps of a typical pair: a source of mean length D + 2 (two operands of
     * (D+1)/2 digits on average and '+') and a sum of about D + 1 characters with its end symbol.
     */
    @Override
    public int typicalLength() {
      return 2 * digits + 3;
    }

    /** The longest source, 2D + 1. */
    @Override
    public OptionalInt longestSequence() {
      return OptionalInt.of(2 * digits + 1);
    }

    @Override
    public boolean tokenInputs() {
      return true;
    }

    @Override
    public AdditionTask create() {
      return new AdditionTask(this);
    }
  }

  private static final TokenCodec SOURCE = TokenCodec.ofCharacters(SOURCE_SYMBOLS);
  private static final TokenCodec TARGET = PairCodecs.targetCharacters(DIGITS);

  private final Config config;

  AdditionTask(Config config) {
    this.config = config;
  }

  /** The config this task was built from. */
  public Config config() {
    return config;
  }

  @Override
  public TokenCodec sourceCodec() {
    return SOURCE;
  }

  @Override
  public TokenCodec targetCodec() {
    return TARGET;
  }

  /** Per pair, from {@code rng} in order: the first operand (digit count, then digits), then the second. */
  @Override
  public PairSet sample(int n, Rng rng) {
    if (n < 1) {
      throw new IllegalArgumentException("an addition set needs at least one pair, got " + n);
    }
    List<int[]> sources = new ArrayList<>(n);
    List<List<int[]>> refs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String a = operand(rng);
      String b = operand(rng);
      String text = a + "+" + b;
      if (config.reverseInput()) {
        text = new StringBuilder(text).reverse().toString();
      }
      sources.add(SOURCE.encode(text));
      refs.add(List.of(TARGET.encode(Long.toString(Long.parseLong(a) + Long.parseLong(b)))));
    }
    return new PairSet(sources, refs);
  }

  /** One operand's decimal digits: 1..D digits uniformly, then a value uniform among those of that many digits. */
  private String operand(Rng rng) {
    int d = rng.nextInt(1, config.digits());
    StringBuilder s = new StringBuilder(d);
    s.append((char) ('0' + (d == 1 ? rng.nextInt(10) : rng.nextInt(1, 9)))); // no leading zero
    for (int k = 1; k < d; k++) {
      s.append((char) ('0' + rng.nextInt(10)));
    }
    return s.toString();
  }

  /** The longest sum, D + 1 digits (2 (10^D - 1) < 10^(D+1)), and its end symbol. */
  @Override
  public int longestTarget() {
    return config.digits() + 2;
  }

  @Override
  public Map<String, Double> baseline() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("accuracy", bestConstantAccuracy());
    m.put("token_error_rate", 1.0);
    return m;
  }

  /** P(sum = 9) = 1/(10 D^2), the most likely sum's probability. */
  double bestConstantAccuracy() {
    return 1.0 / (10.0 * config.digits() * config.digits());
  }

  @Override
  public String baselineDescription() {
    return String.format(Locale.ROOT, "best constant output \"9\": accuracy 1/(10*%d^2) = %.4g; the empty output: "
        + "token error rate 1", config.digits(), bestConstantAccuracy());
  }

  @Override
  public boolean solved(Map<String, Double> metrics) {
    return GeneratedPairTask.accuracyAtLeast(metrics, config.targetAccuracy());
  }

  @Override
  public String describe() {
    return "addition of two integers of 1.." + config.digits() + " digits written as strings (\"535+61\" -> \"596\")"
        + (config.reverseInput() ? ", source reversed" : "") + " (Keras addition_rnn; Sutskever et al. 2014)";
  }
}
