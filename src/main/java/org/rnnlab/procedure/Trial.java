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

  /**
   * A fresh instance of the trial's task as the kind a procedure trains on; the procedure's
   * {@link TrialConfig#checkTask} refused every other kind at validate, so a mismatch is a bug.
   */
  public <T extends Task> T task(Class<T> kind) {
    Task t = task();
    if (!kind.isInstance(t)) {
      throw new IllegalStateException("the procedure trains on a " + kind.getSimpleName() + ", the trial's task is a "
          + t.getClass().getSimpleName() + " (validate refuses this)");
    }
    return kind.cast(t);
  }
}
