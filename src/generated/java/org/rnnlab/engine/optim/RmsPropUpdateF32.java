// Generated from src/main/java/org/rnnlab/engine/optim/RmsPropUpdate.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change RmsPropUpdate.java and run `make generate`.
package org.rnnlab.engine.optim;

import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;

/**
 * The update arithmetic of {@link RmsProp} (PyTorch's form), in the parameters' precision; the
 * float32 twin (codegen) rounds the scalars to float once.
 */
public final class RmsPropUpdateF32 implements OptimizerF32 {
  private final float[] s;
  private final float[] buf;
  private final float a;
  private final float e;
  private final float mu;
  private final float rate;

  /** RMSProp's state for {@code n} parameters. */
  public RmsPropUpdateF32(int n, double lr, double alpha, double eps, double momentum) {
    this.s = new float[n];
    this.buf = new float[n];
    this.a = (float) alpha;  // float32: rounded once
    this.e = (float) eps;
    this.mu = (float) momentum;
    this.rate = (float) lr;
  }

  @Override
  public void step(float[] p, float[] g) {
    for (int i = 0; i < p.length; i++) {
      s[i] = a * s[i] + (1 - a) * g[i] * g[i];
      float step = g[i] / ((float) Math.sqrt(s[i]) + e);
      if (mu != 0.0f) {
        buf[i] = mu * buf[i] + step;
        step = buf[i];
      }
      p[i] -= rate * step;
    }
    org.rnnlab.engine.FloatKernels.flushDenormals(s, 0, s.length);
    org.rnnlab.engine.FloatKernels.flushDenormals(buf, 0, buf.length);
    org.rnnlab.engine.FloatKernels.flushDenormals(p, 0, p.length);
  }

  @Override
  public void save(StateWriter out) {
    out.begin("rmsprop").writeFloats("square_avg", s).writeFloats("momentum_buffer", buf).end();
  }

  @Override
  public void restore(StateReader in) {
    in.begin("rmsprop");
    float[] s2 = in.readFloats("square_avg", s.length);
    float[] b2 = in.readFloats("momentum_buffer", buf.length);
    in.end();
    System.arraycopy(s2, 0, s, 0, s.length);
    System.arraycopy(b2, 0, buf, 0, buf.length);
  }
}
