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
 * Delayed recall: read k symbols, wait, then write them back in order; a design-pattern task whose
 * intermediate outputs are blank, so the output sequence carries nothing of what must be recalled
 * (Goodfellow et al. 2016, 10.2: a network whose only recurrence is from its output cannot solve it;
 * one with hidden-to-hidden recurrence can). With A symbols, k items and delay d, every sequence
 * has L = k + d + k steps of token ids: 0..A-1 are symbols, A the blank token, A+1 the recall cue.
 * Inputs: k uniform symbols s_1..s_k, d blank tokens, k cues. Targets, a class at every step
 * (0..A-1 the symbols, A the blank class): the blank for the first k + d steps, then s_1..s_k.
 *
 * <p>Baseline: chance, 1/A on the recalled steps (the memoryless predictor writes the blank, then
 * guesses). A network fed its previous output and the current input only sees (cue, blank) or
 * (cue, s_{j-1}) at recall step j, both independent of s_j: it is held to this baseline. Metrics
 * ({@link StepClassMetrics}): {@code accuracy} over the k recalled steps (blank targets excluded)
 * and {@code sequence_accuracy} (every step right, blanks included). Solved: accuracy at least 0.99.
 */
public final class DelayedRecallTask implements GeneratedTask {
  /** Spec record: {@code {"type": "delayed_recall", "alphabet": 4, "items": 3, "delay": 5}}. */
  public record Config(
      @Hyper(doc = "Symbols A (token ids 0..A-1; A is the blank token, A+1 the recall cue; classes 0..A-1 and "
          + "the blank class A).", min = 2, defaultValue = "4") Integer alphabet,
      @Hyper(doc = "Symbols k read at the start and recalled at the end.", min = 1, defaultValue = "3")
      Integer items,
      @Hyper(doc = "Blank steps d between reading and recall (every sequence has k + d + k steps).", min = 0,
          defaultValue = "5") Integer delay) implements SequenceTaskConfig {
    public Config {
      alphabet = alphabet == null ? 4 : alphabet;
      items = items == null ? 3 : items;
      delay = delay == null ? 5 : delay;
      if (alphabet < 2 || items < 1 || delay < 0) {
        throw new IllegalArgumentException("delayed_recall needs alphabet >= 2, items >= 1, delay >= 0; got "
            + alphabet + ", " + items + ", " + delay);
      }
    }

    /** Steps of every sequence. */
    public int length() {
      return 2 * items + delay;
    }

    @Override
    public List<String> metricNames() {
      return StepClassMetrics.NAMES;
    }

    @Override
    public int typicalLength() {
      return length();
    }

    @Override
    public OptionalInt longestSequence() {
      return OptionalInt.of(length());
    }

    @Override
    public boolean tokenInputs() {
      return true;
    }

    @Override
    public GeneratedTask create() {
      return new DelayedRecallTask(this);
    }
  }

  private final Config config;

  DelayedRecallTask(Config config) {
    this.config = config;
  }

  /** The blank class (and blank token) id. */
  public int blank() {
    return config.alphabet();
  }

  /** The recall cue's token id. */
  public int cue() {
    return config.alphabet() + 1;
  }

  /** The first recalled step. */
  public int recallStart() {
    return config.items() + config.delay();
  }

  @Override
  public int inputSize() {
    return 0;
  }

  @Override
  public int vocabularySize() {
    return config.alphabet() + 2;
  }

  @Override
  public int outputSize() {
    return config.alphabet() + 1;
  }

  @Override
  public boolean classification() {
    return true;
  }

  @Override
  public ReadoutMode readout() {
    return ReadoutMode.EVERY_STEP;
  }

  /** Sequence after sequence: its k symbols in order. */
  @Override
  public Batch sample(int batchSize, Rng rng) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive: " + batchSize);
    }
    int k = config.items();
    int steps = config.length();
    int start = recallStart();
    int[] tokens = new int[steps * batchSize];
    int[] labels = new int[steps * batchSize];
    for (int b = 0; b < batchSize; b++) {
      for (int t = 0; t < start; t++) {
        tokens[t * batchSize + b] = blank();
        labels[t * batchSize + b] = blank();
      }
      for (int j = 0; j < k; j++) {
        int s = rng.nextInt(config.alphabet());
        tokens[j * batchSize + b] = s;
        tokens[(start + j) * batchSize + b] = cue();
        labels[(start + j) * batchSize + b] = s;
      }
    }
    return Batch.ofTokens(steps, batchSize, tokens, 0, null, Batch.fullLengths(steps, batchSize), null, labels,
        null);
  }

  @Override
  public Map<String, Double> evaluate(Batch batch, double[] outputs) {
    TaskMath.checkBatch(batch, 0);
    return StepClassMetrics.evaluate(batch, outputs, outputSize(), blank());
  }

  @Override
  public Map<String, Double> baseline() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("accuracy", 1.0 / config.alphabet());
    return m;
  }

  @Override
  public String baselineDescription() {
    return String.format(Locale.ROOT, "chance: the blank, then a guess among the %d symbols: accuracy 1/%d = %.4f "
        + "on the recalled steps (also the ceiling of a network whose only recurrence is from its output)",
        config.alphabet(), config.alphabet(), 1.0 / config.alphabet());
  }

  @Override
  public boolean solved(Map<String, Double> metrics) {
    return metrics.getOrDefault("accuracy", Double.NaN) >= 0.99;
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "delayed recall: read %d of %d symbols, wait %d blank steps, write them back "
        + "on %d cues (intermediate targets blank: the output carries no memory)", config.items(),
        config.alphabet(), config.delay(), config.items());
  }
}
