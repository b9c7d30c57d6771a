package org.rnnlab.engine.cell;

import java.util.List;

/** Several hooks on one layer, called in order (e.g. a clipping rule, then a diagnostics probe). */
public final class CompositeStepGradientHook implements StepGradientHook {
  private final StepGradientHook[] hooks;

  /** The hooks, in calling order. */
  public CompositeStepGradientHook(List<StepGradientHook> hooks) {
    this.hooks = hooks.toArray(new StepGradientHook[0]);
  }

  @Override
  public void onStep(int layer, int t, double[] dh, double[] dc, int off, int len) {
    for (StepGradientHook h : hooks) {
      h.onStep(layer, t, dh, dc, off, len);
    }
  }
}
