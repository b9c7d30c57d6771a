package org.rnnlab.engine.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Gemm;

/**
 * Gemm.mult and Gemm.multPacked give the same bits as Gemm.reference (one fma chain per element,
 * k increasing) on random shapes, including every edge of the blocking (rows and columns not a
 * multiple of the tile, k across several blocks), strided and transposed A, offsets, both
 * accumulate modes, and special values (signed zeros, infinities, NaN, subnormals).
 */
class GemmBitExactTest {
  private static double value(SplittableRandom r) {
    int kind = r.nextInt(100);
    if (kind == 0) {
      return -0.0;
    } else if (kind == 1) {
      return Double.MIN_VALUE * r.nextInt(1, 1000);
    } else if (kind == 2) {
      return 0.0;
    }
    return (r.nextDouble() - 0.5) * Math.scalb(1.0, r.nextInt(-30, 30));
  }

  private static void check(SplittableRandom r, int m, int n, int k, boolean special) {
    check(r, m, n, k, special, r.nextBoolean());
  }

  private static void check(SplittableRandom r, int m, int n, int k, boolean special, boolean transA) {
    int aOff = r.nextInt(5);
    int lda = (transA ? m : k) + r.nextInt(3);
    int aRs = transA ? 1 : lda;
    int aCs = transA ? lda : 1;
    int bOff = r.nextInt(5);
    int ldb = n + r.nextInt(3);
    int cOff = r.nextInt(5);
    int ldc = n + r.nextInt(3);
    double[] a = new double[aOff + Math.max(m, k) * lda + Math.max(m, k) + 8];
    double[] b = new double[bOff + k * ldb + 8];
    double[] c = new double[cOff + m * ldc + 8];
    for (int i = 0; i < a.length; i++) {
      a[i] = value(r);
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = value(r);
    }
    for (int i = 0; i < c.length; i++) {
      c[i] = value(r);
    }
    if (special && a.length > 3 && b.length > 3) {
      a[r.nextInt(a.length)] = Double.POSITIVE_INFINITY;
      b[r.nextInt(b.length)] = Double.NEGATIVE_INFINITY;
      a[r.nextInt(a.length)] = Double.NaN;
    }
    boolean acc = r.nextBoolean();
    double[] want = c.clone();
    Gemm.reference(m, n, k, a, aOff, aRs, aCs, b, bOff, ldb, want, cOff, ldc, acc);
    double[] got = c.clone();
    Gemm.mult(m, n, k, a, aOff, aRs, aCs, b, bOff, ldb, got, cOff, ldc, acc);
    compare(want, got, "mult", m, n, k, transA, acc);
    double[] packed = new double[Gemm.packedSize(k, n) + 3];
    Gemm.packB(k, n, b, bOff, ldb, packed, 3);
    got = c.clone();
    Gemm.multPacked(m, n, k, a, aOff, aRs, aCs, packed, 3, got, cOff, ldc, acc);
    compare(want, got, "multPacked", m, n, k, transA, acc);
  }

  private static void compare(double[] want, double[] got, String what, int m, int n, int k, boolean t, boolean acc) {
    for (int i = 0; i < want.length; i++) {
      long w = Double.doubleToRawLongBits(want[i]);
      long g = Double.doubleToRawLongBits(got[i]);
      if (Double.isNaN(want[i]) && Double.isNaN(got[i])) {
        continue;
      }
      assertEquals(w, g, () -> what + " differs: m=" + m + " n=" + n + " k=" + k + " transA=" + t + " acc=" + acc);
    }
  }

  @Test
  void smallShapesExhaustive() {
    SplittableRandom r = new SplittableRandom(42);
    for (int m = 0; m <= 19; m++) {
      for (int n = 0; n <= 53; n += (n < 26 ? 1 : 3)) {
        for (int k : new int[] {0, 1, 2, 3, 7, 16, 33}) {
          check(r, m, n, k, false);
        }
      }
    }
  }

  @Test
  void narrowTransposedShapes() {
    SplittableRandom r = new SplittableRandom(11);
    for (int n = 1; n <= 9; n++) {
      for (int m : new int[] {1, 31, 32, 33, 64, 70, 128, 200}) {
        for (int k : new int[] {1, 5, 300}) {
          check(r, m, n, k, k == 5, true);
        }
      }
    }
  }

  @Test
  void randomShapes() {
    SplittableRandom r = new SplittableRandom(7);
    for (int it = 0; it < 300; it++) {
      int m = r.nextInt(1, 120);
      int n = r.nextInt(1, 120);
      int k = r.nextInt(1, 300);
      check(r, m, n, k, it % 5 == 0);
    }
  }

  @Test
  void engineShapesAcrossBlocks() {
    SplittableRandom r = new SplittableRandom(9);
    int[][] shapes = {
      {32, 512, 128}, {32, 128, 512}, {512, 128, 700}, {32, 2048, 520}, {32, 520, 2048},
      {2048, 2, 600}, {512, 64, 650}, {650, 512, 2}, {33, 413, 301}, {200, 777, 300}, {1, 300, 37}, {300, 1, 37}
    };
    for (int[] s : shapes) {
      check(r, s[0], s[1], s[2], false);
    }
  }
}
