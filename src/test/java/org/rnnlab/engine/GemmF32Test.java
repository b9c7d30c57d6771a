package org.rnnlab.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;

/**
 * The float32 kernel (generated from {@link Gemm}) gives the bits of its specification
 * {@link GemmF32#reference} for every shape, stride pattern, offset and leading dimension, in the
 * plain, narrow-C, blocked (k &gt; KC, m &gt; MC, n &gt; NC) and packed paths, and writes nothing
 * outside C's window; the reference is a float fma chain within the float rounding bound of the
 * exact product. Run at 16, 8 and 4 float lanes (the vector-width executions in pom.xml).
 */
class GemmF32Test {
  private static final float SENTINEL = -12345.678f;

  private static float value(Rng r) {
    return (float) (r.uniform(-1, 1) * (r.bernoulli(0.2) ? 1000.0 : 1.0));
  }

  private static float[] values(Rng r, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = value(r);
    }
    return x;
  }

  /** One product with A row- or column-major, random offsets and padding, optionally through packB. */
  private static void check(Rng r, int m, int n, int k, boolean transposedA, boolean packed, boolean[] sawRounding) {
    int aOff = r.nextInt(5);
    int bOff = r.nextInt(5);
    int cOff = r.nextInt(5);
    int lda = (transposedA ? m : k) + r.nextInt(4);
    int ldb = n + r.nextInt(4);
    int ldc = Math.max(1, n + r.nextInt(4));
    boolean accumulate = r.bernoulli(0.5);
    int aRs = transposedA ? 1 : lda;
    int aCs = transposedA ? lda : 1;
    float[] a = values(r, aOff + Math.max(1, transposedA ? k : m) * Math.max(1, lda) + 3);
    float[] b = values(r, bOff + Math.max(1, k) * Math.max(1, ldb) + 3);
    float[] c0 = new float[cOff + Math.max(1, m) * ldc + 3];
    java.util.Arrays.fill(c0, SENTINEL);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        c0[cOff + i * ldc + j] = value(r);
      }
    }
    float[] fast = c0.clone();
    float[] ref = c0.clone();
    String what = m + "x" + n + "x" + k + (transposedA ? " A^T" : "") + (packed ? " packed" : "") + (accumulate ? " +=" : "");
    if (packed) {
      float[] pb = new float[GemmF32.packedSize(k, n) + 2];
      GemmF32.packB(k, n, b, bOff, ldb, pb, 2);
      GemmF32.multPacked(m, n, k, a, aOff, aRs, aCs, pb, 2, fast, cOff, ldc, accumulate);
    } else {
      GemmF32.mult(m, n, k, a, aOff, aRs, aCs, b, bOff, ldb, fast, cOff, ldc, accumulate);
    }
    GemmF32.reference(m, n, k, a, aOff, aRs, aCs, b, bOff, ldb, ref, cOff, ldc, accumulate);
    for (int i = 0; i < fast.length; i++) {
      if (Float.floatToRawIntBits(fast[i]) != Float.floatToRawIntBits(ref[i])) {
        fail(what + ": element " + i + " kernel=" + fast[i] + " reference=" + ref[i]);
      }
      int rel = i - cOff;
      boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
      if (!inside && fast[i] != SENTINEL) {
        fail(what + ": wrote outside C at " + i);
      }
    }
    // the reference against the exact sum (double holds every float product exactly; its sum rounds
    // far below float's): a float fma chain of k terms is within k float roundings of it
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = accumulate ? c0[cOff + i * ldc + j] : 0.0;
        double scale = Math.abs(s);
        for (int p = 0; p < k; p++) {
          double prod = (double) a[aOff + i * aRs + p * aCs] * b[bOff + p * ldb + j];
          s += prod;
          scale += Math.abs(prod);
        }
        float got = ref[cOff + i * ldc + j];
        if (!(Math.abs(s - got) <= (k + 1) * 0x1p-24 * scale)) {
          fail(what + ": reference " + got + " vs exact " + s + " at " + i + "," + j);
        }
        sawRounding[0] |= got != s;
      }
    }
  }

  @Test
  void kernelEqualsReferenceOnSmallShapesAndEveryTail() {
    Rng r = Rng.of(2026).child("gemm-f32");
    boolean[] sawRounding = {false};
    for (int m = 0; m <= 9; m++) {
      for (int n = 0; n <= 40; n++) {
        for (int k : new int[] {0, 1, 3, 17}) {
          check(r, m, n, k, r.bernoulli(0.5), r.bernoulli(0.3), sawRounding);
        }
      }
    }
    for (int t = 0; t < 600; t++) {
      check(r, r.nextInt(41), r.nextInt(41), r.nextInt(41), r.bernoulli(0.5), r.bernoulli(0.3), sawRounding);
    }
    assertTrue(sawRounding[0], "no case showed float rounding: test data too tame");
  }

  @Test
  void kernelEqualsReferenceOnBlockedAndNarrowShapes() {
    Rng r = Rng.of(2026).child("gemm-f32-large");
    boolean[] unused = {false};
    // k > KC (256), m > MC (48), n > NC (16 panels); the engine's shapes (batch x 4h x h); narrow C
    int[][] shapes = {{50, 300, 260}, {97, 33, 513}, {32, 512, 128}, {32, 128, 32}, {128, 32, 32},
        {128, 2, 32}, {130, 3, 70}, {64, 1, 100}, {200, 5, 9}};
    for (int[] s : shapes) {
      for (boolean t : new boolean[] {false, true}) {
        check(r, s[0], s[1], s[2], t, false, unused);
        check(r, s[0], s[1], s[2], t, true, unused);
      }
    }
  }
}
