package org.rnnlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;

/**
 * The vectorised kernel {@link Gemm#mult} must give the same bits as its specification
 * {@link Gemm#reference} for every shape (including all vector tails and the 4-row tail),
 * stride pattern of A, offset and leading dimension, and must write nothing outside C's
 * m x n window. The reference itself is checked against a plainly summed product.
 */
class GemmTest {
  private static final double SENTINEL = -12345.678;

  /** One random problem: A read with strides (aRs, aCs), B and C with leading dimensions. */
  private record Case(int m, int n, int k, boolean transposedA, int aOff, int bOff, int cOff,
                      int padA, int ldb, int ldc, boolean accumulate) {}

  private static Case randomCase(Rng r, int m, int n, int k) {
    return new Case(m, n, k, r.bernoulli(0.5), r.nextInt(5), r.nextInt(5), r.nextInt(5),
        r.nextInt(4), Math.max(1, n + r.nextInt(4)), Math.max(1, n + r.nextInt(4)), r.bernoulli(0.5));
  }

  /** Values of mixed magnitudes, so fused and unfused sums really differ in the last bits. */
  private static double value(Rng r) {
    return r.uniform(-1, 1) * (r.bernoulli(0.2) ? 1000.0 : 1.0);
  }

  private static void runCase(Case c, Rng r, boolean[] sawFmaDifference) {
    int m = c.m();
    int n = c.n();
    int k = c.k();
    // A is m x k, stored either row-major (lda = k + pad) or column-major (transposed storage)
    int lda = (c.transposedA() ? m : k) + c.padA();
    int aRs = c.transposedA() ? 1 : lda;
    int aCs = c.transposedA() ? lda : 1;
    int aRowsStored = c.transposedA() ? k : m;
    double[] a = new double[c.aOff() + Math.max(1, aRowsStored) * lda + 3];
    for (int i = 0; i < a.length; i++) {
      a[i] = value(r);
    }
    double[] b = new double[c.bOff() + Math.max(1, k) * c.ldb() + 3];
    for (int i = 0; i < b.length; i++) {
      b[i] = value(r);
    }
    double[] c0 = new double[c.cOff() + Math.max(1, m) * c.ldc() + 3];
    for (int i = 0; i < c0.length; i++) {
      c0[i] = SENTINEL;
    }
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        c0[c.cOff() + i * c.ldc() + j] = value(r);
      }
    }
    double[] cFast = c0.clone();
    double[] cRef = c0.clone();
    double[] aCopy = a.clone();
    double[] bCopy = b.clone();
    Gemm.mult(m, n, k, a, c.aOff(), aRs, aCs, b, c.bOff(), c.ldb(), cFast, c.cOff(), c.ldc(), c.accumulate());
    Gemm.reference(m, n, k, a, c.aOff(), aRs, aCs, b, c.bOff(), c.ldb(), cRef, c.cOff(), c.ldc(), c.accumulate());
    for (int i = 0; i < cFast.length; i++) {
      if (Double.doubleToRawLongBits(cFast[i]) != Double.doubleToRawLongBits(cRef[i])) {
        fail(c + ": element " + i + " mult=" + cFast[i] + " reference=" + cRef[i]);
      }
    }
    // nothing outside the m x n window of C is written, and A and B are not modified
    for (int i = 0; i < cFast.length; i++) {
      int rel = i - c.cOff();
      boolean inside = rel >= 0 && rel / c.ldc() < m && rel % c.ldc() < n;
      if (!inside && cFast[i] != SENTINEL) {
        fail(c + ": wrote outside C at " + i);
      }
    }
    assertTrue(java.util.Arrays.equals(a, aCopy) && java.util.Arrays.equals(b, bCopy), c + ": inputs modified");
    // the reference against a plain (unfused, left-to-right) sum
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = c.accumulate() ? c0[c.cOff() + i * c.ldc() + j] : 0.0;
        double scale = Math.abs(s);
        for (int p = 0; p < k; p++) {
          double prod = a[c.aOff() + i * aRs + p * aCs] * b[c.bOff() + p * c.ldb() + j];
          s += prod;
          scale += Math.abs(prod);
        }
        double got = cRef[c.cOff() + i * c.ldc() + j];
        if (!(Math.abs(s - got) <= 1e-12 * Math.max(1.0, scale))) {
          fail(c + ": reference " + got + " vs naive sum " + s + " at " + i + "," + j);
        }
        if (s != got) {
          sawFmaDifference[0] = true;
        }
      }
    }
  }

  @Test
  void multEqualsReferenceBitForBitOnRandomShapes() {
    Rng r = Rng.of(2024).child("gemm");
    boolean[] sawFmaDifference = {false};
    for (int trial = 0; trial < 1500; trial++) {
      runCase(randomCase(r, r.nextInt(41), r.nextInt(41), r.nextInt(41)), r, sawFmaDifference);
    }
    // the bit-for-bit comparison is stronger than the 1e-12 one: fused and plain sums differ
    assertTrue(sawFmaDifference[0], "no case distinguished fused from unfused sums: test data too tame");
  }

  @Test
  void multEqualsReferenceOnEveryTailCombination() {
    // every m in 0..9 (4-row blocks and their tails) against every n in 0..40 (2V, V and scalar
    // column tails for any vector width up to 16) and a few k, both storages of A
    Rng r = Rng.of(7).child("tails");
    boolean[] unused = {false};
    for (int m = 0; m <= 9; m++) {
      for (int n = 0; n <= 40; n++) {
        for (int k : new int[] {0, 1, 3, 17}) {
          runCase(randomCase(r, m, n, k), r, unused);
        }
      }
    }
  }

  @Test
  void accumulateFalseIgnoresOldContentsAndAccumulateTrueAddsToThem() {
    int m = 5;
    int n = 11;
    int k = 7;
    Rng r = Rng.of(3);
    double[] a = new double[m * k];
    double[] b = new double[k * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.uniform(-1, 1);
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = r.uniform(-1, 1);
    }
    double[] fresh = new double[m * n];
    Gemm.mult(m, n, k, a, 0, k, 1, b, 0, n, fresh, 0, n, false);
    double[] garbage = new double[m * n];
    java.util.Arrays.fill(garbage, Double.NaN);
    Gemm.mult(m, n, k, a, 0, k, 1, b, 0, n, garbage, 0, n, false);
    assertTrue(java.util.Arrays.equals(fresh, garbage), "accumulate=false must overwrite NaN garbage");
    double[] acc = new double[m * n];
    java.util.Arrays.fill(acc, 2.5);
    Gemm.mult(m, n, k, a, 0, k, 1, b, 0, n, acc, 0, n, true);
    for (int i = 0; i < m * n; i++) {
      assertEquals(fresh[i] + 2.5, acc[i], 1e-14);
    }
    // k = 0: the product is empty
    double[] keep = {1.0, 2.0, 3.0};
    Gemm.mult(1, 3, 0, a, 0, 0, 1, b, 0, 3, keep, 0, 3, true);
    assertTrue(java.util.Arrays.equals(new double[] {1.0, 2.0, 3.0}, keep));
    Gemm.mult(1, 3, 0, a, 0, 0, 1, b, 0, 3, keep, 0, 3, false);
    assertTrue(java.util.Arrays.equals(new double[] {0.0, 0.0, 0.0}, keep));
  }
}
