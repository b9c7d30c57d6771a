package org.rnnlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;

/**
 * Accuracy of the float32 exp, sigmoid and tanh against the double StrictMath functions (see
 * DetMathF32Ulp for the error measure), at every float whose raw bit pattern is a multiple of
 * 4099 (about 10^6 per function, both signs, all finite floats) and at every float of windows of a
 * few thousand around the edges (0, the subnormal boundary, tanh's branch switch, the flush
 * boundary -87.3365, exp's split scale at 88.376 and its overflow at 88.7228) and around each
 * function's worst case over every float (found by {@code make ulp}). Also the flush
 * (zero exactly where the reference is below 2^-126, and never a subnormal result), special
 * values, monotonicity, oddness and symmetry.
 */
class DetMathF32Test {
  private static final int STEP = 4099;
  private static final int HALF = 2048;  // a window: 2 * HALF + 1 consecutive floats

  // The bounds: the worst cases over every float (make ulp), rounded up to half an ulp. The windows
  // include those worst points, so these points measure the same maxima:
  //   exp     0.9386 ulp at x = 26.688921   (every 4099th float alone: 0.8836 at -16.980062)
  //   sigmoid 1.0373 ulp at x = -86.29556   (0.9268 on [-64, 0], at -16.977064)
  //   tanh    0.7702 ulp at x = 0.5194282   (the series below 0.26: 0.70 at 0.25482023)
  private static final double EXP_ULPS = 1.0;
  private static final double SIGMOID_ULPS = 1.5;
  private static final double TANH_ULPS = 1.0;
  private static final float EXP_WORST = 26.688921f;
  private static final float SIGMOID_WORST = -86.29556f;
  private static final float TANH_WORST = 0.5194282f;

  /** Every STEP-th float of both signs, plus windows of consecutive floats around each centre. */
  private static DetMathF32Ulp.Stats measure(String name, DetMathF32Ulp.ArrayFn f, DetMathF32Ulp.Ref ref, float... centres) {
    DetMathF32Ulp.Stats st = new DetMathF32Ulp.Stats(name);
    DetMathF32Ulp.ArrayFn checked = (src, so, dst, dOff, n) -> {
      f.apply(src, so, dst, dOff, n);
      for (int i = 0; i < n; i++) {
        float y = dst[dOff + i];
        if (y != 0.0f && Math.abs(y) < Float.MIN_NORMAL) {
          fail(name + "(" + src[so + i] + ") = " + y + " is subnormal");
        }
      }
    };
    DetMathF32Ulp.scanRange(st, checked, ref, -Float.MAX_VALUE, Float.MAX_VALUE, STEP);
    // around 0: the subnormals of both signs and the first normals
    DetMathF32Ulp.scan(st, checked, ref, 0, HALF, 1);
    DetMathF32Ulp.scanNegative(st, checked, ref, HALF, 1);
    for (float c : centres) {
      int b = Float.floatToRawIntBits(c);
      DetMathF32Ulp.scan(st, checked, ref, b - HALF, b + HALF, 1);
    }
    System.out.println(st);
    return st;
  }

  private static void assertWithin(DetMathF32Ulp.Stats st, double bound) {
    assertEquals(0, st.flushViolations, st.toString());
    assertTrue(st.maxUlps <= bound, st + " (allowed " + bound + ")");
  }

  @Test
  void expAccuracy() {
    DetMathF32Ulp.Stats st = measure("exp", DetMathF32::exp, StrictMath::exp,
        EXP_WORST, -87.33654f, -87.5f, -87.0f, 88.376266f, 88.0f, 88.72283f, 1.0f, -1.0f);
    assertWithin(st, EXP_ULPS);
  }

  @Test
  void sigmoidAccuracy() {
    DetMathF32Ulp.Stats st = measure("sigmoid", DetMathF32::sigmoid, DetMathF32Ulp::sigmoidRef,
        SIGMOID_WORST, -16.977064f, -16.635704f, -87.33654f, 87.33654f, -87.0f, 87.0f, -88.376266f, -88.72283f, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1.0f, -1.0f);
    assertWithin(st, SIGMOID_ULPS);
  }

