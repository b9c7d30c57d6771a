package org.rnnlab.engine.clip;

import java.util.Map;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.cell.StepGradientHook;

/**
 * One training run's instance of a clipping rule. Per update the training loop calls
 * {@link #beginUpdate} before the backward pass and {@link #clip} after it, before the optimiser
 * step; a rule that acts inside BPTT also returns its {@link #stepHook}, which the loop installs
 * on the model for the whole run. Deterministic: the same calls give the same bits.
 */
public interface Clipper {
  /** The hook through which the rule acts on dL/dh_t inside BPTT, or null (after-backward rules). */
  default StepGradientHook stepHook() {
    return null;
  }

  /** Starts an update: called before its backward pass (resets the in-BPTT counters). */
  default void beginUpdate() {}

  /** Clips the gradient of one update in place ({@code params.grads()}) and reports what it did. */
  ClipStats clip(Params params);

  /**
   * The thresholds in effect, by name ({@code max_norm}, {@code clip_value}, {@code threshold},
   * a parameter's name for per-matrix rules, {@code after.}-prefixed for a nested rule); a
   * relative threshold appears once its calibration is over. Empty for {@code none}.
   */
  Map<String, Double> thresholds();
}
