package org.rnnlab.procedure.bptt;

import org.rnnlab.engine.Network;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.procedure.Recorder;
import org.rnnlab.procedure.Trial;
import org.rnnlab.task.SequenceTask;

/**
 * What a callback of one BPTT trial may use: the trial, its task instance, its model and trainer,
 * its training settings and where measurements go. A callback takes its randomness from a named
 * child of {@link #rng()} of its own.
 */
public record TrainingRun(Trial trial, SequenceTask task, Network network, Network.Training trainer,
                          BpttTraining training, Recorder recorder) {
  /**
   * The float64 engine's model, for a callback that reads its internals; such a callback says so in its
   * config ({@link CallbackConfig#anyPrecision}), so a float32 trial never reaches here.
   */
  public SequenceModel model() {
    return network.float64().orElseThrow(() -> new IllegalStateException("a float32 model has no float64 engine "
        + "model: this callback must declare anyPrecision() false"));
  }

  /** The root of the trial's own random streams. */
  public Rng rng() {
    return trial.rng();
  }
}
