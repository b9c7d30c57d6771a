package org.rnnlab.engine.optim;

import org.rnnlab.config.Hyper;

/**
 * Stochastic gradient descent with optional classical or Nesterov momentum, in PyTorch's
 * form: v = mu*v + g; p -= lr*v (classical) or p -= lr*(g + mu*v) (Nesterov; Sutskever et al. 2013).
 */
public record Sgd(
    @Hyper(doc = "Learning rate.", min = 0, exclusiveMin = true) Double lr,
    @Hyper(doc = "Momentum coefficient mu; 0 for plain SGD, 0.9-0.99 typical.", min = 0, max = 1,
        defaultValue = "0.0") Double momentum,
    @Hyper(doc = "Nesterov momentum instead of classical momentum.", defaultValue = "false") Boolean nesterov)
    implements OptimizerConfig {
  public Sgd {
    if (lr == null) {
      throw new IllegalArgumentException("sgd needs lr");
    }
    momentum = momentum == null ? 0.0 : momentum;
    nesterov = nesterov != null && nesterov;
  }

  @Override
  public Optimizer create(int n) {
    final double mu = momentum;
    final double rate = lr;
    if (mu == 0.0) {
      return (p, g) -> {
        for (int i = 0; i < p.length; i++) {
          p[i] -= rate * g[i];
        }
      };
    }
    final double[] v = new double[n];
    final boolean nest = nesterov;
    return (p, g) -> {
      for (int i = 0; i < p.length; i++) {
        v[i] = mu * v[i] + g[i];
        p[i] -= rate * (nest ? g[i] + mu * v[i] : v[i]);
      }
    };
  }
}