  @Test
  void tanhAccuracy() {
    DetMathF32Ulp.Stats st = measure("tanh", DetMathF32::tanh, StrictMath::tanh,
        TANH_WORST, -TANH_WORST, 0.25482023f, 0.25495467f, 0.26f, -0.26f, 0.2554128f, -0.2554128f, Float.MIN_NORMAL, -Float.MIN_NORMAL, 44.188133f, -44.188133f,
        44.361416f, -44.361416f, 9.0f, -9.0f, 1e-3f, -1e-3f);
    assertWithin(st, TANH_ULPS);
  }

  @Test
  void expSpecialValuesAndCutOffs() {
    assertEquals(1.0f, DetMathF32.exp(0.0f));
    assertEquals(1.0f, DetMathF32.exp(-0.0f));
    assertEquals(1.0f, DetMathF32.exp(Float.MIN_VALUE));
    assertEquals(1.0f, DetMathF32.exp(-Float.MIN_VALUE));
    assertTrue(Float.isNaN(DetMathF32.exp(Float.NaN)));
    assertEquals(Float.POSITIVE_INFINITY, DetMathF32.exp(Float.POSITIVE_INFINITY));
    assertBits(0.0f, DetMathF32.exp(Float.NEGATIVE_INFINITY));
    assertBits(0.0f, DetMathF32.exp(-Float.MAX_VALUE));
    assertEquals(Float.POSITIVE_INFINITY, DetMathF32.exp(Float.MAX_VALUE));
    // overflow exactly where the correctly rounded value does: 88.72283 finite, the next float +inf
    assertTrue(DetMathF32.exp(88.72283f) < Float.POSITIVE_INFINITY);
    assertEquals(Float.POSITIVE_INFINITY, (float) StrictMath.exp(Math.nextUp(88.72283f)));
    assertEquals(Float.POSITIVE_INFINITY, DetMathF32.exp(Math.nextUp(88.72283f)));
    // flush: e^x < 2^-126 below -126 ln2 = -87.336545: 0 there, normal from the next float up
    assertTrue(StrictMath.exp(Math.nextDown(-87.33654f)) < Float.MIN_NORMAL);
    assertBits(0.0f, DetMathF32.exp(Math.nextDown(-87.33654f)));
    assertTrue(DetMathF32.exp(-87.33654f) >= Float.MIN_NORMAL);
    assertBits(0.0f, DetMathF32.exp(-87.5f));
    assertBits(0.0f, DetMathF32.exp(-103.97f));  // e^x is a float subnormal there: flushed
  }

  @Test
  void sigmoidSpecialValuesAndSymmetry() {
    assertEquals(0.5f, DetMathF32.sigmoid(0.0f));
    assertEquals(0.5f, DetMathF32.sigmoid(-0.0f));
    assertEquals(1.0f, DetMathF32.sigmoid(Float.POSITIVE_INFINITY));
    assertBits(0.0f, DetMathF32.sigmoid(Float.NEGATIVE_INFINITY));
    assertEquals(1.0f, DetMathF32.sigmoid(100.0f));
    assertBits(0.0f, DetMathF32.sigmoid(-88.0f));  // 1/(1 + e^88) = 6e-39, subnormal: flushed
    assertTrue(DetMathF32.sigmoid(-87.33654f) >= Float.MIN_NORMAL);
    assertBits(0.0f, DetMathF32.sigmoid(Math.nextDown(-87.33654f)));
    assertTrue(Float.isNaN(DetMathF32.sigmoid(Float.NaN)));
    // sigmoid(x) + sigmoid(-x) = 1 within one ulp of 1 (of 1 - 2^-24 below it), at every STEP-th float
    for (long b = 0; b <= DetMathF32Ulp.MAX_FINITE_BITS; b += STEP) {
      float x = Float.intBitsToFloat((int) b);
      float s = DetMathF32.sigmoid(x) + DetMathF32.sigmoid(-x);
      if (!(Math.abs(s - 1.0f) <= Math.ulp(1.0f))) {
        fail("sigmoid(x) + sigmoid(-x) = " + s + " at x = " + x);
      }
    }
  }

