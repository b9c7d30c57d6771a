package org.rnnlab.task;

import java.util.Map;

/**
 * What every task says of itself, whatever its examples look like ({@link SequenceTask}: one
 * sequence in, targets per step or at the end; {@link PairTask}: a source sequence in, a target
 * sequence of another length out): its trivial baseline, its success rule and its description.
 */
public interface Task {
  /**
   * The trivial baseline of each metric it can be stated for (e.g. "mse" -> 1/6), fixed order;
   * computed from the training split where it depends on the data (e.g. the most frequent tag).
   */
  Map<String, Double> baseline();

  /** A one-line description of the baseline, e.g. "always predict 1: MSE = 1/6". */
  String baselineDescription();

  /** Whether the metrics meet the task's own success criterion. */
  boolean solved(Map<String, Double> metrics);

  /** One line naming the task variant and its source, for reports. */
  String describe();

  /** The loss this task is defined with by default: "mse" or "cross_entropy". */
  default String defaultLoss() {
    return "cross_entropy";
  }
}
