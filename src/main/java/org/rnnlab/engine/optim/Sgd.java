package org.rnnlab.engine.optim;

import org.rnnlab.config.Hyper;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;

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
    final double mu = momentum;
    final double rate = lr;
    final boolean nest = nesterov;
    if (momentumWarmupUpdates > 0) {
      return new Scheduled(n, rate, nest, momentumWarmupUpdates, momentumWarmup, mu);
    }
    if (mu == 0.0) {
      return new Plain(rate);
    }
    return new Momentum(n, rate, nest, mu);
  }

  /** Plain SGD: no state. */
  private static final class Plain implements Optimizer {
    private final double rate;

    Plain(double rate) {
      this.rate = rate;
    }

    @Override
    public void step(double[] p, double[] g) {
      for (int i = 0; i < p.length; i++) {
        p[i] -= rate * g[i];
      }
    }

    @Override
    public void save(StateWriter out) {
      out.begin("sgd").end();
    }

    @Override
    public void restore(StateReader in) {
      in.begin("sgd").end();
    }
  }

  /** Constant momentum mu: the velocity is the state. */
  private static final class Momentum implements Optimizer {
    private final double[] v;
    private final double rate;
    private final boolean nest;
    private final double mu;

    Momentum(int n, double rate, boolean nest, double mu) {
      this.v = new double[n];
      this.rate = rate;
      this.nest = nest;
      this.mu = mu;
    }

    @Override
    public void step(double[] p, double[] g) {
      for (int i = 0; i < p.length; i++) {
        v[i] = mu * v[i] + g[i];
        p[i] -= rate * (nest ? g[i] + mu * v[i] : v[i]);
      }
    }

    @Override
    public void save(StateWriter out) {
      out.begin("sgd_momentum").writeDoubles("velocity", v).end();
    }

    @Override
    public void restore(StateReader in) {
      in.begin("sgd_momentum");
      double[] v2 = in.readDoubles("velocity", v.length);
      in.end();
      System.arraycopy(v2, 0, v, 0, v.length);
    }
  }

  /** Momentum mu_t = warm for the first {@code warmUpdates} updates, then mu. */
  private static final class Scheduled implements Optimizer {
    private final double[] v;
    private final double rate;
    private final boolean nest;
    private final long warmUpdates;
    private final double warm;
    private final double mu;
    private long updates;

    Scheduled(int n, double rate, boolean nest, long warmUpdates, double warm, double mu) {
      this.v = new double[n];
      this.rate = rate;
      this.nest = nest;
      this.warmUpdates = warmUpdates;
      this.warm = warm;
      this.mu = mu;
    }

    @Override
    public void step(double[] p, double[] g) {
      double m = updates < warmUpdates ? warm : mu;
      updates++;
      for (int i = 0; i < p.length; i++) {
        v[i] = m * v[i] + g[i];
        p[i] -= rate * (nest ? g[i] + m * v[i] : v[i]);
      }
    }

    @Override
    public void save(StateWriter out) {
      out.begin("sgd_momentum_warmup").writeLong("updates", updates).writeDoubles("velocity", v).end();
    }

    @Override
    public void restore(StateReader in) {
      in.begin("sgd_momentum_warmup");
      long u = in.readLong("updates");
      double[] v2 = in.readDoubles("velocity", v.length);
      in.end();
      updates = u;
      System.arraycopy(v2, 0, v, 0, v.length);
    }
  }
}
