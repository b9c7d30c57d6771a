// Generated from src/main/java/org/rnnlab/engine/optim/AdamUpdate.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change AdamUpdate.java and run `make generate`.
package org.rnnlab.engine.optim;

import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;

/**
 * The update arithmetic of {@link Adam} (Kingma and Ba 2015, PyTorch's form), in the parameters'
 * precision. The bias corrections 1 - beta^t stay double (StrictMath.pow of the double betas,
 * as PyTorch computes them in Python), rounded once per update in the float32 twin (codegen); the
 * moments and the elementwise update are in the parameters' precision, as PyTorch's float32 Adam.
 */
public final class AdamUpdateF32 implements OptimizerF32 {
  private final float[] m;
  private final float[] v;
  private final double beta1;
  private final double beta2;
  private final float b1;
  private final float b2;
  private final float eps;
  private final float rate;
  private int t;

  /** Adam's state for {@code n} parameters. */
  public AdamUpdateF32(int n, double lr, double beta1, double beta2, double eps) {
    this.m = new float[n];
    this.v = new float[n];
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.b1 = (float) beta1;  // float32: rounded once
    this.b2 = (float) beta2;
    this.eps = (float) eps;
    this.rate = (float) lr;
  }

  @Override
  public void step(float[] p, float[] g) {
    t++;
    float c1 = (float) (1 - StrictMath.pow(beta1, t));
    float c2 = (float) (1 - StrictMath.pow(beta2, t));
    for (int i = 0; i < p.length; i++) {
      m[i] = b1 * m[i] + (1 - b1) * g[i];
      v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
      p[i] -= rate * (m[i] / c1) / ((float) Math.sqrt(v[i] / c2) + eps);
    }
    // float32: v holds g^2, subnormal already for |g| < 1e-19; flushed as FloatKernels explains
    org.rnnlab.engine.FloatKernels.flushDenormals(m, 0, m.length);
    org.rnnlab.engine.FloatKernels.flushDenormals(v, 0, v.length);
    org.rnnlab.engine.FloatKernels.flushDenormals(p, 0, p.length);
  }

  @Override
  public void save(StateWriter out) {
    out.begin("adam").writeInt("t", t).writeFloats("m", m).writeFloats("v", v).end();
  }

  @Override
  public void restore(StateReader in) {
    in.begin("adam");
    int steps = in.readInt("t");
    float[] m2 = in.readFloats("m", m.length);
    float[] v2 = in.readFloats("v", v.length);
    in.end();
    t = steps;
    System.arraycopy(m2, 0, m, 0, m.length);
    System.arraycopy(v2, 0, v, 0, v.length);
  }
}
