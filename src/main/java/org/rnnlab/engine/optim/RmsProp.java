package org.rnnlab.engine.optim;

import org.rnnlab.config.Hyper;

/**
 * RMSProp (Tieleman and Hinton 2012) in PyTorch's form: s = a*s + (1-a)*g^2;
 * p -= lr * g / (sqrt(s) + eps), with optional momentum on the scaled step.
 */
public record RmsProp(
    @Hyper(doc = "Learning rate; 1e-3 typical.", min = 0, exclusiveMin = true) Double lr,
    @Hyper(doc = "Decay of the squared-gradient average.", min = 0, max = 1, defaultValue = "0.99") Double alpha,
    @Hyper(doc = "Added to the root mean square for stability.", min = 0, exclusiveMin = true,
        defaultValue = "1e-8") Double eps,
    @Hyper(doc = "Momentum on the scaled step; 0 for none.", min = 0, max = 1, defaultValue = "0.0") Double momentum)
    implements OptimizerConfig {
  public RmsProp {
    if (lr == null) {
      throw new IllegalArgumentException("rmsprop needs lr");
    }
    alpha = alpha == null ? 0.99 : alpha;
    eps = eps == null ? 1e-8 : eps;
    momentum = momentum == null ? 0.0 : momentum;
  }

  @Override
  public Optimizer create(int n) {
    return new RmsPropUpdate(n, lr, alpha, eps, momentum);
  }

  @Override
  public OptimizerF32 createF32(int n) {
    return new RmsPropUpdateF32(n, lr, alpha, eps, momentum);
  }
}