  @Test
  void tanhSpecialValuesSignsAndOddness() {
    assertBits(0.0f, DetMathF32.tanh(0.0f));
    assertBits(-0.0f, DetMathF32.tanh(-0.0f));
    // subnormal x: ±0, sign kept; from 2^-126 on, tanh x = x
    assertBits(0.0f, DetMathF32.tanh(Float.MIN_VALUE));
    assertBits(-0.0f, DetMathF32.tanh(-Float.MIN_VALUE));
    assertBits(0.0f, DetMathF32.tanh(Math.nextDown(Float.MIN_NORMAL)));
    assertBits(-0.0f, DetMathF32.tanh(-Math.nextDown(Float.MIN_NORMAL)));
    assertBits(Float.MIN_NORMAL, DetMathF32.tanh(Float.MIN_NORMAL));
    assertBits(-Float.MIN_NORMAL, DetMathF32.tanh(-Float.MIN_NORMAL));
    assertBits(1e-30f, DetMathF32.tanh(1e-30f));
    assertEquals(1.0f, DetMathF32.tanh(Float.POSITIVE_INFINITY));
    assertEquals(-1.0f, DetMathF32.tanh(Float.NEGATIVE_INFINITY));
    assertTrue(Float.isNaN(DetMathF32.tanh(Float.NaN)));
    for (float x : new float[] {9.1f, 20.0f, 44.19f, 44.37f, 88.0f, 1e5f, Float.MAX_VALUE}) {
      assertEquals(1.0f, DetMathF32.tanh(x), "tanh(" + x + ")");
      assertEquals(-1.0f, DetMathF32.tanh(-x), "tanh(" + -x + ")");
    }
    // exactly odd, at every STEP-th float
    for (long b = 0; b <= DetMathF32Ulp.MAX_FINITE_BITS; b += STEP) {
      float x = Float.intBitsToFloat((int) b);
      if (Float.floatToRawIntBits(DetMathF32.tanh(-x)) != Float.floatToRawIntBits(-DetMathF32.tanh(x))) {
        fail("tanh(-x) != -tanh(x) at " + x);
      }
    }
  }

  @Test
  void monotoneOnGridsAndBetweenConsecutiveFloats() {
    checkGrid("exp", DetMathF32::exp, -88.0f, 88.8f);
    checkGrid("sigmoid", DetMathF32::sigmoid, -90.0f, 20.0f);
    checkGrid("tanh", DetMathF32::tanh, -10.0f, 10.0f);
    for (float start : new float[] {-87.4f, -30.0f, -1.0f, -1e-3f, 1e-3f, 0.3f, 1.0f, 30.0f, 88.3f, 88.72f}) {
      checkSteps("exp", DetMathF32::exp, start, 20_000, 0);
    }
    for (float start : new float[] {-87.4f, -30.0f, -1.0f, -1e-3f, 1e-3f, 0.3f, 1.0f, 15.0f}) {
      checkSteps("sigmoid", DetMathF32::sigmoid, start, 20_000, 0);
    }
    // both tanh branches, the series x + x^3 p(x^2) too (the former e/(e+2) could step down an ulp)
    for (float start : new float[] {1e-3f, 0.1f, 0.2553f, 0.2599f, 0.3f, 1.0f, 5.0f, -0.3f, -1.0f, -5.0f}) {
      checkSteps("tanh", DetMathF32::tanh, start, 20_000, 0);
    }
  }

  private interface FloatFn {
    float apply(float x);
  }

  private static void checkGrid(String what, FloatFn f, float lo, float hi) {
    int n = 200_000;
    float prev = f.apply(lo);
    for (int i = 1; i <= n; i++) {
      float x = (float) (lo + (hi - (double) lo) * i / n);
      float y = f.apply(x);
      if (y < prev) {
        fail(what + " decreases at x = " + x + ": " + prev + " -> " + y);
      }
      prev = y;
    }
  }

  /** Walks n consecutive floats up from start; f may decrease by at most maxDownUlps per step. */
  private static void checkSteps(String what, FloatFn f, float start, int n, int maxDownUlps) {
    float x = start;
    float prev = f.apply(x);
    for (int i = 0; i < n; i++) {
      x = Math.nextUp(x);
      float y = f.apply(x);
      if (y < prev && prev - y > maxDownUlps * Math.ulp(prev)) {
        fail(what + " decreases at x = " + x + ": " + prev + " -> " + y);
      }
      prev = y;
    }
  }

  private static void assertBits(float want, float got) {
    assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got), "want " + want + ", got " + got);
  }
}
