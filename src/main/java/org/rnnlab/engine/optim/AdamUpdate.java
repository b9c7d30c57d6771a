package org.rnnlab.engine.optim;

import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;

/**
 * The update arithmetic of {@link Adam} (Kingma and Ba 2015, PyTorch's form), in the parameters'
 * precision. The bias corrections 1 - beta^t stay double (StrictMath.pow of the double betas,
 * as PyTorch computes them in Python), rounded once per update in the float32 twin (codegen); the
 * moments and the elementwise update are in the parameters' precision, as PyTorch's float32 Adam.
 */
public final class AdamUpdate implements Optimizer {
  private final double[] m;
  private final double[] v;
  private final /*f64*/double beta1;
  private final /*f64*/double beta2;
  private final double b1;
  private final double b2;
  private final double eps;
  private final double rate;
  private int t;

  /** Adam's state for {@code n} parameters. */
  public AdamUpdate(int n, /*f64*/double lr, /*f64*/double beta1, /*f64*/double beta2, /*f64*/double eps) {
    this.m = new double[n];
    this.v = new double[n];
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.b1 = (double) beta1;  // float32: rounded once
    this.b2 = (double) beta2;
    this.eps = (double) eps;
    this.rate = (double) lr;
  }

  @Override
  public void step(double[] p, double[] g) {
    t++;
    double c1 = (double) (1 - StrictMath.pow(beta1, t));
    double c2 = (double) (1 - StrictMath.pow(beta2, t));
    for (int i = 0; i < p.length; i++) {
      m[i] = b1 * m[i] + (1 - b1) * g[i];
      v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
      p[i] -= rate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + eps);
    }
    // float32: v holds g^2, subnormal already for |g| < 1e-19; flushed as FloatKernels explains
    // f32: org.rnnlab.engine.FloatKernels.flushDenormals(m, 0, m.length);
    // f32: org.rnnlab.engine.FloatKernels.flushDenormals(v, 0, v.length);
    // f32: org.rnnlab.engine.FloatKernels.flushDenormals(p, 0, p.length);
  }

  @Override
  public void save(StateWriter out) {
    out.begin("adam").writeInt("t", t).writeDoubles("m", m).writeDoubles("v", v).end();
  }

  @Override
  public void restore(StateReader in) {
    in.begin("adam");
    int steps = in.readInt("t");
    double[] m2 = in.readDoubles("m", m.length);
    double[] v2 = in.readDoubles("v", v.length);
    in.end();
    t = steps;
    System.arraycopy(m2, 0, m, 0, m.length);
    System.arraycopy(v2, 0, v, 0, v.length);
  }
}
