package org.rnnlab.task;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rnnlab.engine.Batch;

/**
 * The metrics of the design-pattern tasks ({@link EchoTask}, {@link DelayedRecallTask}), whose targets
 * are classes at every step, some of them a blank class that says "nothing to report":
 * {@code accuracy}, the fraction of the steps with a non-blank target whose argmax (the first on
 * ties) is that target, and {@code sequence_accuracy}, the fraction of sequences with every step
 * right, blanks included. Steps of zero weight (padding) are never read.
 */
final class StepClassMetrics {
  /** The metric names, in order. */
  static final java.util.List<String> NAMES = java.util.List.of("accuracy", "sequence_accuracy");

  private StepClassMetrics() {}

  /**
   * The metrics of {@code outputs} ({@code [steps][size][classes]} logits) for {@code batch}.
   *
   * @param blank the blank class, or -1 when every target counts
   */
  static Map<String, Double> evaluate(Batch batch, double[] outputs, int classes, int blank) {
    int n = batch.size();
    if (batch.labels() == null || batch.tokens() == null) {
      throw new IllegalArgumentException("the batch has no token ids or no labels at every step");
    }
    TaskMath.checkOutputs(outputs, batch.steps() * n * classes, "[steps][size][" + classes + "]");
    int[] labels = batch.labels();
    long counted = 0;
    long right = 0;
    int whole = 0;
    for (int b = 0; b < n; b++) {
      boolean all = true;
      for (int t = 0; t < batch.steps(); t++) {
        if (batch.weight(t, b) == 0.0) {
          continue;
        }
        int p = t * n + b;
        boolean hit = TaskMath.argmax(outputs, p * classes, classes) == labels[p];
        all &= hit;
        if (labels[p] != blank) {
          counted++;
          right += hit ? 1 : 0;
        }
      }
      whole += all ? 1 : 0;
    }
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("accuracy", counted == 0 ? 0.0 : (double) right / counted);
    m.put("sequence_accuracy", n == 0 ? 0.0 : (double) whole / n);
    return m;
  }
}
