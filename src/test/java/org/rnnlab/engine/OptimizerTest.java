package org.rnnlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.rnnlab.engine.optim.Adam;
import org.rnnlab.engine.optim.Optimizer;
import org.rnnlab.engine.optim.RmsProp;
import org.rnnlab.engine.optim.Sgd;

/**
 * One and two steps of every optimiser against the update rules of torch.optim (SGD with
 * dampening 0, RMSprop non-centred, Adam without weight decay), written out per scalar here.
 */
class OptimizerTest {
  static final double[] P0 = {0.5, -1.25, 2.0};
  static final double[] G1 = {0.1, -0.4, 3.0};
  static final double[] G2 = {-0.3, 0.2, 0.0};
  static final double TOL = 1e-15;

  private static double[][] twoSteps(Optimizer opt) {
    double[] p = P0.clone();
    opt.step(p, G1.clone());
    double[] after1 = p.clone();
    opt.step(p, G2.clone());
    return new double[][] {after1, p};
  }

  private static void assertSteps(double[][] want, double[][] got) {
    for (int s = 0; s < 2; s++) {
      for (int i = 0; i < P0.length; i++) {
        assertEquals(want[s][i], got[s][i], TOL * Math.max(1.0, Math.abs(want[s][i])), "step " + (s + 1) + " index " + i);
      }
    }
  }

  @Test
  void sgdPlain() {
    double lr = 0.1;
    double[][] want = new double[2][3];
    for (int i = 0; i < 3; i++) {
      want[0][i] = P0[i] - lr * G1[i];
      want[1][i] = want[0][i] - lr * G2[i];
    }
    assertSteps(want, twoSteps(new Sgd(lr, 0.0, false).create(3)));
    assertEquals(0.49, twoSteps(new Sgd(lr, null, null).create(3))[0][0], 1e-16);
  }

  @Test
  void sgdMomentum() {
    double lr = 0.1;
    double mu = 0.9;
    double[][] want = new double[2][3];
    for (int i = 0; i < 3; i++) {
      double v1 = G1[i];                 // torch: buf = g on the first step
      want[0][i] = P0[i] - lr * v1;
      double v2 = mu * v1 + G2[i];
      want[1][i] = want[0][i] - lr * v2;
    }
    assertSteps(want, twoSteps(new Sgd(lr, mu, false).create(3)));
  }

  @Test
  void sgdNesterov() {
    double lr = 0.1;
    double mu = 0.9;
    double[][] want = new double[2][3];
    for (int i = 0; i < 3; i++) {
      double v1 = G1[i];
      want[0][i] = P0[i] - lr * (G1[i] + mu * v1);
      double v2 = mu * v1 + G2[i];
      want[1][i] = want[0][i] - lr * (G2[i] + mu * v2);
    }
    double[][] got = twoSteps(new Sgd(lr, mu, true).create(3));
    assertSteps(want, got);
    // and Nesterov really differs from classical momentum
    double[][] classical = twoSteps(new Sgd(lr, mu, false).create(3));
    assertEquals(P0[0] - lr * 1.9 * G1[0], got[0][0], 1e-15);
    assertEquals(P0[0] - lr * G1[0], classical[0][0], 1e-15);
  }

  @Test
  void rmsPropWithoutMomentum() {
    double lr = 0.01;
    double a = 0.99;
    double eps = 1e-8;
    double[][] want = new double[2][3];
    for (int i = 0; i < 3; i++) {
      double s1 = (1 - a) * G1[i] * G1[i];
      want[0][i] = P0[i] - lr * G1[i] / (Math.sqrt(s1) + eps);
      double s2 = a * s1 + (1 - a) * G2[i] * G2[i];
      want[1][i] = want[0][i] - lr * G2[i] / (Math.sqrt(s2) + eps);
    }
    assertSteps(want, twoSteps(new RmsProp(lr, a, eps, 0.0).create(3)));
    // first step of RMSprop moves every coordinate by lr / sqrt(1 - alpha) = 0.1 (up to eps/|g|)
    double[][] got = twoSteps(new RmsProp(lr, null, null, null).create(3));
    assertEquals(P0[1] + 0.1, got[0][1], 1e-7);
  }

  @Test
  void rmsPropWithMomentum() {
    double lr = 0.01;
    double a = 0.9;
    double eps = 1e-6;
    double mu = 0.5;
    double[][] want = new double[2][3];
    for (int i = 0; i < 3; i++) {
      double s1 = (1 - a) * G1[i] * G1[i];
      double b1 = G1[i] / (Math.sqrt(s1) + eps);
      want[0][i] = P0[i] - lr * b1;
      double s2 = a * s1 + (1 - a) * G2[i] * G2[i];
      double b2 = mu * b1 + G2[i] / (Math.sqrt(s2) + eps);
      want[1][i] = want[0][i] - lr * b2;
    }
    assertSteps(want, twoSteps(new RmsProp(lr, a, eps, mu).create(3)));
  }

  @Test
  void adam() {
    double lr = 0.001;
    double b1 = 0.9;
    double b2 = 0.999;
    double eps = 1e-8;
    double[][] want = new double[2][3];
    for (int i = 0; i < 3; i++) {
      double m1 = (1 - b1) * G1[i];
      double v1 = (1 - b2) * G1[i] * G1[i];
      double mh1 = m1 / (1 - b1);
      double vh1 = v1 / (1 - b2);
      want[0][i] = P0[i] - lr * mh1 / (Math.sqrt(vh1) + eps);
      double m2 = b1 * m1 + (1 - b1) * G2[i];
      double v2 = b2 * v1 + (1 - b2) * G2[i] * G2[i];
      double mh2 = m2 / (1 - b1 * b1);
      double vh2 = v2 / (1 - b2 * b2);
      want[1][i] = want[0][i] - lr * mh2 / (Math.sqrt(vh2) + eps);
    }
    assertSteps(want, twoSteps(new Adam(lr, b1, b2, eps).create(3)));
    // Adam's first step is lr * sign(g) (up to eps)
    double[][] got = twoSteps(new Adam(lr, null, null, null).create(3));
    for (int i = 0; i < 3; i++) {
      assertEquals(P0[i] - lr * Math.signum(G1[i]), got[0][i], 1e-9);
    }
    // a zero gradient after a non-zero one still moves the parameter (momentum)
    assertEquals(true, got[1][2] < got[0][2]);
  }

  @Test
  void optimisersKeepStatePerInstance() {
    // two instances from one config do not share moment buffers
    Adam cfg = new Adam(0.01, null, null, null);
    Optimizer a = cfg.create(3);
    Optimizer b = cfg.create(3);
    double[] pa = P0.clone();
    double[] pb = P0.clone();
    a.step(pa, G1.clone());
    a.step(pa, G2.clone());
    b.step(pb, G1.clone());
    b.step(pb, G2.clone());
    for (int i = 0; i < 3; i++) {
      assertEquals(Double.doubleToRawLongBits(pa[i]), Double.doubleToRawLongBits(pb[i]));
    }
  }

  @Test
  void learningRateIsRequired() {
    assertThrows(IllegalArgumentException.class, () -> new Sgd(null, 0.9, false));
    assertThrows(IllegalArgumentException.class, () -> new Adam(null, null, null, null));
    assertThrows(IllegalArgumentException.class, () -> new RmsProp(null, null, null, null));
  }
}
