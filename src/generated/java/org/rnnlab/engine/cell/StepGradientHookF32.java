// Generated from src/main/java/org/rnnlab/engine/cell/StepGradientHook.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change StepGradientHook.java and run `make generate`.
package org.rnnlab.engine.cell;

/**
 * Sees, and may change, the back-propagated error of every layer at every time step inside BPTT:
 * the place for per-timestep clipping (Mikolov's element-wise clip of the error) and for
 * gradient-flow diagnostics (the norm of dL/dh_t against t; seed 000, 7.3, eq. 7.5).
 * Install hooks with {@link org.rnnlab.engine.SequenceModel#addStepGradientHook}; several
 * hooks run in the order they were added, each seeing what the previous one left.
 */
public interface StepGradientHookF32 {
  /**
   * Called once per layer and step during the backward sweep, t from last to first; t counts
   * from the start of the sequence, also within a truncated-BPTT segment. Called before the
   * step is back-propagated, so a change to dh (or dc) changes both this step's contribution to
   * the weight gradients and everything that flows to earlier steps and to the layer below.
   *
   * @param dh the error dL/dh_t of the whole batch, {@code batch x hidden} row-major at off: the
   *           derivative with respect to the state after step t, including the error from the
   *           readout and from the layer above at step t
   * @param dc for a cell with a cell state (LSTM): dL/dc_t with h_t held fixed, the error carried
   *           back through c alone (what truncated BPTT passes as the state's gradient), same
   *           layout; null for cells whose state is h alone
   */
  void onStep(int layer, int t, float[] dh, float[] dc, int off, int len);
}
