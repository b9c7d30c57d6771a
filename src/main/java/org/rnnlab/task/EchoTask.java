package org.rnnlab.task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.rnnlab.config.Hyper;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;

/**
 * Echo: repeat the most recent input symbol at every step, a design-pattern task whose outputs
 * carry everything the future needs (Goodfellow et al. 2016, 10.2, fig. 10.4: a network whose only
 * recurrence is from its output can solve it). With A symbols and length L, the inputs are token ids
 * 0..A-1 (symbols) and A ("hold"): x_0 is a uniform symbol; for t >= 1, x_t is the hold token with
 * probability {@code hold}, else a uniform symbol, independently. The target is a class 0..A-1 at
 * every step: y_t = x_t on a symbol step, and y_t = y_{t-1} on a hold step, i.e. the latest symbol
 * read (on a hold step: the previous input symbol, echoed). Since y_t is a function of x_t and
 * y_{t-1} alone, the previous target is exactly the memory the task needs.
 *
 * <p>Baseline: the memoryless predictor, which sees x_t only, is right on the symbol steps and
 * guesses (1/A) on the hold steps: accuracy (1 + (L-1)((1-hold) + hold/A)) / L. Metrics
 * ({@link StepClassMetrics}): {@code accuracy} over every step (none is blank) and
 * {@code sequence_accuracy}. Solved: accuracy at least 0.99.
 */
public final class EchoTask implements GeneratedTask {
  /** Spec record: {@code {"type": "echo", "alphabet": 4, "length": 12, "hold": 0.5}}. */
  public record Config(
      @Hyper(doc = "Symbols A (token ids 0..A-1; token A is the hold token; the target classes are the A "
          + "symbols).", min = 2, defaultValue = "4") Integer alphabet,
      @Hyper(doc = "Steps L of every sequence.", min = 2, defaultValue = "12") Integer length,
      @Hyper(doc = "Probability that a step after the first reads the hold token, on which the target repeats "
          + "the previous one (the task's memory).", min = 0, max = 0.95, defaultValue = "0.5") Double hold)
      implements SequenceTaskConfig {
    public Config {
      alphabet = alphabet == null ? 4 : alphabet;
      length = length == null ? 12 : length;
      hold = hold == null ? 0.5 : hold;
      if (alphabet < 2 || length < 2) {
        throw new IllegalArgumentException("echo alphabet and length must be >= 2, got " + alphabet + ", " + length);
      }
      if (!(hold >= 0.0 && hold <= 0.95)) {
        throw new IllegalArgumentException("echo hold must be in [0, 0.95], got " + hold);
      }
    }

    @Override
    public List<String> metricNames() {
      return StepClassMetrics.NAMES;
    }

    @Override
    public int typicalLength() {
      return length;
    }

    @Override
    public OptionalInt longestSequence() {
      return OptionalInt.of(length);
    }

    @Override
    public boolean tokenInputs() {
      return true;
    }

    @Override
    public GeneratedTask create() {
      return new EchoTask(this);
    }
  }

  private final Config config;

  EchoTask(Config config) {
    this.config = config;
  }

  /** The hold token's id. */
  public int holdToken() {
    return config.alphabet();
  }

  @Override
  public int inputSize() {
    return 0;
  }

  @Override
  public int vocabularySize() {
    return config.alphabet() + 1;
  }

  @Override
  public int outputSize() {
    return config.alphabet();
  }

  @Override
  public boolean classification() {
    return true;
  }

  @Override
  public ReadoutMode readout() {
    return ReadoutMode.EVERY_STEP;
  }

  /** Sequence after sequence, step after step: the hold draw (steps >= 1), then the symbol if not held. */
  @Override
  public Batch sample(int batchSize, Rng rng) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive: " + batchSize);
    }
    int steps = config.length();
    int a = config.alphabet();
    int[] tokens = new int[steps * batchSize];
    int[] labels = new int[steps * batchSize];
    for (int b = 0; b < batchSize; b++) {
      int last = -1;
      for (int t = 0; t < steps; t++) {
        int p = t * batchSize + b;
        if (t > 0 && rng.bernoulli(config.hold())) {
          tokens[p] = a;
        } else {
          last = rng.nextInt(a);
          tokens[p] = last;
        }
        labels[p] = last;
      }
    }
    return Batch.ofTokens(steps, batchSize, tokens, 0, null, Batch.fullLengths(steps, batchSize), null, labels,
        null);
  }

  @Override
  public Map<String, Double> evaluate(Batch batch, double[] outputs) {
    TaskMath.checkBatch(batch, 0);
    return StepClassMetrics.evaluate(batch, outputs, outputSize(), -1);
  }

  @Override
  public Map<String, Double> baseline() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("accuracy", memorylessAccuracy());
    return m;
  }

  private double memorylessAccuracy() {
    double h = config.hold();
    int len = config.length();
    return (1.0 + (len - 1) * ((1.0 - h) + h / config.alphabet())) / len;
  }

  @Override
  public String baselineDescription() {
    return String.format(Locale.ROOT, "memoryless: right on the symbol steps, a guess (1/%d) on the hold steps: "
        + "accuracy %.4f", config.alphabet(), memorylessAccuracy());
  }

  @Override
  public boolean solved(Map<String, Double> metrics) {
    return metrics.getOrDefault("accuracy", Double.NaN) >= 0.99;
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "echo: repeat the latest input symbol (a hold token with probability %s "
        + "repeats the previous one), %d symbols, length %d (the output carries the memory)", config.hold(),
        config.alphabet(), config.length());
  }
}
