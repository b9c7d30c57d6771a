package org.rnnlab.engine.clip;

import org.rnnlab.config.Hyper;

/** Value-based clipping (seed 000, 7.3): every gradient component clamped to [-clip_value, clip_value]. */
public record ValueClip(
    @Hyper(doc = "Largest allowed absolute value of a gradient component.", min = 0,
        exclusiveMin = true) Double clipValue) implements GradientClip {
  public ValueClip {
    if (clipValue == null) {
      throw new IllegalArgumentException("value needs clip_value");
    }
  }

  @Override
  public double apply(double[] grads) {
    double n = GradientClip.norm(grads);
    for (int i = 0; i < grads.length; i++) {
      grads[i] = Math.max(-clipValue, Math.min(clipValue, grads[i]));
    }
    return n;
  }
}
