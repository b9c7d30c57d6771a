package org.rnnlab.procedure;

import org.rnnlab.engine.Rng;
import org.rnnlab.task.Task;

/**
 * One trial to run: its resolved config and its two seeds.
 *
 * @param seed     the trial's own stream (initialisation, training data, shuffling): {@code Rng.of(seed)}
 * @param testSeed the evaluation sets' stream, shared by every variant at one sweep point and seed
 *                 index so that variants are measured on the same sequences
 */
public record Trial(TrialConfig config, long seed, long testSeed) {
  /** The root of the trial's own random streams; each component takes a named child. */
  public Rng rng() {
    return Rng.of(seed);
  }

  /** A fresh instance of the trial's task. */
  public Task task() {
    return config.task().create();
  }
}
