package org.rnnlab.engine.optim;

import org.rnnlab.config.Hyper;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;

/**
 * RMSProp (Tieleman and Hinton 2012) in PyTorch's form: s = a*s + (1-a)*g^2;
 * p -= lr * g / (sqrt(s) + eps), with optional momentum on the scaled step.
 */
public record RmsProp(
    @Hyper(doc = "Learning rate; 1e-3 typical.", min = 0, exclusiveMin = true) Double lr,
    @Hyper(doc = "Decay of the squared-gradient average.", min = 0, max = 1, defaultValue = "0.99") Double alpha,
    @Hyper(doc = "Added to the root mean square for stability.", min = 0, exclusiveMin = true,
        defaultValue = "1e-8") Double eps,
    @Hyper(doc = "Momentum on the scaled step; 0 for none.", min = 0, max = 1, defaultValue = "0.0") Double momentum)
    implements OptimizerConfig {
  public RmsProp {
    if (lr == null) {
      throw new IllegalArgumentException("rmsprop needs lr");
    }
    alpha = alpha == null ? 0.99 : alpha;
    eps = eps == null ? 1e-8 : eps;
    momentum = momentum == null ? 0.0 : momentum;
  }

  @Override
  public Optimizer create(int n) {
    final double[] s = new double[n];
    final double[] buf = new double[n];
    final double a = alpha;
    final double e = eps;
    final double mu = momentum;
    final double rate = lr;
    return new Optimizer() {
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
    };
  }
}
