package org.rnnlab.engine.cell;

/**
 * Sees, and may change, the back-propagated error dL/dh_t of every layer at every time step
 * inside BPTT: the place for per-timestep clipping (Mikolov's element-wise clip of the error)
 * and for gradient-flow diagnostics (the norm of dL/dh_t against t).
 */
public interface StepGradientHook {
  /**
   * Called once per layer and step during the backward sweep, t from last to first; t counts
   * from the start of the sequence, also within a truncated-BPTT segment.
   *
   * @param dh the error for the whole batch at step t, {@code batch x hidden} row-major at off
   */
  void onStep(int layer, int t, double[] dh, int off, int len);
}
