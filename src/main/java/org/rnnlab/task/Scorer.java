package org.rnnlab.task;

import java.util.Map;
import org.rnnlab.engine.Batch;

/**
 * A task's metrics over an evaluation set that comes as several batches ({@link TaskData#evaluationBatches}),
 * fed one batch at a time so that no batch has to hold the whole set: {@link #add} each batch with the
 * model's outputs (laid out as {@link SequenceTask#evaluate} takes them), then {@link #result}, whose keys and
 * meaning are those of {@link SequenceTask#evaluate} over the union of the batches.
 */
public interface Scorer {
  /** Adds one batch and the model's raw outputs for it. */
  void add(Batch batch, double[] outputs);

  /** The metrics of every batch added, keys as {@link TaskConfig#metricNames()}. */
  Map<String, Double> result();

  /** The default scorer: exactly one batch, scored by {@link SequenceTask#evaluate}. */
  static Scorer oneBatch(SequenceTask task) {
    return new Scorer() {
      private Map<String, Double> result;

      @Override
      public void add(Batch batch, double[] outputs) {
        if (result != null) {
          throw new IllegalStateException(task.describe() + ": this task scores one evaluation batch only");
        }
        result = task.evaluate(batch, outputs);
      }

      @Override
      public Map<String, Double> result() {
        if (result == null) {
          throw new IllegalStateException("no batch was scored");
        }
        return result;
      }
    };
  }
}
