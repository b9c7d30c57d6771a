package org.rnnlab.engine.optim;

import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;

/**
 * The update arithmetic of {@link RmsProp} (PyTorch's form), in the parameters' precision; the
 * float32 twin (codegen) rounds the scalars to float once.
 */
public final class RmsPropUpdate implements Optimizer {
  private final double[] s;
  private final double[] buf;
  private final double a;
  private final double e;
  private final double mu;
  private final double rate;

  /** RMSProp's state for {@code n} parameters. */
  public RmsPropUpdate(int n, /*f64*/double lr, /*f64*/double alpha, /*f64*/double eps, /*f64*/double momentum) {
    this.s = new double[n];
    this.buf = new double[n];
    this.a = (double) alpha;  // float32: rounded once
    this.e = (double) eps;
    this.mu = (double) momentum;
    this.rate = (double) lr;
  }

  @Override
  public void step(double[] p, double[] g) {
    for (int i = 0; i < p.length; i++) {
      s[i] = a * s[i] + (1 - a) * g[i] * g[i];
      double step = g[i] / (Math.sqrt(s[i]) + e);
      if (mu != 0.0) {
        buf[i] = mu * buf[i] + step;
        step = buf[i];
      }
      p[i] -= rate * step;
    }
    // f32: org.rnnlab.engine.FloatKernels.flushDenormals(s, 0, s.length);
    // f32: org.rnnlab.engine.FloatKernels.flushDenormals(buf, 0, buf.length);
    // f32: org.rnnlab.engine.FloatKernels.flushDenormals(p, 0, p.length);
  }

  @Override
  public void save(StateWriter out) {
    out.begin("rmsprop").writeDoubles("square_avg", s).writeDoubles("momentum_buffer", buf).end();
  }

  @Override
  public void restore(StateReader in) {
    in.begin("rmsprop");
    double[] s2 = in.readDoubles("square_avg", s.length);
    double[] b2 = in.readDoubles("momentum_buffer", buf.length);
    in.end();
    System.arraycopy(s2, 0, s, 0, s.length);
    System.arraycopy(b2, 0, buf, 0, buf.length);
  }
}
