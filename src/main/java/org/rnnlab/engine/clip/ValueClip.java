package org.rnnlab.engine.clip;

import org.rnnlab.config.Hyper;
import org.rnnlab.engine.Params;
import org.rnnlab.config.OptionalKey;

/**
 * Value-based clipping of the final gradient (seed 000, 7.3): every component clamped to
 * [-clip_value, clip_value], as PyTorch's clip_grad_value_. Changes the direction of the update.
 */
public record ValueClip(
    @Hyper(doc = "Largest allowed absolute value of a gradient component. With calibration_updates: a "
        + "multiple of the average largest |component| instead.", min = 0, exclusiveMin = true) Double clipValue,
    @OptionalKey @Hyper(doc = "Makes clip_value relative: the threshold is clip_value times the mean of the "
        + "largest unclipped |component| over the first calibration_updates updates of the run, which are not "
        + "clipped; absent: clip_value is absolute.", min = 1) Integer calibrationUpdates) implements GradientClip {
  public ValueClip {
    Thresholds.check("value", "clip_value", clipValue, calibrationUpdates);
  }

  /** An absolute threshold. */
  public ValueClip(Double clipValue) {
    this(clipValue, null);
  }

  /** An absolute threshold. */
  public static ValueClip of(double clipValue) {
    return new ValueClip(clipValue, null);
  }

  @Override
  public Clipper create(Params params) {
    return new OneThresholdClipper("value", "clip_value", clipValue, calibrationUpdates) {
      @Override
      double statistic(double[] g, double n) {
        return GradientClip.maxAbs(g, 0, g.length);
      }

      @Override
      boolean apply(double[] g, double n, double c) {
        return clamp(g, 0, g.length, c);
      }
    };
  }

  /** Clamps {@code g[off, off+len)} to [-c, c]; returns whether any element changed. */
  static boolean clamp(double[] g, int off, int len, double c) {
    boolean fired = false;
    for (int i = off; i < off + len; i++) {
      double x = g[i];
      if (x > c) {
        g[i] = c;
        fired = true;
      } else if (x < -c) {
        g[i] = -c;
        fired = true;
      }
    }
    return fired;
  }

  @Override
  public int calibrationLength() {
    return calibrationUpdates == null ? 0 : calibrationUpdates;
  }
}
