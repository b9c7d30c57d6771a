package org.rnnlab.engine.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.init.SparseDraw;

/** The sliced sparse product equals plain compressed rows and the dense chain, bit for bit. */
class SparseMatrixTest {
  @Test
  void productEqualsCompressedRowsAndTheDenseChain() {
    Rng rng = Rng.of(4);
    for (int n : new int[] {1, 7, 8, 9, 17, 61}) {
      for (double density : new double[] {0.05, 0.3, 1.0}) {
        double[] a = new double[n * n];
        SparseDraw.density(a, 0, n, n, density, SparseDraw.Values.NORMAL, rng.child(n + "/" + density));
        SparseMatrix s = SparseMatrix.fromDense(a, 0, n);
        assertArrayEquals(a, s.toDense(), 0.0);
        double[] x = new double[n + 2];
        double[] y0 = new double[n + 1];
        for (int i = 0; i < x.length; i++) {
          x[i] = rng.uniform(-1, 1);
        }
        for (int i = 0; i < y0.length; i++) {
          y0[i] = i % 3 == 0 ? -0.0 : rng.gaussian(); // -0.0 starts: the +0.0 rule
        }
        double[] fast = y0.clone();
        s.multiplyAdd(x, 2, fast, 1);
        double[] ref = y0.clone();
        s.multiplyAddReference(x, 2, ref, 1);
        double[] dense = y0.clone();
        for (int i = 0; i < n; i++) {
          double acc = dense[1 + i] + 0.0;
          for (int j = 0; j < n; j++) {
            acc = Math.fma(a[i * n + j], x[2 + j], acc);
          }
          dense[1 + i] = acc;
        }
        for (int i = 0; i < y0.length; i++) {
          assertEquals(Double.doubleToRawLongBits(ref[i]), Double.doubleToRawLongBits(fast[i]), "n=" + n + " row " + i);
          assertEquals(Double.doubleToRawLongBits(ref[i]), Double.doubleToRawLongBits(dense[i]), "dense, row " + i);
        }
      }
    }
  }

  @Test
  void blockDiagonalPlacesTheBlocks() {
    double[] b0 = {1, 2, 3, 4};
    double[] b1 = {5};
    double[] d = SparseMatrix.blockDiagonal(new double[][] {b0, b1}, new int[] {2, 1}).toDense();
    assertArrayEquals(new double[] {1, 2, 0, 3, 4, 0, 0, 0, 5}, d, 0.0);
  }
}
