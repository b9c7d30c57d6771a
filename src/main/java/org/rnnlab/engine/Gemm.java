package org.rnnlab.engine;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The engine's matrix-product kernel, {@code C (+)= A * B}, register-blocked with the Vector
 * API. Every element of C is one fused multiply-add chain over k in increasing order, whatever
 * the vector width, blocking or tail, so the result is the same to the bit on every machine
 * (and equals {@link #reference}). A may be read with any strides, which gives A-transposed
 * products (weight gradients) without copying; B and C are row-major.
 */
public final class Gemm {
  private Gemm() {}

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int V = S.length();

  /**
   * C[i][j] = (accumulate ? C[i][j] : 0) + sum_p A[i][p] * B[p][j], for i &lt; m, j &lt; n, p &lt; k.
   *
   * @param a     A(i, p) is {@code a[aOff + i*aRs + p*aCs]}
   * @param b     B(p, j) is {@code b[bOff + p*ldb + j]}
   * @param c     C(i, j) is {@code c[cOff + i*ldc + j]}
   */
  public static void mult(int m, int n, int k,
                          double[] a, int aOff, int aRs, int aCs,
                          double[] b, int bOff, int ldb,
                          double[] c, int cOff, int ldc,
                          boolean accumulate) {
    if (!accumulate) {
      for (int i = 0; i < m; i++) {
        java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0.0);
      }
    }
    if (k == 0) {
      return;
    }
    int m4 = m - m % 4;
    int n2 = V * 2 > n ? 0 : n - n % (2 * V);
    int n1 = n - (n - n2) % V;
    for (int j = 0; j < n2; j += 2 * V) {
      for (int i = 0; i < m4; i += 4) {
        block4x2(k, a, aOff + i * aRs, aRs, aCs, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc);
      }
    }
    for (int j = n2; j < n1; j += V) {
      for (int i = 0; i < m4; i += 4) {
        block4x1(k, a, aOff + i * aRs, aRs, aCs, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc);
      }
    }
    for (int i = m4; i < m; i++) {
      for (int j = 0; j < n1; j += V) {
        block1x1(k, a, aOff + i * aRs, aCs, b, bOff + j, ldb, c, cOff + i * ldc + j);
      }
    }
    if (n1 < n) {
      for (int i = 0; i < m; i++) {
        for (int j = n1; j < n; j++) {
          double s = c[cOff + i * ldc + j];
          int ai = aOff + i * aRs;
          for (int p = 0; p < k; p++) {
            s = Math.fma(a[ai + p * aCs], b[bOff + p * ldb + j], s);
          }
          c[cOff + i * ldc + j] = s;
        }
      }
    }
  }

  private static void block4x2(int k, double[] a, int a0, int aRs, int aCs,
                               double[] b, int b0, int ldb, double[] c, int c0, int ldc) {
    DoubleVector c00 = DoubleVector.fromArray(S, c, c0);
    DoubleVector c01 = DoubleVector.fromArray(S, c, c0 + V);
    DoubleVector c10 = DoubleVector.fromArray(S, c, c0 + ldc);
    DoubleVector c11 = DoubleVector.fromArray(S, c, c0 + ldc + V);
    DoubleVector c20 = DoubleVector.fromArray(S, c, c0 + 2 * ldc);
    DoubleVector c21 = DoubleVector.fromArray(S, c, c0 + 2 * ldc + V);
    DoubleVector c30 = DoubleVector.fromArray(S, c, c0 + 3 * ldc);
    DoubleVector c31 = DoubleVector.fromArray(S, c, c0 + 3 * ldc + V);
    int ap = a0;
    int bp = b0;
    for (int p = 0; p < k; p++, ap += aCs, bp += ldb) {
      DoubleVector b0v = DoubleVector.fromArray(S, b, bp);
      DoubleVector b1v = DoubleVector.fromArray(S, b, bp + V);
      DoubleVector x = DoubleVector.broadcast(S, a[ap]);
      c00 = x.fma(b0v, c00);
      c01 = x.fma(b1v, c01);
      x = DoubleVector.broadcast(S, a[ap + aRs]);
      c10 = x.fma(b0v, c10);
      c11 = x.fma(b1v, c11);
      x = DoubleVector.broadcast(S, a[ap + 2 * aRs]);
      c20 = x.fma(b0v, c20);
      c21 = x.fma(b1v, c21);
      x = DoubleVector.broadcast(S, a[ap + 3 * aRs]);
      c30 = x.fma(b0v, c30);
      c31 = x.fma(b1v, c31);
    }
    c00.intoArray(c, c0);
    c01.intoArray(c, c0 + V);
    c10.intoArray(c, c0 + ldc);
    c11.intoArray(c, c0 + ldc + V);
    c20.intoArray(c, c0 + 2 * ldc);
    c21.intoArray(c, c0 + 2 * ldc + V);
    c30.intoArray(c, c0 + 3 * ldc);
    c31.intoArray(c, c0 + 3 * ldc + V);
  }

  private static void block4x1(int k, double[] a, int a0, int aRs, int aCs,
                               double[] b, int b0, int ldb, double[] c, int c0, int ldc) {
    DoubleVector c0v = DoubleVector.fromArray(S, c, c0);
    DoubleVector c1v = DoubleVector.fromArray(S, c, c0 + ldc);
    DoubleVector c2v = DoubleVector.fromArray(S, c, c0 + 2 * ldc);
    DoubleVector c3v = DoubleVector.fromArray(S, c, c0 + 3 * ldc);
    int ap = a0;
    int bp = b0;
    for (int p = 0; p < k; p++, ap += aCs, bp += ldb) {
      DoubleVector bv = DoubleVector.fromArray(S, b, bp);
      c0v = DoubleVector.broadcast(S, a[ap]).fma(bv, c0v);
      c1v = DoubleVector.broadcast(S, a[ap + aRs]).fma(bv, c1v);
      c2v = DoubleVector.broadcast(S, a[ap + 2 * aRs]).fma(bv, c2v);
      c3v = DoubleVector.broadcast(S, a[ap + 3 * aRs]).fma(bv, c3v);
    }
    c0v.intoArray(c, c0);
    c1v.intoArray(c, c0 + ldc);
    c2v.intoArray(c, c0 + 2 * ldc);
    c3v.intoArray(c, c0 + 3 * ldc);
  }

  private static void block1x1(int k, double[] a, int a0, int aCs,
                               double[] b, int b0, int ldb, double[] c, int c0) {
    DoubleVector cv = DoubleVector.fromArray(S, c, c0);
    int ap = a0;
    int bp = b0;
    for (int p = 0; p < k; p++, ap += aCs, bp += ldb) {
      cv = DoubleVector.broadcast(S, a[ap]).fma(DoubleVector.fromArray(S, b, bp), cv);
    }
    cv.intoArray(c, c0);
  }

  /** The plain triple loop with the same fused multiply-add order; the kernel's specification. */
  public static void reference(int m, int n, int k,
                               double[] a, int aOff, int aRs, int aCs,
                               double[] b, int bOff, int ldb,
                               double[] c, int cOff, int ldc,
                               boolean accumulate) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = accumulate ? c[cOff + i * ldc + j] : 0.0;
        for (int p = 0; p < k; p++) {
          s = Math.fma(a[aOff + i * aRs + p * aCs], b[bOff + p * ldb + j], s);
        }
        c[cOff + i * ldc + j] = s;
      }
    }
  }
}
