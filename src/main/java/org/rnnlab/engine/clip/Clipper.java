package org.rnnlab.engine.clip;

import java.util.Map;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.cell.StepGradientHook;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;

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

  /**
   * Writes what the rule has accumulated across updates (a relative threshold's calibration, a
   * nested rule's state) as one group, between updates, so that {@link #restore} on a fresh
   * clipper of the same rule continues bit for bit. What lives only inside one update (per-update
   * counters, reset by {@link #beginUpdate}) is not state.
   */
  void save(StateWriter out);

  /**
   * Sets the state written by {@link #save} of the same rule; another rule, or another calibration
   * length, is a {@link org.rnnlab.engine.state.StateFormatException}.
   */
  void restore(StateReader in);
}
