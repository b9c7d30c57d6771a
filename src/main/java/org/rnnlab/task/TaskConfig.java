package org.rnnlab.task;

import java.util.List;
import java.util.OptionalInt;
import org.rnnlab.config.Component;

/**
 * The spec record of a task; {@link #create()} builds it. A task config is of one kind of task:
 * {@link SequenceTaskConfig} or {@link PairTaskConfig}; a procedure names the kind it trains on.
 */
public interface TaskConfig extends Component {
  /** The task this config describes (a dataset task reads its files here). */
  Task create();

  /** The names of the metrics the task measures, in order (validated against claims). */
  List<String> metricNames();

  /** The usual sequence length, for cost estimates (the ETA of a run). */
  int typicalLength();

  /**
   * The longest sequence the task can give (e.g. for a batch-normalised model, whose running
   * statistics must cover every training step), or empty if it is unbounded or not known.
   */
  default OptionalInt longestSequence() {
    return OptionalInt.empty();
  }

  /** Whether the task's inputs are token ids (then the model needs an embedding). */
  default boolean tokenInputs() {
    return false;
  }

  /** Whether a trained model of it generates text: it reads and predicts the same tokens (a language model). */
  default boolean generates() {
    return false;
  }

  /** The datasets (names in {@code org.rnnlab.data.Datasets}) this task reads; a run checks them first. */
  default List<String> datasets() {
    return List.of();
  }

  /**
   * Whether the task's splits are fixed texts or files (a dataset, a built-in text), so that the
   * evaluation sets need no size; false for a generated task, which draws as many as asked.
   */
  default boolean fixedSplits() {
    return !datasets().isEmpty();
  }
}
