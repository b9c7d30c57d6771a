package org.rnnlab.engine.clip;

import org.rnnlab.config.Hyper;

/**
 * Norm-based clipping over all parameters at once (Pascanu, Mikolov and Bengio 2013;
 * seed 000, 7.3): if ||g|| &gt; max_norm, g *= max_norm / (||g|| + 1e-6), as PyTorch's clip_grad_norm_.
 */
public record GlobalNormClip(
    @Hyper(doc = "Largest allowed L2 norm of the whole gradient; 1-5 typical.", min = 0,
        exclusiveMin = true) Double maxNorm) implements GradientClip {
  public GlobalNormClip {
    if (maxNorm == null) {
      throw new IllegalArgumentException("global_norm needs max_norm");
    }
  }

  @Override
  public double apply(double[] grads) {
    double n = GradientClip.norm(grads);
    if (n > maxNorm) {
      double s = maxNorm / (n + 1e-6);
      for (int i = 0; i < grads.length; i++) {
        grads[i] *= s;
      }
    }
    return n;
  }
}
