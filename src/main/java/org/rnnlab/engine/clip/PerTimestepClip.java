package org.rnnlab.engine.clip;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rnnlab.config.Hyper;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.cell.StepGradientHook;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;

/**
 * Mikolov's clipping inside BPTT (RNNLM toolkit; seed 000, 7.3, "the largest temporal components
 * of the gradient are clipped before adding them"): at every unrolled step of every layer, each
 * element of the error dL/dh_t is clamped to [-threshold, threshold] before the step is
 * back-propagated, so what reaches earlier steps and the layer below is already clipped. The
 * toolkit clips the two parts of the error separately (from the output and from the next step)
 * at 15 each; this rule clips their sum once. Works segment by segment with truncated BPTT.
 * Optionally followed by one after-backward rule on the final gradient ({@code after}).
 */
public record PerTimestepClip(
    @Hyper(doc = "Largest allowed |element| of the error dL/dh_t at every step and layer inside BPTT (15 in "
        + "Mikolov's RNNLM toolkit). With calibration_updates: a multiple of the average, over updates, of the "
        + "largest unclipped |element| over all steps and layers of an update.", min = 0, exclusiveMin = true,
        defaultValue = "15.0") Double threshold,
    @OptionalKey @Hyper(doc = "Makes threshold relative: threshold times the mean, over the first "
        + "calibration_updates updates of the run (which are not clipped), of the largest |element| of the "
        + "error in the update; absent: threshold is absolute.", min = 1) Integer calibrationUpdates,
    @OptionalKey @Hyper(doc = "An after-backward rule for the final gradient as well (none, value, global_norm "
        + "or per_matrix_norm), chosen by \"type\"; absent: none.") GradientClip after) implements GradientClip {
  public PerTimestepClip {
    threshold = threshold == null ? 15.0 : threshold;
    Thresholds.check("per_timestep", "threshold", threshold, calibrationUpdates);
    after = after == null ? new NoClip() : after;
    if (after instanceof PerTimestepClip) {
      throw new IllegalArgumentException("per_timestep's after must be an after-backward rule (none, value, "
          + "global_norm, per_matrix_norm), got per_timestep");
    }
  }

  /** An absolute threshold and no after-backward rule. */
  public static PerTimestepClip of(double threshold) {
    return new PerTimestepClip(threshold, null, null);
  }

  @Override
  public Clipper create(Params params) {
    return new StepClipper(new Threshold(threshold, calibrationUpdates, 1), after.create(params));
  }

  /** The in-BPTT clamp (the hook) and the after-backward rule of one run. */
  private static final class StepClipper implements Clipper, StepGradientHook {
    private final Threshold limit;
    private final Clipper after;
    private int stepsClipped;
    private double largest;

    StepClipper(Threshold limit, Clipper after) {
      this.limit = limit;
      this.after = after;
    }

    @Override
    public StepGradientHook stepHook() {
      return this;
    }

    @Override
    public void beginUpdate() {
      stepsClipped = 0;
      largest = 0.0;
      after.beginUpdate();
    }

    @Override
    public void onStep(int layer, int t, double[] dh, double[] dc, int off, int len) {
      if (limit.calibrating()) {
        double m = GradientClip.maxAbs(dh, off, len);
        if (m > largest || m != m) {
          largest = m;
        }
      } else if (ValueClip.clamp(dh, off, len, limit.get(0))) {
        stepsClipped++;
      }
    }

    @Override
    public ClipStats clip(Params p) {
      boolean calibrating = limit.calibrating();
      if (calibrating) {
        limit.observe(0, largest);
        limit.endUpdate();
      }
      ClipStats a = after.clip(p);
      return new ClipStats(a.normBefore(), a.normAfter(), a.fired() || stepsClipped > 0,
          calibrating || a.calibrating(), stepsClipped);
    }

    @Override
    public Map<String, Double> thresholds() {
      Map<String, Double> m = new LinkedHashMap<>();
      if (!limit.calibrating()) {
        m.put("threshold", limit.get(0));
      }
      for (Map.Entry<String, Double> e : after.thresholds().entrySet()) {
        m.put("after." + e.getKey(), e.getValue());
      }
      return m;
    }

    // stepsClipped and largest live within one update (beginUpdate resets them): not state
    @Override
    public void save(StateWriter out) {
      out.begin("per_timestep");
      limit.save(out, "threshold");
      out.begin("after");
      after.save(out);
      out.end().end();
    }

    @Override
    public void restore(StateReader in) {
      in.begin("per_timestep");
      limit.restore(in, "threshold");
      in.begin("after");
      after.restore(in);
      in.end().end();
    }
  }

  @Override
  public int calibrationLength() {
    return Math.max(calibrationUpdates == null ? 0 : calibrationUpdates, after.calibrationLength());
  }
}
