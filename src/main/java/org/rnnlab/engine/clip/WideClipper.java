package org.rnnlab.engine.clip;

import java.util.Map;
import org.rnnlab.engine.FloatKernels;
import org.rnnlab.engine.ParamsF32;
import org.rnnlab.engine.WideParams;
import org.rnnlab.engine.cell.StepGradientHook;
import org.rnnlab.engine.cell.StepGradientHookF32;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;

/**
 * A clipping rule acting on a float32 model: the rule's double {@link Clipper} runs on the gradient
 * widened exactly to double, and what it changed is rounded back once to float (flushing subnormals).
 * So a rule's norms are sums of float squares in double, in the rule's own order, and its decisions
 * are the double rule's on the float gradient; only the entries it changed are written back (rounded,
 * subnormals flushed), so an entry the rule leaves alone keeps its bits.
 * A rule acting inside BPTT sees each step's error the same way, through {@link #stepHook}.
 */
public final class WideClipper {
  private final Clipper rule;
  private final WideParams wide;
  private final StepGradientHookF32 hook;

  /** The clipper of {@code clip} for a float32 model with parameters {@code params}. */
  public WideClipper(GradientClip clip, ParamsF32 params) {
    this.wide = new WideParams(params);
    this.rule = clip.create(wide.params());
    StepGradientHook inner = rule.stepHook();
    this.hook = inner == null ? null : new WideStepHook(inner);
  }

  /** The rule's hook on the per-step error, seen in double, or null for an after-backward rule. */
  public StepGradientHookF32 stepHook() {
    return hook;
  }

  /** See {@link Clipper#beginUpdate}. */
  public void beginUpdate() {
    rule.beginUpdate();
  }

  /** Clips the float gradient of {@code params} (this clipper's) in place; see {@link Clipper#clip}. */
  public ClipStats clip(ParamsF32 params) {
    wide.widenGrads();
    ClipStats s = rule.clip(wide.params());
    if (s.fired()) { // only the entries the rule changed are written back
      wide.narrowGrads();
    }
    return s;
  }

  /** See {@link Clipper#thresholds}. */
  public Map<String, Double> thresholds() {
    return rule.thresholds();
  }

  /** See {@link Clipper#save}. */
  public void save(StateWriter out) {
    rule.save(out);
  }

  /** See {@link Clipper#restore}. */
  public void restore(StateReader in) {
    rule.restore(in);
  }

  /** A double hook on a float32 layer's error: rows widened into scratch, rounded back after the hook. */
  private static final class WideStepHook implements StepGradientHookF32 {
    private final StepGradientHook inner;
    private double[] dh = new double[0];
    private double[] dc = new double[0];

    WideStepHook(StepGradientHook inner) {
      this.inner = inner;
    }

    @Override
    public void onStep(int layer, int t, float[] dhF, float[] dcF, int off, int len) {
      if (dh.length < len) {
        dh = new double[len]; // grows once per shape: no allocation per step after the first
        dc = new double[len];
      }
      FloatKernels.toDouble(dhF, off, dh, 0, len);
      if (dcF != null) {
        FloatKernels.toDouble(dcF, off, dc, 0, len);
      }
      inner.onStep(layer, t, dh, dcF == null ? null : dc, 0, len);
      FloatKernels.narrowChanged(dh, 0, dhF, off, len);
      if (dcF != null) {
        FloatKernels.narrowChanged(dc, 0, dcF, off, len);
      }
    }
  }
}
