package org.rnnlab.task;

import org.rnnlab.data.Split;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.ReadoutMode;

/**
 * A supervised sequence task: one input sequence per example, targets at every step or at the
 * last one. Its shapes, its data by split ({@link #data()}), its metrics and its trivial baseline.
 * Generated tasks implement {@link GeneratedTask}; datasets on disk have fixed splits. Everything
 * is a deterministic function of the random streams given.
 */
public interface SequenceTask extends Task {
  /** Real-valued features per input step (besides the token id, for a task with {@link #vocabularySize()}). */
  int inputSize();

  /** Token ids per step are in 0..vocabularySize()-1 (id 0: unknown), embedded by the model; 0: no token inputs. */
  default int vocabularySize() {
    return 0;
  }

  /**
   * The token vocabulary as text, for a task whose model reads and predicts the same tokens (a
   * language model: what {@code rnnlab sample} needs); empty for every other task.
   */
  default Optional<TokenCodec> codec() {
    return Optional.empty();
  }

  /** Regression outputs, or number of classes for classification. */
  int outputSize();

  /** Whether targets are class labels (softmax cross-entropy) rather than real values (MSE). */
  boolean classification();

  /** Where the targets sit: at the last step of every sequence or at every step. */
  ReadoutMode readout();

  @Override
  default String defaultLoss() {
    return classification() ? "cross_entropy" : "mse";
  }

  /** The trial's sequences by split. */
  TaskData data();

  /**
   * The number of sequences in the task's fixed training split (a dataset on disk), the most a
   * {@code train_size} can take; empty for a generated task, which draws as many as asked.
   */
  default OptionalInt trainingSplitSize() {
    return OptionalInt.empty();
  }

  /**
   * The task's metrics for a batch given the model's raw outputs (logits for classification),
   * laid out like the batch's targets: {@code [size][outputs]} or {@code [steps][size][outputs]}.
   * Keys are {@link TaskConfig#metricNames()}, in that order; values are means over the batch.
   */
  Map<String, Double> evaluate(Batch batch, double[] outputs);

  /**
   * Accumulates {@link #evaluate}'s metrics over an evaluation set given as several batches
   * ({@link TaskData#evaluationBatches}); the default takes exactly one batch.
   */
  default Scorer scorer() {
    return Scorer.oneBatch(this);
  }

  /** The scorer of an evaluation set of {@code split}, for metrics that depend on it (a baseline's on that text). */
  default Scorer scorer(Split split) {
    return scorer();
  }
}
