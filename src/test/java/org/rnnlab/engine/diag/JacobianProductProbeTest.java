package org.rnnlab.engine.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.cell.CellConfig;
import org.rnnlab.engine.cell.ElmanLayer;
import org.rnnlab.engine.cell.GruLayer;
import org.rnnlab.engine.cell.LstmLayer;
import org.rnnlab.engine.cell.RecurrentLayer;
import org.rnnlab.engine.init.NormalInit;
import org.rnnlab.engine.linalg.Spectral;
import org.rnnlab.engine.loss.MseLoss;

/**
 * The Jacobian-product probe against the explicit product of diag(1 - h_s^2) W_hh for the tanh
 * RNN, against finite differences of h_{T-1} in the state for LSTM and GRU, against exact powers
 * far beyond the range of doubles, and against Lemma 7.3.1's bound.
 */
class JacobianProductProbeTest {
  static final int IN = 3;
  static final int HID = 5;
  static final int STEPS = 6;

  static SequenceModel model(CellConfig cell, int layers) {
    SequenceModel m = new SequenceModel(cell, IN, HID, layers, 1, ReadoutMode.LAST, new MseLoss());
    m.initialize(new NormalInit(0.7), new NormalInit(0.7), Rng.of(51).child("init"));
    return m;
  }

  static Batch batch(int size, int steps, long seed) {
    Rng r = Rng.of(seed);
    double[] x = new double[steps * size * IN];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.gaussian();
    }
    return new Batch(steps, size, IN, x, Batch.fullLengths(steps, size), new double[size], null, null);
  }

  /** Input of layer k for sequence s, {@code steps x width}, by running the layers below on it alone. */
  static double[] input(SequenceModel m, Batch b, int k, int s) {
    double[] x = new double[b.steps() * IN];
    for (int t = 0; t < b.steps(); t++) {
      System.arraycopy(b.inputs(), (t * b.size() + s) * IN, x, t * IN, IN);
    }
    for (int j = 0; j < k; j++) {
      RecurrentLayer l = m.layers().get(j).directions().get(0);
      l.forward(m.params().values(), x, 0, b.steps(), 1, null, 0, null);
      x = Arrays.copyOfRange(l.output(), l.outputOffset(), l.outputOffset() + b.steps() * HID);
    }
    return x;
  }

  static double sigmaMax(double[] a, int rows, int cols) {
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    System.arraycopy(a, 0, m.data, 0, a.length);
    SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(rows, cols, false, false, true);
    assertTrue(svd.decompose(m));
    return Arrays.stream(svd.getSingularValues()).max().orElseThrow();
  }

  static double frobenius(double[] a) {
    double s = 0;
    for (double x : a) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  /** P_t = J_{T-1} ... J_{t+1}, J_s = diag(1 - h_s^2) W_hh, built by explicit matrix products. */
  @Test
  void tanhRnnEqualsTheExplicitProduct() {
    SequenceModel m = model(new ElmanLayer.Config("tanh"), 2);
    Batch b = batch(3, STEPS, 2);
    JacobianProductProbe probe = new JacobianProductProbe(m, b, 2);
    for (int k = 0; k < 2; k++) {
      JacobianProducts got = probe.measure(k, true);
      assertEquals(k, got.layer());
      Params.Param whh = m.params().get("weight_hh_l" + k);
      double[] w = Arrays.copyOfRange(m.params().values(), whh.offset(), whh.offset() + HID * HID);
      double logSigmaW = StrictMath.log(Spectral.largestSingularValue(w, 0, HID, HID));
      for (int s = 0; s < 2; s++) {
        RecurrentLayer l = m.layers().get(k).directions().get(0);
        l.forward(m.params().values(), input(m, b, k, s), 0, STEPS, 1, null, 0, null);
        double[] h = Arrays.copyOfRange(l.output(), l.outputOffset(), l.outputOffset() + STEPS * HID);
        double[] p = new double[HID * HID];
        for (int i = 0; i < HID; i++) {
          p[i * HID + i] = 1.0;
        }
        for (int t = STEPS - 1; t >= 0; t--) {
          String at = "layer " + k + " seq " + s + " t " + t;
          assertEquals(StrictMath.log(frobenius(p)), got.logFrobenius()[s][t], 1e-12, at);
          assertEquals(StrictMath.log(sigmaMax(p, HID, HID)), got.logSpectral()[s][t], 1e-11, at);
          assertTrue(got.logSpectral()[s][t] <= (STEPS - 1 - t) * logSigmaW + 1e-12,
              at + ": Lemma 7.3.1 with |tanh'| <= 1: ||P_t|| <= sigma_max(W_hh)^(T-1-t)");
          if (t > 0) { // p = p * diag(1 - h_t^2) W_hh: one more factor, J_t
            double[] q = new double[HID * HID];
            for (int i = 0; i < HID; i++) {
              for (int j = 0; j < HID; j++) {
                double acc = 0;
                for (int r = 0; r < HID; r++) {
                  double hr = h[t * HID + r];
                  acc += p[i * HID + r] * (1 - hr * hr) * w[r * HID + j];
                }
                q[i * HID + j] = acc;
              }
            }
            p = q;
          }
        }
      }
    }
  }

  /** Columns of dh_{T-1}/ds_t by central differences of the layer run on from a perturbed state. */
  private static void checkAgainstFiniteDifferences(CellConfig cell) {
    SequenceModel m = model(cell, 2);
    Batch b = batch(2, STEPS, 3);
    int k = 1;
    JacobianProducts got = new JacobianProductProbe(m, b, 2).measure(k, false);
    assertNull(got.logSpectral());
    RecurrentLayer l = m.layers().get(k).directions().get(0);
    int parts = l.stateParts();
    double[] v = m.params().values();
    double eps = 1e-5;
    for (int s = 0; s < 2; s++) {
      double[] x = input(m, b, k, s);
      for (int t = 0; t < STEPS - 1; t++) {
        l.forward(v, x, 0, t + 1, 1, null, 0, null);
        double[][] state = new double[parts][HID];
        l.finalState(state);
        double[] jac = new double[HID * parts * HID];
        for (int part = 0; part < parts; part++) {
          for (int j = 0; j < HID; j++) {
            double[] up = runOn(l, v, x, t, state, part, j, eps);
            double[] down = runOn(l, v, x, t, state, part, j, -eps);
            for (int i = 0; i < HID; i++) {
              jac[i * parts * HID + part * HID + j] = (up[i] - down[i]) / (2 * eps);
            }
          }
        }
        assertEquals(StrictMath.log(frobenius(jac)), got.logFrobenius()[s][t], 1e-8, cell + " seq " + s + " t " + t);
      }
      assertEquals(0.5 * StrictMath.log(HID), got.logFrobenius()[s][STEPS - 1], 1e-15, "t = T-1: the identity");
    }
  }

  private static double[] runOn(RecurrentLayer l, double[] v, double[] x, int t, double[][] state, int part, int j,
                                double d) {
    double[][] init = new double[state.length][];
    for (int p = 0; p < state.length; p++) {
      init[p] = state[p].clone();
    }
    init[part][j] += d;
    l.forward(v, x, (t + 1) * l.inputSize(), STEPS - t - 1, 1, null, t + 1, init);
    double[][] fin = new double[state.length][HID];
    l.finalState(fin);
    return fin[0];
  }

  @Test
  void lstmEqualsFiniteDifferencesOfTheWholeState() {
    checkAgainstFiniteDifferences(new LstmLayer.Config(1.0));
  }

  @Test
  void gruEqualsFiniteDifferences() {
    checkAgainstFiniteDifferences(new GruLayer.Config(true));
  }

  /**
   * With zero input and biases the state stays exactly 0, so each factor is W_hh itself: for
   * W_hh = c I the product over d steps is c^d I, whose logs are exact, far outside double range
   * (0.1^399 and 3^399 squared underflow and overflow).
   */
  @Test
  void productsFarBeyondTheRangeOfDoubles() {
    int steps = 400;
    for (double c : new double[] {0.1, 3.0}) {
      SequenceModel m = model(new ElmanLayer.Config("tanh"), 1);
      double[] v = m.params().values();
      Arrays.fill(v, 0.0);
      int w = m.params().get("weight_hh_l0").offset();
      for (int i = 0; i < HID; i++) {
        v[w + i * HID + i] = c;
      }
      Batch b = new Batch(steps, 1, IN, new double[steps * IN], new int[] {steps}, new double[1], null, null);
      JacobianProducts got = new JacobianProductProbe(m, b, 1).measure(0, true);
      for (int t = 0; t < steps; t++) {
        double d = steps - 1 - t;
        double expected = d * StrictMath.log(c);
        assertEquals(expected, got.logSpectral()[0][t], 1e-9 * Math.max(1, Math.abs(expected)), "c=" + c + " t=" + t);
        assertEquals(expected + 0.5 * StrictMath.log(HID), got.logFrobenius()[0][t], 1e-9 * Math.max(1, Math.abs(expected)));
      }
    }
  }
}
