package org.rnnlab.engine.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Rng;

/** The blocked Cholesky factorisation equals its unblocked specification bit for bit, and solves. */
class CholeskyTest {
  /** X^T X + n I for a random (n+3) x n matrix X, at offset off of a matrix with row stride lda. */
  private static double[] spd(int n, int off, int lda, Rng rng) {
    int rows = n + 3;
    double[] x = new double[rows * n];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.gaussian();
    }
    double[] a = new double[off + n * lda];
    Arrays.fill(a, 777.0);
    Gram.xtx(x, 0, n, rows, n, a, off, lda);
    for (int i = 0; i < n; i++) {
      a[off + i * lda + i] += 0.5;
    }
    return a;
  }

  /** The lower triangle of the n x n matrix at off with row stride lda. */
  private static double[] lower(double[] a, int off, int n, int lda) {
    double[] l = new double[n * (n + 1) / 2];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        l[k++] = a[off + i * lda + j];
      }
    }
    return l;
  }

  @Test
  void blockedEqualsTheSpecificationBitForBit() {
    Rng rng = Rng.of(1);
    for (int n : new int[] {1, 2, 5, 11, 63, 64, 65, 130, 201}) {
      int lda = n + 3;
      double[] a = spd(n, 2, lda, rng.child(n));
      double[] ref = a.clone();
      assertTrue(Cholesky.factorReference(ref, 2, n, lda));
      for (int block : new int[] {1, 7, 64, 500}) {
        double[] b = a.clone();
        assertTrue(new Cholesky(block).factor(b, 2, n, lda));
        assertArrayEquals(lower(ref, 2, n, lda), lower(b, 2, n, lda), 0.0, "n=" + n + " block=" + block);
        assertEquals(777.0, b[0], 0.0, "wrote before the matrix");
      }
    }
  }

  @Test
  void solvesTheSystem() {
    Rng rng = Rng.of(2);
    int n = 37;
    int m = 3;
    double[] a = spd(n, 0, n, rng);
    double[] x = new double[n * m];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.gaussian();
    }
    double[] b = new double[n * m]; // b = A x
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < m; c++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += a[i * n + k] * x[k * m + c];
        }
        b[i * m + c] = s;
      }
    }
    double[] l = a.clone();
    assertTrue(new Cholesky().factor(l, 0, n, n));
    Cholesky.solve(l, 0, n, n, b, 0, m, m);
    assertArrayEquals(x, b, 1e-12);
  }

  @Test
  void rejectsMatricesThatAreNotPositiveDefinite() {
    double[] indefinite = {1, 2, 2, 1};
    assertFalse(new Cholesky().factor(indefinite, 0, 2, 2));
    double[] singular = {1, 1, 1, 1};
    assertFalse(new Cholesky().factor(singular, 0, 2, 2));
    double[] nan = {Double.NaN};
    assertFalse(new Cholesky().factor(nan, 0, 1, 1));
  }

  @Test
  void gramIsTheFmaChainOverRowsAndSymmetric() {
    Rng rng = Rng.of(3);
    int rows = 301;
    int cols = 70;
    int ldx = cols + 5;
    double[] x = new double[rows * ldx + 5];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.gaussian();
    }
    double[] g = new double[cols * cols];
    Gram.xtx(x, 5, ldx, rows, cols, g, 0, cols);
    for (int i = 0; i < cols; i++) {
      for (int j = 0; j < cols; j++) {
        double s = 0.0;
        for (int r = 0; r < rows; r++) {
          s = Math.fma(x[5 + r * ldx + i], x[5 + r * ldx + j], s);
        }
        assertEquals(s, g[i * cols + j], 0.0, "G[" + i + "][" + j + "]");
      }
    }
  }
}
