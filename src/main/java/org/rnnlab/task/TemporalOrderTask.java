package org.rnnlab.task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.rnnlab.config.Hyper;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;

/**
 * The temporal order problem, task 6a of Hochreiter and Schmidhuber (1997): a sequence starts
 * with E, ends with the trigger B, and is otherwise made of symbols drawn uniformly from
 * {a, b, c, d}, except at two steps t1 and t2 that hold X or Y. The class, asked for at the
 * trigger, is the order of the two: XX, XY, YX, YY (the paper's Q, R, S, U) = classes 0..3.
 *
 * <p>Lengths are uniform on minLen..maxLen (100..110 in the paper), so a batch has mixed lengths
 * ({@link Batch#lengths()}, the tail padded with zeros) and the model reads each sequence at its
 * own last step. Steps count from 0, E at step 0. t1 and t2 are uniform in windows given as
 * fractions of minLen, rounded to the nearest step: the defaults 0.1-0.2 and 0.5-0.6 give the
 * paper's [10,20] and [50,60] at minLen 100, and shorten with the sequence the way Pascanu,
 * Mikolov and Bengio (2013) scale the task (10-20% and 50-60% of the length). The windows must
 * satisfy 1 &lt;= t1 window &lt; t2 window &lt;= minLen-2, so that E and B are never replaced.
 *
 * <p>Symbols, one-hot in this order: a, b, c, d, B, E, X, Y. Metrics: {@code cross_entropy} and
 * {@code accuracy}. Chance: accuracy 1/4 and cross-entropy ln 4. Solved: accuracy of at least
 * 99%, Pascanu et al.'s criterion (under 1% misclassified).
 */
public final class TemporalOrderTask implements GeneratedTask {
  /** Spec record: {@code {"type": "temporal_order", "min_len": 100, "max_len": 110}}. */
  public record Config(
      @Hyper(doc = "Shortest sequence length (100 in Hochreiter & Schmidhuber 1997); the t1/t2 windows scale with it.",
          min = 4, defaultValue = "100") Integer minLen,
      @Hyper(doc = "Longest sequence length (110 in the paper); lengths are uniform on min_len..max_len.",
          min = 4, defaultValue = "110") Integer maxLen,
      @Hyper(doc = "Start of the window of t1, as a fraction of min_len (0.1: step 10 of 100).", min = 0, max = 1,
          defaultValue = "0.1") Double t1From,
      @Hyper(doc = "End of the window of t1 (inclusive), as a fraction of min_len (0.2: step 20 of 100).", min = 0,
          max = 1, defaultValue = "0.2") Double t1To,
      @Hyper(doc = "Start of the window of t2, as a fraction of min_len (0.5: step 50 of 100).", min = 0, max = 1,
          defaultValue = "0.5") Double t2From,
      @Hyper(doc = "End of the window of t2 (inclusive), as a fraction of min_len (0.6: step 60 of 100).", min = 0,
          max = 1, defaultValue = "0.6") Double t2To) implements SequenceTaskConfig {
    public Config {
      minLen = minLen == null ? 100 : minLen;
      maxLen = maxLen == null ? 110 : maxLen;
      t1From = t1From == null ? 0.1 : t1From;
      t1To = t1To == null ? 0.2 : t1To;
      t2From = t2From == null ? 0.5 : t2From;
      t2To = t2To == null ? 0.6 : t2To;
      if (minLen < 4) {
        throw new IllegalArgumentException("temporal_order min_len must be >= 4, got " + minLen);
      }
      if (maxLen < minLen) {
        throw new IllegalArgumentException("temporal_order max_len " + maxLen + " is below min_len " + minLen);
      }
      for (double f : new double[] {t1From, t1To, t2From, t2To}) {
        if (!(f >= 0.0 && f <= 1.0)) {
          throw new IllegalArgumentException("temporal_order window fractions must be in [0,1], got " + f);
        }
      }
      int a = step(t1From, minLen);
      int b = step(t1To, minLen);
      int c = step(t2From, minLen);
      int d = step(t2To, minLen);
      if (!(1 <= a && a <= b && b < c && c <= d && d <= minLen - 2)) {
        throw new IllegalArgumentException("temporal_order windows t1 [" + a + "," + b + "], t2 [" + c + "," + d
            + "] must satisfy 1 <= t1 window < t2 window <= min_len-2 = " + (minLen - 2));
      }
    }

    @Override
    public List<String> metricNames() {
      return List.of("cross_entropy", "accuracy");
    }

    @Override
    public int typicalLength() {
      return (minLen + maxLen) / 2;
    }

    @Override
    public OptionalInt longestSequence() {
      return OptionalInt.of(maxLen);
    }

    @Override
    public GeneratedTask create() {
      return new TemporalOrderTask(this);
    }
  }

