package org.rnnlab.engine.optim;

import org.rnnlab.config.Hyper;

/**
 * Stochastic gradient descent with optional classical or Nesterov momentum, in PyTorch's
 * form: v = mu*v + g; p -= lr*v (classical) or p -= lr*(g + mu*v) (Nesterov; Sutskever et al. 2013).
 * With a warm-up, the first {@code momentumWarmupUpdates} updates use mu = {@code momentumWarmup}
 * and the rest mu = {@code momentum} (Sutskever et al. 2013, section 4: mu = 0.9 for the first
 * 1000 updates, then mu_0); the velocity carries over.
 */
public record Sgd(
    @Hyper(doc = "Learning rate.", min = 0, exclusiveMin = true) Double lr,
    @Hyper(doc = "Momentum coefficient mu; 0 for plain SGD, 0.9-0.99 typical.", min = 0, max = 1,
        defaultValue = "0.0") Double momentum,
    @Hyper(doc = "Nesterov momentum instead of classical momentum.", defaultValue = "false") Boolean nesterov,
    @Hyper(doc = "Number of first updates that use momentum_warmup instead of momentum (Sutskever et al. 2013: "
        + "1000); 0 for none.", min = 0, defaultValue = "0") Integer momentumWarmupUpdates,
    @Hyper(doc = "Momentum coefficient during the warm-up updates.", min = 0, max = 1, defaultValue = "0.9")
    Double momentumWarmup) implements OptimizerConfig {
  public Sgd {
    if (lr == null) {
      throw new IllegalArgumentException("sgd needs lr");
    }
    momentum = momentum == null ? 0.0 : momentum;
    nesterov = nesterov != null && nesterov;
    momentumWarmupUpdates = momentumWarmupUpdates == null ? 0 : momentumWarmupUpdates;
    momentumWarmup = momentumWarmup == null ? 0.9 : momentumWarmup;
    if (momentumWarmupUpdates < 0) {
      throw new IllegalArgumentException("momentum_warmup_updates must be >= 0, got " + momentumWarmupUpdates);
    }
  }

  /** Without a momentum warm-up. */
  public Sgd(Double lr, Double momentum, Boolean nesterov) {
    this(lr, momentum, nesterov, null, null);
  }

  @Override
  public Optimizer create(int n) {
    return SgdUpdate.of(n, lr, nesterov, momentum, momentumWarmupUpdates, momentumWarmup);
  }

  @Override
  public OptimizerF32 createF32(int n) {
    return SgdUpdateF32.of(n, lr, nesterov, momentum, momentumWarmupUpdates, momentumWarmup);
  }
}
