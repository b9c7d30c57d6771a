// Generated from src/main/java/org/rnnlab/engine/optim/SgdUpdate.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change SgdUpdate.java and run `make generate`.
package org.rnnlab.engine.optim;

import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;

/**
 * The update arithmetic of {@link Sgd} (whose record holds the hyperparameters), in the
 * parameters' precision: the float32 twin (codegen) rounds the learning rate and momenta to float
 * once, as PyTorch passes its Python scalars to a float32 kernel.
 */
public final class SgdUpdateF32 {
  private SgdUpdateF32() {}

  /** The optimiser of {@link Sgd}'s settings for {@code n} parameters. */
  public static OptimizerF32 of(int n, double lr, boolean nest, double momentum, int warmUpdates,
                             double warmMomentum) {
    float rate = (float) lr;  // float32: rounded once
    float mu = (float) momentum;
    if (warmUpdates > 0) {
      return new Scheduled(n, rate, nest, warmUpdates, (float) warmMomentum, mu);
    }
    if (mu == 0.0f) {
      return new Plain(rate);
    }
    return new Momentum(n, rate, nest, mu);
  }

  /** Plain SGD: no state. */
  private static final class Plain implements OptimizerF32 {
    private final float rate;

    Plain(float rate) {
      this.rate = rate;
    }

    @Override
    public void step(float[] p, float[] g) {
      for (int i = 0; i < p.length; i++) {
        p[i] -= rate * g[i];
      }
      org.rnnlab.engine.FloatKernels.flushDenormals(p, 0, p.length);
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
  private static final class Momentum implements OptimizerF32 {
    private final float[] v;
    private final float rate;
    private final boolean nest;
    private final float mu;

    Momentum(int n, float rate, boolean nest, float mu) {
      this.v = new float[n];
      this.rate = rate;
      this.nest = nest;
      this.mu = mu;
    }

    @Override
    public void step(float[] p, float[] g) {
      for (int i = 0; i < p.length; i++) {
        v[i] = mu * v[i] + g[i];
        p[i] -= rate * (nest ? g[i] + mu * v[i] : v[i]);
      }
      org.rnnlab.engine.FloatKernels.flushDenormals(v, 0, v.length);
      org.rnnlab.engine.FloatKernels.flushDenormals(p, 0, p.length);
    }

    @Override
    public void save(StateWriter out) {
      out.begin("sgd_momentum").writeFloats("velocity", v).end();
    }

    @Override
    public void restore(StateReader in) {
      in.begin("sgd_momentum");
      float[] v2 = in.readFloats("velocity", v.length);
      in.end();
      System.arraycopy(v2, 0, v, 0, v.length);
    }
  }

  /** Momentum mu_t = warm for the first {@code warmUpdates} updates, then mu. */
  private static final class Scheduled implements OptimizerF32 {
    private final float[] v;
    private final float rate;
    private final boolean nest;
    private final long warmUpdates;
    private final float warm;
    private final float mu;
    private long updates;

    Scheduled(int n, float rate, boolean nest, long warmUpdates, float warm, float mu) {
      this.v = new float[n];
      this.rate = rate;
      this.nest = nest;
      this.warmUpdates = warmUpdates;
      this.warm = warm;
      this.mu = mu;
    }

    @Override
    public void step(float[] p, float[] g) {
      float m = updates < warmUpdates ? warm : mu;
      updates++;
      for (int i = 0; i < p.length; i++) {
        v[i] = m * v[i] + g[i];
        p[i] -= rate * (nest ? g[i] + m * v[i] : v[i]);
      }
      org.rnnlab.engine.FloatKernels.flushDenormals(v, 0, v.length);
      org.rnnlab.engine.FloatKernels.flushDenormals(p, 0, p.length);
    }

    @Override
    public void save(StateWriter out) {
      out.begin("sgd_momentum_warmup").writeLong("updates", updates).writeFloats("velocity", v).end();
    }

    @Override
    public void restore(StateReader in) {
      in.begin("sgd_momentum_warmup");
      long u = in.readLong("updates");
      float[] v2 = in.readFloats("velocity", v.length);
      in.end();
      updates = u;
      System.arraycopy(v2, 0, v, 0, v.length);
    }
  }
}
