package org.rnnlab.engine.optim;

import org.rnnlab.config.Hyper;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;

/** Adam (Kingma and Ba 2015) with bias correction, as in PyTorch. */
public record Adam(
    @Hyper(doc = "Learning rate; 1e-3 typical.", min = 0, exclusiveMin = true) Double lr,
    @Hyper(doc = "Decay of the first moment.", min = 0, max = 1, defaultValue = "0.9") Double beta1,
    @Hyper(doc = "Decay of the second moment.", min = 0, max = 1, defaultValue = "0.999") Double beta2,
    @Hyper(doc = "Added to the root of the second moment.", min = 0, exclusiveMin = true,
        defaultValue = "1e-8") Double eps) implements OptimizerConfig {
  public Adam {
    if (lr == null) {
      throw new IllegalArgumentException("adam needs lr");
    }
    beta1 = beta1 == null ? 0.9 : beta1;
    beta2 = beta2 == null ? 0.999 : beta2;
    eps = eps == null ? 1e-8 : eps;
  }

  @Override
  public Optimizer create(int n) {
    final double[] m = new double[n];
    final double[] v = new double[n];
    final double b1 = beta1;
    final double b2 = beta2;
    final double e = eps;
    final double rate = lr;
    return new Optimizer() {
      private int t;

      @Override
      public void step(double[] p, double[] g) {
        t++;
        double c1 = 1 - StrictMath.pow(b1, t);
        double c2 = 1 - StrictMath.pow(b2, t);
        for (int i = 0; i < p.length; i++) {
          m[i] = b1 * m[i] + (1 - b1) * g[i];
          v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
          p[i] -= rate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + e);
        }
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
    };
  }
}
