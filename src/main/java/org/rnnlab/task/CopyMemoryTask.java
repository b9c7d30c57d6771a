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
 * The copy memory task of Arjovsky, Shah and Bengio (2016), as used by Bai, Kolter and Koltun
 * (2018). With K data symbols, R symbols to recall and blank length T, every sequence has
 * T+2R steps of one-hot inputs over K+2 categories: 0..K-1 are data, K is the blank and K+1 the
 * delimiter. Input: R symbols uniform over 0..K-1, T-1 blanks, the delimiter, R blanks.
 * Target (a class at every step): the blank for the first T+R steps, then the R symbols in order.
 * With the paper's K = 8, R = 10 the categories are a0..a9 as in the paper.
 *
 * <p>Baseline: the best memoryless strategy predicts the blank with certainty for T+R steps and
 * the uniform distribution over the K symbols for the last R, so its mean cross-entropy per step is
 * R ln K / (T+2R) (T = 100: 0.1733; 1000: 0.0204). Metrics: {@code cross_entropy} and
 * {@code accuracy} over all steps, {@code recall_accuracy} over the last R steps only (the
 * all-step accuracy is dominated by the blanks). Solved: recall accuracy of at least 99%.
 */
public final class CopyMemoryTask implements GeneratedTask {
  /** Spec record: {@code {"type": "copy_memory", "blank_len": 100}}. */
  public record Config(
      @Hyper(doc = "Blank length T: steps between the end of the symbols and the end of the delimiter "
          + "(T-1 blanks then the delimiter); the sequence has T+2*recall_len steps.", min = 1) Integer blankLen,
      @Hyper(doc = "Number of distinct data symbols K (8 in Arjovsky et al. 2016).", min = 2,
          defaultValue = "8") Integer symbols,
      @Hyper(doc = "Number of symbols R to memorise and recall (10 in Arjovsky et al. 2016).", min = 1,
          defaultValue = "10") Integer recallLen) implements SequenceTaskConfig {
    public Config {
      if (blankLen == null) {
        throw new IllegalArgumentException("copy_memory needs blank_len");
      }
      symbols = symbols == null ? 8 : symbols;
      recallLen = recallLen == null ? 10 : recallLen;
      if (blankLen < 1) {
        throw new IllegalArgumentException("copy_memory blank_len must be >= 1, got " + blankLen);
      }
      if (symbols < 2) {
        throw new IllegalArgumentException("copy_memory symbols must be >= 2, got " + symbols);
      }
      if (recallLen < 1) {
        throw new IllegalArgumentException("copy_memory recall_len must be >= 1, got " + recallLen);
      }
    }

    @Override
    public List<String> metricNames() {
      return List.of("cross_entropy", "accuracy", "recall_accuracy");
    }

    @Override
    public int typicalLength() {
      return blankLen + 2 * recallLen;
    }

    /** Every sequence is T + 2R long. */
    @Override
    public OptionalInt longestSequence() {
      return OptionalInt.of(typicalLength());
    }

    @Override
    public GeneratedTask create() {
      return new CopyMemoryTask(this);
    }
  }

  private final int blankLen;
  private final int symbols;
  private final int recallLen;
  private final int steps;

  CopyMemoryTask(Config config) {
    this.blankLen = config.blankLen();
    this.symbols = config.symbols();
    this.recallLen = config.recallLen();
    this.steps = blankLen + 2 * recallLen;
  }

  /** Category of the blank. */
  public int blank() {
    return symbols;
  }

  /** Category of the delimiter that asks for the recall. */
  public int delimiter() {
    return symbols + 1;
  }

  /** Length of every sequence, T + 2R. */
  public int length() {
    return steps;
  }

  /** First step whose target is a recalled symbol, T + R. */
  public int recallStart() {
    return blankLen + recallLen;
  }

  @Override
  public int inputSize() {
    return symbols + 2;
  }

  @Override
  public int outputSize() {
    return symbols + 2;
  }

  @Override
  public boolean classification() {
    return true;
  }

  @Override
  public ReadoutMode readout() {
    return ReadoutMode.EVERY_STEP;
  }

  @Override
  public Batch sample(int batchSize, Rng rng) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive: " + batchSize);
    }
    int c = inputSize();
    double[] x = new double[steps * batchSize * c];
    int[] labels = new int[steps * batchSize];
    int start = recallStart();
    for (int b = 0; b < batchSize; b++) {
      for (int t = 0; t < steps; t++) {
        int in;
        if (t < recallLen) {
          in = rng.nextInt(symbols);
          labels[(start + t) * batchSize + b] = in;
        } else {
          in = t == start - 1 ? delimiter() : blank();
        }
        TaskMath.oneHot(x, t, b, batchSize, c, in);
        if (t < start) {
          labels[t * batchSize + b] = blank();
        }
      }
    }
    return new Batch(steps, batchSize, c, x, Batch.fullLengths(steps, batchSize), null, labels, null);
  }

  @Override
  public Map<String, Double> evaluate(Batch batch, double[] outputs) {
    TaskMath.checkBatch(batch, inputSize());
    int c = outputSize();
    int n = batch.size();
    TaskMath.checkOutputs(outputs, batch.steps() * n * c, "[steps][size][" + c + "]");
    int[] labels = batch.labels();
    double wSum = 0.0;
    double ce = 0.0;
    double correct = 0.0;
    double wRecall = 0.0;
    double correctRecall = 0.0;
    int start = recallStart();
    for (int t = 0; t < batch.steps(); t++) {
      for (int b = 0; b < n; b++) {
        double w = batch.weight(t, b);
        if (w == 0.0) {
          continue; // padding or masked: its outputs are meaningless and may be anything
        }
        int p = t * n + b;
        int label = labels[p];
        ce += w * TaskMath.crossEntropy(outputs, p * c, c, label);
        double hit = TaskMath.argmax(outputs, p * c, c) == label ? w : 0.0;
        wSum += w;
        correct += hit;
        if (t >= start) {
          wRecall += w;
          correctRecall += hit;
        }
      }
    }
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("cross_entropy", wSum == 0.0 ? 0.0 : ce / wSum);
    m.put("accuracy", wSum == 0.0 ? 0.0 : correct / wSum);
    m.put("recall_accuracy", wRecall == 0.0 ? 0.0 : correctRecall / wRecall);
    return m;
  }

  @Override
  public Map<String, Double> baseline() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("cross_entropy", recallLen * StrictMath.log(symbols) / steps);
    // the memoryless predictor gets every blank right and guesses each recalled symbol
    m.put("accuracy", (recallStart() + (double) recallLen / symbols) / steps);
    m.put("recall_accuracy", 1.0 / symbols);
    return m;
  }

  @Override
  public String baselineDescription() {
    return String.format(Locale.ROOT, "memoryless: blank for %d steps, then uniform over the %d symbols: "
        + "cross-entropy = %d ln %d / %d = %.4f per step, recall accuracy 1/%d",
        recallStart(), symbols, recallLen, symbols, steps, baseline().get("cross_entropy"), symbols);
  }

  @Override
  public boolean solved(Map<String, Double> metrics) {
    return metrics.getOrDefault("recall_accuracy", Double.NaN) >= 0.99;
  }

  @Override
  public String describe() {
    return "copy memory, T=" + blankLen + ", " + symbols + " symbols, recall " + recallLen + ", length " + steps
        + " (Arjovsky, Shah & Bengio 2016; Bai, Kolter & Koltun 2018)";
  }
}
