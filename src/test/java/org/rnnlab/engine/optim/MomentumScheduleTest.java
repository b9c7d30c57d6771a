package org.rnnlab.engine.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Rng;
import org.rnnlab.spec.Catalog;

/** SGD's momentum warm-up (Sutskever et al. 2013): mu = warm-up value first, then mu_0. */
class MomentumScheduleTest {
  private static double[][] run(Optimizer opt, int steps) {
    Rng rng = Rng.of(1);
    double[] p = {0.5, -1.25, 2.0, 0.1};
    double[][] trace = new double[steps][];
    for (int s = 0; s < steps; s++) {
      double[] g = new double[p.length];
      for (int i = 0; i < g.length; i++) {
        g[i] = rng.gaussian();
      }
      opt.step(p, g);
      trace[s] = p.clone();
    }
    return trace;
  }

  @Test
  void warmUpMomentumThenTheMainOne() {
    for (boolean nesterov : new boolean[] {false, true}) {
      double lr = 0.05;
      double[][] got = run(new Sgd(lr, 0.99, nesterov, 2, 0.5).create(4), 5);
      // by hand: mu = 0.5 for updates 1-2, 0.99 from update 3 on; the velocity carries over
      Rng rng = Rng.of(1);
      double[] p = {0.5, -1.25, 2.0, 0.1};
      double[] v = new double[4];
      for (int s = 0; s < 5; s++) {
        double mu = s < 2 ? 0.5 : 0.99;
        for (int i = 0; i < 4; i++) {
          double g = rng.gaussian();
          v[i] = mu * v[i] + g;
          p[i] -= lr * (nesterov ? g + mu * v[i] : v[i]);
        }
        assertArrayEquals(p, got[s], 0.0, "update " + (s + 1) + ", nesterov " + nesterov);
      }
    }
  }

  @Test
  void withoutAWarmUpTheBitsAreThoseOfPlainSgd() {
    for (double mu : new double[] {0.0, 0.9}) {
      double[][] plain = run(new Sgd(0.1, mu, true).create(4), 6);
      double[][] zero = run(new Sgd(0.1, mu, true, 0, 0.5).create(4), 6);
      double[][] same = run(new Sgd(0.1, mu, true, 3, mu).create(4), 6); // a warm-up at mu itself
      for (int s = 0; s < 6; s++) {
        assertArrayEquals(plain[s], zero[s], 0.0);
        assertArrayEquals(plain[s], same[s], 0.0);
      }
    }
    assertEquals(new Sgd(0.1, 0.0, false), new Sgd(0.1, null, null, null, null), "defaults: no warm-up");
    assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1, 0.9, false, -1, 0.9));
  }

  @Test
  void specKeys() throws Exception {
    ObjectMapper m = Catalog.standard().mapper();
    OptimizerConfig c = m.readValue("{\"type\": \"sgd\", \"lr\": 0.01, \"momentum\": 0.995, \"nesterov\": true,"
        + " \"momentum_warmup_updates\": 1000, \"momentum_warmup\": 0.9}", OptimizerConfig.class);
    assertEquals(new Sgd(0.01, 0.995, true, 1000, 0.9), c);
  }
}
