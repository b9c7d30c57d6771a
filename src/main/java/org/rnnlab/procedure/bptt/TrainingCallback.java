package org.rnnlab.procedure.bptt;

import org.rnnlab.engine.StepResult;
import org.rnnlab.engine.Trainer;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;
import org.rnnlab.procedure.Recorder;

/**
 * One trial's instance of something a family adds to the BPTT loop ({@link BpttLoop}). The loop
 * calls every hook of every callback in the order of {@link Callbacks}; a hook that does nothing
 * is left out. A callback that only observes (see {@link CallbackConfig#observesOnly}) draws its
 * randomness from a stream of its own and restores whatever it touches, so that training goes
 * on bit for bit as without it.
 */
public interface TrainingCallback {
  /** Once, after the model, optimiser and data exist and before the first evaluation. */
  default void beforeTraining() {}

  /** After every optimiser update {@code step} (1-based), before any evaluation at that step. */
  default void afterUpdate(long step, StepResult result) {}

  /** Before the model is measured with the weights of update {@code step} (0: the initial ones). */
  default void beforeEvaluation(long step) {}

  /** After the tracked sets were measured at update {@code step}. */
  default void afterEvaluation(long step, Evaluation evaluation) {}

  /** Once per update (and once for the initial weights, step 0), after any evaluation at that step. */
  default void endOfStep(long step) {}

  /** Whether training should stop now (asked after every evaluation): early stopping says yes. */
  default boolean stopRequested() {
    return false;
  }

  /**
   * After the last update, before the final measurement: a callback may replace the weights
   * (best on validation). Returns whether it changed the model, so that the loop measures again.
   */
  default boolean beforeFinal() {
    return false;
  }

  /** At the end of a trial that did not diverge: records this callback's final metrics, in declared order. */
  default void atEnd(FinalState state, Recorder recorder) {}

  /** Writes the callback's mutable state into a checkpoint (nothing for a stateless callback). */
  default void save(StateWriter out) {}

  /** Restores what {@link #save} wrote, on a fresh instance created for the same trial. */
  default void restore(StateReader in) {}
}
