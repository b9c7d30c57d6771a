// Generated from src/main/java/org/rnnlab/engine/cell/CompositeStepGradientHook.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change CompositeStepGradientHook.java and run `make generate`.
package org.rnnlab.engine.cell;

import java.util.List;

/** Several hooks on one layer, called in order (e.g. a clipping rule, then a diagnostics probe). */
public final class CompositeStepGradientHookF32 implements StepGradientHookF32 {
  private final StepGradientHookF32[] hooks;

  /** The hooks, in calling order. */
  public CompositeStepGradientHookF32(List<StepGradientHookF32> hooks) {
    this.hooks = hooks.toArray(new StepGradientHookF32[0]);
  }

  @Override
  public void onStep(int layer, int t, float[] dh, float[] dc, int off, int len) {
    for (StepGradientHookF32 h : hooks) {
      h.onStep(layer, t, dh, dc, off, len);
    }
  }
}
