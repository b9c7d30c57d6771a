package org.rnnlab.engine.optim;

import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;

/**
 * The update arithmetic of {@link Sgd} (whose record holds the hyperparameters), in the
 * parameters' precision: the float32 twin (codegen) rounds the learning rate and momenta to float
 * once, as PyTorch passes its Python scalars to a float32 kernel.
 */
public final class SgdUpdate {
  private SgdUpdate() {}

  /** The optimiser of {@link Sgd}'s settings for {@code n} parameters. */
  public static Optimizer of(int n, /*f64*/double lr, boolean nest, /*f64*/double momentum, int warmUpdates,
                             /*f64*/double warmMomentum) {
    double rate = (double) lr;  // float32: rounded once
    double mu = (double) momentum;
    if (warmUpdates > 0) {
      return new Scheduled(n, rate, nest, warmUpdates, (double) warmMomentum, mu);
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
      // f32: org.rnnlab.engine.FloatKernels.flushDenormals(p, 0, p.length);
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
      // f32: org.rnnlab.engine.FloatKernels.flushDenormals(v, 0, v.length);
      // f32: org.rnnlab.engine.FloatKernels.flushDenormals(p, 0, p.length);
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
      // f32: org.rnnlab.engine.FloatKernels.flushDenormals(v, 0, v.length);
      // f32: org.rnnlab.engine.FloatKernels.flushDenormals(p, 0, p.length);
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