  /** Nearest step to a fraction of the length; Math.round is exact, so this is the same everywhere. */
  static int step(double fraction, int length) {
    return (int) Math.round(fraction * length);
  }

  /** Input index of a; b, c, d follow. */
  public static final int A = 0;
  /** Input index of the trigger B, the last symbol. */
  public static final int B_TRIGGER = 4;
  /** Input index of the start symbol E. */
  public static final int E_START = 5;
  /** Input index of X. */
  public static final int X = 6;
  /** Input index of Y. */
  public static final int Y = 7;

  private final int minLen;
  private final int maxLen;
  private final int t1Min;
  private final int t1Max;
  private final int t2Min;
  private final int t2Max;

  TemporalOrderTask(Config config) {
    this.minLen = config.minLen();
    this.maxLen = config.maxLen();
    this.t1Min = step(config.t1From(), minLen);
    this.t1Max = step(config.t1To(), minLen);
    this.t2Min = step(config.t2From(), minLen);
    this.t2Max = step(config.t2To(), minLen);
  }

  /** The window of t1 as {first, last} step. */
  public int[] t1Window() {
    return new int[] {t1Min, t1Max};
  }

  /** The window of t2 as {first, last} step. */
  public int[] t2Window() {
    return new int[] {t2Min, t2Max};
  }

  @Override
  public int inputSize() {
    return 8;
  }

  @Override
  public int outputSize() {
    return 4;
  }

  @Override
  public boolean classification() {
    return true;
  }

  @Override
  public ReadoutMode readout() {
    return ReadoutMode.LAST;
  }

  @Override
  public Batch sample(int batchSize, Rng rng) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive: " + batchSize);
    }
    int[] lengths = new int[batchSize];
    int steps = 0;
    for (int b = 0; b < batchSize; b++) {
      lengths[b] = rng.nextInt(minLen, maxLen);
      steps = Math.max(steps, lengths[b]);
    }
    double[] x = new double[steps * batchSize * 8];
    int[] labels = new int[batchSize];
    for (int b = 0; b < batchSize; b++) {
      int len = lengths[b];
      int t1 = rng.nextInt(t1Min, t1Max);
      int t2 = rng.nextInt(t2Min, t2Max);
      int v1 = rng.nextInt(2);
      int v2 = rng.nextInt(2);
      labels[b] = 2 * v1 + v2; // XX=0, XY=1, YX=2, YY=3
      for (int t = 0; t < len; t++) {
        int s;
        if (t == 0) {
          s = E_START;
        } else if (t == len - 1) {
          s = B_TRIGGER;
        } else if (t == t1) {
          s = X + v1;
        } else if (t == t2) {
          s = X + v2;
        } else {
          s = A + rng.nextInt(4);
        }
        TaskMath.oneHot(x, t, b, batchSize, 8, s);
      }
    }
    return new Batch(steps, batchSize, 8, x, lengths, null, labels, null);
  }

  @Override
  public Map<String, Double> evaluate(Batch batch, double[] outputs) {
    TaskMath.checkBatch(batch, 8);
    int n = batch.size();
    TaskMath.checkOutputs(outputs, n * 4, "[size][4]");
    double ce = 0.0;
    int correct = 0;
    for (int b = 0; b < n; b++) {
      int label = batch.labels()[b];
      ce += TaskMath.crossEntropy(outputs, b * 4, 4, label);
      if (TaskMath.argmax(outputs, b * 4, 4) == label) {
        correct++;
      }
    }
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("cross_entropy", ce / n);
    m.put("accuracy", (double) correct / n);
    return m;
  }

  @Override
  public Map<String, Double> baseline() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("cross_entropy", StrictMath.log(4.0));
    m.put("accuracy", 0.25);
    return m;
  }

  @Override
  public String baselineDescription() {
    return "chance over 4 balanced classes: accuracy 1/4, cross-entropy ln 4 = 1.3863";
  }

  @Override
  public boolean solved(Map<String, Double> metrics) {
    return metrics.getOrDefault("accuracy", Double.NaN) >= 0.99;
  }

  @Override
  public String describe() {
    return "temporal order 6a, lengths " + minLen + ".." + maxLen + ", t1 in [" + t1Min + "," + t1Max + "], t2 in ["
        + t2Min + "," + t2Max + "], 4 classes (Hochreiter & Schmidhuber 1997; Pascanu, Mikolov & Bengio 2013)";
  }
}
