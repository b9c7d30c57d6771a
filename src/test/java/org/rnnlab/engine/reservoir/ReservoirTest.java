package org.rnnlab.engine.reservoir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.DetMath;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.linalg.Spectral;
import org.rnnlab.model.EsnModel;

/** Contract of the echo-state reservoir: its equation, the echo-state property, the radius, the bits. */
class ReservoirTest {
  private static EsnModel config(int units, double radius, double leak, Integer perUnit, int groups) {
    return new EsnModel(units, radius, 0.2, perUnit, null, 0.7, 1.0, "uniform", leak, 0.3, 0.5, groups, null, null,
        null);
  }

  private static double[] uniform(int n, Rng rng) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.uniform(-1, 1);
    }
    return v;
  }

  @Test
  void echoStateProperty() {
    // tanh and spectral radius below 1: two different initial states forget where they started
    Reservoir r = config(53, 0.8, 0.5, null, 1).draw(2, 0, Rng.of(1));
    int steps = 400;
    double[] u = uniform(steps * 2, Rng.of(2));
    double[] xa = uniform(53, Rng.of(3));
    double[] xb = uniform(53, Rng.of(4));
    double[] sa = new double[steps * 53];
    double[] sb = new double[steps * 53];
    r.run(u, 0, steps, null, 0, xa, 0, sa, 0, 53);
    r.run(u, 0, steps, null, 0, xb, 0, sb, 0, 53);
    double first = maxAbsDiff(sa, sb, 0, 53);
    double last = maxAbsDiff(sa, sb, (steps - 1) * 53, 53);
    assertTrue(first > 0.05, "the initial states differ: " + first);
    assertTrue(last < 1e-12, "after " + steps + " steps the states still differ by " + last);
  }

  private static double maxAbsDiff(double[] a, double[] b, int off, int n) {
    double m = 0;
    for (int i = off; i < off + n; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  @Test
  void recurrentMatrixHasTheRequestedRadiusSparsityAndGroups() {
    for (Integer perUnit : new Integer[] {null, 6}) {
      for (int groups : new int[] {1, 3}) {
        EsnModel c = config(47, 1.25, 1.0, perUnit, groups);
        Reservoir r = c.draw(1, 0, Rng.of(7));
        double[] w = r.recurrent().toDense();
        assertEquals(1.25, Spectral.radius(w, 0, 47), 1e-12, "whole matrix, groups=" + groups);
        int[] sizes = c.groupSizes();
        assertEquals(47, Arrays.stream(sizes).sum());
        int start = 0;
        for (int m : sizes) {
          double[] block = new double[m * m];
          int nnz = 0;
          for (int i = 0; i < m; i++) {
            int rowNnz = 0;
            for (int j = 0; j < 47; j++) {
              double v = w[(start + i) * 47 + j];
              boolean inBlock = j >= start && j < start + m;
              if (!inBlock) {
                assertEquals(0.0, v, 0.0, "a connection between groups");
              } else {
                block[i * m + j - start] = v;
                rowNnz += v != 0.0 ? 1 : 0;
              }
            }
            if (perUnit != null) {
              assertEquals(Math.min(perUnit, m), rowNnz, "non-zeros of row " + i);
            }
            nnz += rowNnz;
          }
          if (perUnit == null) {
            assertEquals(Math.round(0.2 * m * m), nnz, "non-zeros of a block of " + m);
          }
          assertEquals(1.25, Spectral.radius(block, 0, m), 1e-12, "each group is rescaled on its own");
          start += m;
        }
      }
    }
  }

  @Test
  void sameSeedSameBitsAndIndependentStreams() {
    EsnModel c = config(31, 0.9, 0.3, null, 1);
    Reservoir a = c.draw(2, 1, Rng.of(11));
    Reservoir b = c.draw(2, 1, Rng.of(11));
    Reservoir other = c.draw(2, 1, Rng.of(12));
    assertArrayEquals(a.recurrent().toDense(), b.recurrent().toDense(), 0.0);
    assertArrayEquals(a.inputWeights(), b.inputWeights(), 0.0);
    assertFalse(Arrays.equals(a.recurrent().toDense(), other.recurrent().toDense()));
    double[] u = uniform(2 * 100, Rng.of(1));
    assertArrayEquals(a.run(u, 100), b.run(u, 100), 0.0);
    // the input scaling only scales the input weights: recurrent weights and biases do not move
    EsnModel scaled = new EsnModel(31, 0.9, 0.2, null, null, 0.35, 1.0, "uniform", 0.3, 0.3, 0.5, 1, null, null,
        null);
    Reservoir s = scaled.draw(2, 1, Rng.of(11));
    assertArrayEquals(a.recurrent().toDense(), s.recurrent().toDense(), 0.0);
    assertArrayEquals(a.bias(), s.bias(), 0.0);
    double[] half = a.inputWeights();
    for (int i = 0; i < half.length; i++) {
      half[i] *= 0.5;
    }
    assertArrayEquals(half, s.inputWeights(), 0.0);
  }

  @Test
  void stepFollowsTheLeakyIntegratorEquation() {
    Reservoir r = config(13, 0.95, 0.3, null, 1).draw(3, 2, Rng.of(5));
    double[] w = r.recurrent().toDense();
    double[] win = r.inputWeights();
    double[] wfb = r.feedbackWeights();
    double[] b = r.bias();
    double[] x = uniform(13, Rng.of(6));
    double[] u = uniform(3, Rng.of(7));
    double[] y = uniform(2, Rng.of(8));
    double[] got = new double[13];
    r.step(x, 0, u, 0, y, 0, got, 0);
    for (int i = 0; i < 13; i++) {
      double s = b[i];
      for (int k = 0; k < 3; k++) {
        s += win[i * 3 + k] * u[k];
      }
      for (int k = 0; k < 2; k++) {
        s += wfb[i * 2 + k] * y[k];
      }
      for (int j = 0; j < 13; j++) {
        s += w[i * 13 + j] * x[j];
      }
      assertEquals(0.7 * x[i] + 0.3 * Math.tanh(s), got[i], 1e-14, "unit " + i);
    }
    double[] inPlace = x.clone();
    r.step(inPlace, 0, u, 0, y, 0, inPlace, 0);
    assertArrayEquals(got, inPlace, 0.0, "out may be x itself");
    assertEquals(0.3, r.leakRate());
    assertThrows(IllegalArgumentException.class, () -> config(5, 0.9, 0.0, null, 1));
    assertThrows(IllegalArgumentException.class, () -> config(5, 0.9, 1.0, null, 6).draw(1, 0, Rng.of(1)));
  }

  @Test
  void batchRunsEqualSingleRunsAndTeacherFeedbackIsShiftedByOne() {
    Reservoir r = config(19, 0.9, 0.6, 4, 2).draw(2, 1, Rng.of(9));
    int steps = 30;
    int batch = 3;
    double[] u = uniform(steps * batch * 2, Rng.of(10));
    double[] teacher = uniform(steps * batch, Rng.of(11));
    double[] states = new double[steps * batch * 19];
    r.runBatch(u, steps, batch, teacher, states);
    for (int b = 0; b < batch; b++) {
      double[] ub = new double[steps * 2];
      double[] tb = new double[steps];
      for (int t = 0; t < steps; t++) {
        System.arraycopy(u, (t * batch + b) * 2, ub, t * 2, 2);
        tb[t] = teacher[t * batch + b];
      }
      double[] single = new double[steps * 19];
      r.run(ub, 0, steps, tb, 0, null, 0, single, 0, 19);
      for (int t = 0; t < steps; t++) {
        assertArrayEquals(Arrays.copyOfRange(single, t * 19, t * 19 + 19),
            Arrays.copyOfRange(states, (t * batch + b) * 19, (t * batch + b) * 19 + 19), 0.0, "seq " + b + " t " + t);
      }
      // step t reads teacher row t-1: by hand for t = 0 (zeros) and t = 1 (teacher[0])
      double[] x = new double[19];
      r.step(new double[19], 0, ub, 0, new double[1], 0, x, 0);
      assertArrayEquals(Arrays.copyOfRange(single, 0, 19), x, 0.0);
      r.step(x, 0, ub, 2, tb, 0, x, 0);
      assertArrayEquals(Arrays.copyOfRange(single, 19, 38), x, 0.0);
    }
  }

  @Test
  void tanhIsTheEngineOne() {
    // the reservoir's only transcendental function is DetMath.tanh: a 1-unit reservoir shows it
    Reservoir r = new Reservoir(org.rnnlab.engine.linalg.SparseMatrix.fromDense(new double[] {0.0}, 0, 1),
        new double[] {1.0}, 1, null, 0, null, 1.0, Reservoir.Activation.TANH);
    double[] out = new double[1];
    for (double v : new double[] {-3.1, -0.2, 0.05, 0.7, 4.0}) {
      r.step(new double[1], 0, new double[] {v}, 0, null, 0, out, 0);
      assertEquals(DetMath.tanh(v), out[0], 0.0);
    }
  }
}
