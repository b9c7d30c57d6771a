package org.rnnlab.task;

import java.util.Map;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;

/**
 * A data generator for a supervised sequence task, with its metrics and trivial baseline.
 * Implementations are deterministic functions of the random stream they are given.
 */
public interface Task {
  /** Features per input step. */
  int inputSize();

  /** Regression outputs, or number of classes for classification. */
  int outputSize();

  /** Whether targets are class labels (softmax cross-entropy) rather than real values (MSE). */
  boolean classification();

  /** Where the targets sit: at the last step of every sequence or at every step. */
  ReadoutMode readout();

  /** The loss this task is defined with by default: "mse" or "cross_entropy". */
  default String defaultLoss() {
    return classification() ? "cross_entropy" : "mse";
  }

  /** A fresh batch drawn from {@code rng}. */
  Batch sample(int batchSize, Rng rng);

  /**
   * The task's metrics for a batch given the model's raw outputs (logits for classification),
   * laid out like the batch's targets: {@code [size][outputs]} or {@code [steps][size][outputs]}.
   * Keys are stable, in a fixed order; values are means over the batch.
   */
  Map<String, Double> evaluate(Batch batch, double[] outputs);

  /** The trivial baseline of each metric it can be stated for (e.g. "mse" -> 1/6), fixed order. */
  Map<String, Double> baseline();

  /** A one-line description of the baseline, e.g. "always predict 1: MSE = 1/6". */
  String baselineDescription();

  /** Whether the metrics meet the task's own success criterion. */
  boolean solved(Map<String, Double> metrics);

  /** One line naming the task variant and its source, for reports. */
  String describe();
}
