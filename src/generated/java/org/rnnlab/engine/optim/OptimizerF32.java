// Generated from src/main/java/org/rnnlab/engine/optim/Optimizer.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change Optimizer.java and run `make generate`.
package org.rnnlab.engine.optim;

import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;

/** Updates parameters in place from their gradient; holds its own state (moments, velocity). */
public interface OptimizerF32 {
  /** One update of {@code params} from {@code grads} (same length as at creation). */
  void step(float[] params, float[] grads);

  /**
   * Writes everything {@link #step} has accumulated (moments, velocity, update count) as one group,
   * so that {@link #restore} on a fresh optimiser of the same config continues bit for bit.
   */
  void save(StateWriter out);

  /**
   * Sets the state written by {@link #save} of an optimiser of the same kind and size; another
   * kind or size is a {@link org.rnnlab.engine.state.StateFormatException}, and nothing is changed.
   */
  void restore(StateReader in);
}
