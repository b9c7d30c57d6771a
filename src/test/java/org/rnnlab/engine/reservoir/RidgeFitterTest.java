package org.rnnlab.engine.reservoir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Rng;

/** The closed-form ridge readout: exact recovery, the regularised solution, the grid search. */
class RidgeFitterTest {
  private static double[] gaussian(int n, Rng rng) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.gaussian();
    }
    return v;
  }

  /** y = b + W x for each row of x (rows x f), W outputs x f. */
  private static double[] linear(double[] x, int rows, int f, double[] w, double[] b, int outputs) {
    double[] y = new double[rows * outputs];
    for (int r = 0; r < rows; r++) {
      for (int o = 0; o < outputs; o++) {
        double s = b[o];
        for (int k = 0; k < f; k++) {
          s += w[o * f + k] * x[r * f + k];
        }
        y[r * outputs + o] = s;
      }
    }
    return y;
  }

  @Test
  void recoversAKnownLinearReadoutExactlyWithoutNoise() {
    Rng rng = Rng.of(1);
    int rows = 240;
    int f = 37;
    int outputs = 3;
    double[] x = gaussian(rows * f, rng);
    double[] w = gaussian(outputs * f, rng);
    double[] b = {0.5, -2.0, 3.25};
    double[] y = linear(x, rows, f, w, b, outputs);
    RidgeReadout fit = new RidgeFitter(f, outputs, false).fit(RidgeFitter.Samples.rows(x, f, y, outputs, 0, rows), 0.0);
    assertArrayEquals(w, fit.weights(), 1e-10);
    for (int o = 0; o < outputs; o++) {
      assertEquals(b[o], fit.bias(o), 1e-10);
    }
    assertArrayEquals(y, fit.predict(x, 0, f, rows), 1e-10);
  }

  /** The regularised normal equations solved by commons-math: (X^T X + lambda D) beta = X^T y. */
  private static double[] reference(double[] x, int from, int to, int f, double[] y, double lambda, boolean biasToo) {
    int d = f + 1;
    double[][] a = new double[d][d];
    double[][] c = new double[d][1];
    for (int r = from; r < to; r++) {
      double[] row = new double[d];
      row[0] = 1.0;
      System.arraycopy(x, r * f, row, 1, f);
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          a[i][j] += row[i] * row[j];
        }
        c[i][0] += row[i] * y[r];
      }
    }
    for (int i = biasToo ? 0 : 1; i < d; i++) {
      a[i][i] += lambda;
    }
    RealMatrix sol = new LUDecomposition(new Array2DRowRealMatrix(a)).getSolver().solve(new Array2DRowRealMatrix(c));
    return sol.getColumn(0);
  }

  @Test
  void regularisedSolutionAndTheUnpenalisedBias() {
    Rng rng = Rng.of(2);
    int rows = 90;
    int f = 12;
    double[] x = gaussian(rows * f, rng);
    for (int i = 0; i < x.length; i++) {
      x[i] += 3.0; // far from centred: the bias matters
    }
    double[] y = gaussian(rows, rng);
    for (boolean biasToo : new boolean[] {false, true}) {
      RidgeReadout fit = new RidgeFitter(f, 1, biasToo).fit(RidgeFitter.Samples.rows(x, f, y, 1, 0, rows), 2.5);
      double[] want = reference(x, 0, rows, f, y, 2.5, biasToo);
      assertEquals(want[0], fit.bias(0), 1e-11, "bias, regularised: " + biasToo);
      for (int k = 0; k < f; k++) {
        assertEquals(want[1 + k], fit.weight(0, k), 1e-11);
      }
    }
    // reservoirpy's form: centre, solve (Xc^T Xc + lambda I) w = Xc^T yc, b = mean(y) - mean(x) w
    RidgeReadout fit = new RidgeFitter(f, 1, false).fit(RidgeFitter.Samples.rows(x, f, y, 1, 0, rows), 2.5);
    double[] mx = new double[f];
    double my = 0;
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < f; k++) {
        mx[k] += x[r * f + k] / rows;
      }
      my += y[r] / rows;
    }
    double[][] a = new double[f][f];
    double[][] c = new double[f][1];
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < f; i++) {
        for (int j = 0; j < f; j++) {
          a[i][j] += (x[r * f + i] - mx[i]) * (x[r * f + j] - mx[j]);
        }
        c[i][0] += (x[r * f + i] - mx[i]) * (y[r] - my);
      }
      }
    for (int i = 0; i < f; i++) {
      a[i][i] += 2.5;
    }
    double[] wc = new LUDecomposition(new Array2DRowRealMatrix(a)).getSolver().solve(new Array2DRowRealMatrix(c)).getColumn(0);
    double bc = my;
    for (int k = 0; k < f; k++) {
      assertEquals(wc[k], fit.weight(0, k), 1e-11);
      bc -= mx[k] * wc[k];
    }
    assertEquals(bc, fit.bias(0), 1e-10);
  }

  @Test
  void gridSearchPicksTheBestValidationErrorAndRefits() {
    Rng rng = Rng.of(3);
    int rows = 300;
    int f = 25;
    double[] x = gaussian(rows * f, rng);
    double[] w = gaussian(f, rng);
    double[] y = linear(x, rows, f, w, new double[] {0.1}, 1);
    for (int r = 0; r < rows; r++) {
      y[r] += 0.8 * rng.gaussian(); // noisy: a middle lambda wins
    }
    double[] grid = RidgeFitter.decades(-4, 4);
    assertEquals(1e-4, grid[0], 0.0);
    assertEquals(1e4, grid[8], 0.0);
    RidgeFitter fitter = new RidgeFitter(f, 1, false);
    RidgeFitter.Samples train = RidgeFitter.Samples.rows(x, f, y, 1, 0, 60);
    RidgeFitter.Samples val = RidgeFitter.Samples.rows(x, f, y, 1, 60, 200);
    RidgeFitter.Selection sel = fitter.select(train, val, grid, true);
    int best = 0;
    for (int k = 0; k < grid.length; k++) {
      RidgeReadout r = fitter.fit(train, grid[k]);
      double[] p = r.predict(x, 60 * f, f, 140);
      double mse = 0;
      for (int i = 0; i < 140; i++) {
        double e = p[i] - y[60 + i];
        mse = Math.fma(e, e, mse);
      }
      assertEquals(mse / 140, sel.validationMse()[k], 0.0, "validation error of lambda " + grid[k]);
      if (sel.validationMse()[k] < sel.validationMse()[best]) {
        best = k;
      }
    }
    assertEquals(best, sel.best());
    assertEquals(grid[best], sel.lambda());
    assertEquals(grid[best], sel.readout().lambda());
    double[] refit = reference(x, 0, 200, f, y, grid[best], false);
    assertEquals(refit[0], sel.readout().bias(0), 1e-10, "refitted on train and validation");
    double[] trainOnly = reference(x, 0, 60, f, y, grid[best], false);
    assertEquals(trainOnly[1], fitter.select(train, val, grid, false).readout().weight(0, 0), 1e-10);
  }

  @Test
  void failsClearlyWithoutAPositiveDefiniteSystem() {
    double[] x = new double[10 * 3]; // all-zero features: singular without regularisation
    double[] y = new double[10];
    RidgeFitter fitter = new RidgeFitter(3, 1, false);
    RidgeFitter.Samples s = RidgeFitter.Samples.rows(x, 3, y, 1, 0, 10);
    assertThrows(ArithmeticException.class, () -> fitter.fit(s, 0.0));
    assertEquals(0.0, fitter.fit(s, 1e-3).weight(0, 1), 0.0);
    RidgeFitter.Selection sel = fitter.select(s, s, new double[] {0.0, 1e-3}, false);
    assertEquals(Double.POSITIVE_INFINITY, sel.validationMse()[0]);
    assertEquals(1, sel.best());
  }
}
