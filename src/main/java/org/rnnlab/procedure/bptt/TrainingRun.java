package org.rnnlab.procedure.bptt;

import org.rnnlab.engine.Network;
import org.rnnlab.engine.Rng;
import org.rnnlab.procedure.Recorder;
import org.rnnlab.procedure.Trial;
import org.rnnlab.task.SequenceTask;

/**
 * What a callback of one BPTT trial may use: the trial, its task instance, its model and trainer,
 * its training settings and where measurements go. A callback takes its randomness from a named
 * child of {@link #rng()} of its own.
 */
public record TrainingRun(Trial trial, SequenceTask task, Network network, Network.Training trainer,
                          BpttTraining training, Recorder recorder, Float64View float64) {

  /** The root of the trial's own random streams. */
  public Rng rng() {
    return trial.rng();
  }
}
