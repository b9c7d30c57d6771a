package org.rnnlab.task;

import java.util.Map;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.ReadoutMode;

/** A task that tags every token of its sequences: a class at every step, scored by its {@link #scorer()}. */
interface TaggingTask extends SequenceTask {
  @Override
  default boolean classification() {
    return true;
  }

  @Override
  default ReadoutMode readout() {
    return ReadoutMode.EVERY_STEP;
  }

  /** The scorer's metrics over one batch. */
  @Override
  default Map<String, Double> evaluate(Batch batch, double[] outputs) {
    TaskMath.checkBatch(batch, inputSize());
    Scorer s = scorer();
    s.add(batch, outputs);
    return s.result();
  }
}
