package org.rnnlab.engine.optim;

import org.rnnlab.config.Hyper;

/** Adam (Kingma and Ba 2015) with bias correction, as in PyTorch. */
public record Adam(
    @Hyper(doc = "Learning rate; 1e-3 typical.", min = 0, exclusiveMin = true) Double lr,
    @Hyper(doc = "Decay of the first moment.", min = 0, max = 1, defaultValue = "0.9") Double beta1,
    @Hyper(doc = "Decay of the second moment.", min = 0, max = 1, defaultValue = "0.999") Double beta2,
    @Hyper(doc = "Added to the root of the second moment.", min = 0, exclusiveMin = true,
        defaultValue = "1e-8") Double eps) implements OptimizerConfig {
  public Adam {
    if (lr == null) {
      throw new IllegalArgumentException("adam needs lr");
    }
    beta1 = beta1 == null ? 0.9 : beta1;
    beta2 = beta2 == null ? 0.999 : beta2;
    eps = eps == null ? 1e-8 : eps;
  }

  @Override
  public Optimizer create(int n) {
    return new AdamUpdate(n, lr, beta1, beta2, eps);
  }

  @Override
  public OptimizerF32 createF32(int n) {
    return new AdamUpdateF32(n, lr, beta1, beta2, eps);
  }
}
