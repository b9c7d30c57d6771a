package org.rnnlab.model;

import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.task.SequenceTask;

/**
 * What a task asks of a model, as one value: the real features per step, the token vocabulary
 * (ids 0..vocabulary-1 per step, embedded by the model; 0: no token inputs), the outputs (regression
 * outputs or classes), where the targets are (every step or each sequence's last step) and whether
 * they are classes.
 */
public record ModelShape(int features, int vocabulary, int outputs, ReadoutMode readout, boolean classification) {
  public ModelShape {
    if (features < 0 || vocabulary < 0 || outputs < 1 || readout == null) {
      throw new IllegalArgumentException("a model shape needs features >= 0, vocabulary >= 0, outputs >= 1 and a "
          + "readout, got " + features + ", " + vocabulary + ", " + outputs + ", " + readout);
    }
  }

  /** The shape of {@code task}. */
  public static ModelShape of(SequenceTask task) {
    return new ModelShape(task.inputSize(), task.vocabularySize(), task.outputSize(), task.readout(),
        task.classification());
  }

  /** Whether the task's inputs include token ids. */
  public boolean tokens() {
    return vocabulary > 0;
  }
}
