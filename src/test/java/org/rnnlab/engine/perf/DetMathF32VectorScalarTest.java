package org.rnnlab.engine.perf;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.DetMathF32;

/**
 * The vectorised DetMathF32 array functions give the scalar functions' bits on every input kind, at
 * every length and offset (full vectors and scalar tails), in place, and for the OfSum versions; the
 * vector-width executions run it at 8 and 4 float lanes, the default one at 16.
 */
class DetMathF32VectorScalarTest {
  /** Edge values of every special region: flush, plain-path bounds, split scale, overflow, tanh switch. */
  private static final float[] SPECIAL = {
    0.0f, -0.0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL,
    Math.nextDown(Float.MIN_NORMAL), -Math.nextDown(Float.MIN_NORMAL), 1e-30f, -1e-30f,
    Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.MAX_VALUE, -Float.MAX_VALUE,
    0.26f, -0.26f, Math.nextDown(0.26f), -Math.nextDown(0.26f), 0.13f,
    -87.33654f, Math.nextDown(-87.33654f), 87.33654f, Math.nextUp(-87.33654f), -87.5f, Math.nextDown(-87.5f),
    -87.0f, Math.nextDown(-87.0f), 87.0f, Math.nextUp(87.0f), 88.0f, Math.nextUp(88.0f), -88.0f,
    88.376266f, 88.37627f, -88.376266f, 88.72283f, Math.nextUp(88.72283f), -88.72283f, -Math.nextUp(88.72283f),
    44.0f, 44.188133f, 44.19f, 44.361416f, 44.3615f, -44.19f, -44.3615f, 9.0f, -9.0f, 20.0f, -20.0f,
    -104.0f, 104.0f, 1.0f, -1.0f,
  };

  /** A random input: a special value, or uniform on a scale from tiny to beyond the overflow. */
  private static float draw(SplittableRandom r) {
    return switch (r.nextInt(6)) {
      case 0 -> SPECIAL[r.nextInt(SPECIAL.length)];
      case 1 -> (float) ((r.nextDouble() - 0.5) * 0.6);
      case 2 -> (float) ((r.nextDouble() - 0.5) * 10);
      case 3 -> (float) ((r.nextBoolean() ? 1 : -1) * (86.5 + r.nextDouble() * 2.5));
      case 4 -> (float) ((r.nextDouble() - 0.5) * 250);
      default -> Float.intBitsToFloat(r.nextInt());  // any bit pattern: huge, tiny, NaN
    };
  }

  /** Inputs in which whole vectors take exp's plain path (|x| &lt;= 87); sigmoid and tanh have none now. */
  private static float drawPlain(SplittableRandom r) {
    return switch (r.nextInt(4)) {
      case 0 -> (float) ((r.nextDouble() - 0.5) * 0.6);
      case 1 -> (float) ((r.nextDouble() - 0.5) * 88);
      case 2 -> r.nextBoolean() ? 0.26f : -44.0f;
      default -> (float) ((r.nextDouble() - 0.5) * 10);
    };
  }

  private interface ArrayFn {
    void apply(float[] src, int srcOff, float[] dst, int dstOff, int n);
  }

  private interface SumFn {
    void apply(float[] a, int aOff, float[] b, int bOff, float[] dst, int dstOff, int n);
  }

  private interface Scalar {
    float apply(float x);
  }

  private static void check(String what, ArrayFn arr, SumFn sum, Scalar scalar) {
    SplittableRandom r = new SplittableRandom(what.hashCode());
    for (int n = 0; n <= 70; n++) {
      // plain 1: whole vectors on the plain paths; 2: |x| < 0.25 in every lane (tanh's series alone)
      for (int plain = 0; plain < 3; plain++) {
        for (int srcOff : new int[] {0, 1, 5}) {
          for (int dstOff : new int[] {0, 3}) {
            float[] a = new float[srcOff + n + 2];
            float[] b = new float[srcOff + n + 2];
            for (int i = 0; i < a.length; i++) {
              a[i] = plain == 1 ? drawPlain(r) : plain == 2 ? (float) ((r.nextDouble() - 0.5) * 0.5) : draw(r);
              b[i] = plain >= 1 ? 0.0f : draw(r) * (r.nextBoolean() ? 1e-3f : 1.0f);
            }
            float[] dst = new float[dstOff + n + 2];
            Arrays.fill(dst, 42.0f);
            arr.apply(a, srcOff, dst, dstOff, n);
            compare(what, a, null, srcOff, dst, dstOff, n, scalar, null);
            Arrays.fill(dst, 42.0f);
            sum.apply(a, srcOff, b, srcOff, dst, dstOff, n);
            compare(what + "OfSum", a, b, srcOff, dst, dstOff, n, scalar, null);
            // in place, as the cells call them
            float[] inPlace = a.clone();
            arr.apply(inPlace, srcOff, inPlace, srcOff, n);
            compare(what + " in place", a, null, srcOff, inPlace, srcOff, n, scalar, a);
          }
        }
      }
    }
  }

  /**
   * dst[dstOff..+n) holds scalar(a[i] (+ b[i])) bit for bit; beyond it, dst is untouched: 42, or
   * outside[i] when given (in place).
   */
  private static void compare(String what, float[] a, float[] b, int srcOff, float[] dst, int dstOff, int n, Scalar scalar,
                              float[] outside) {
    for (int i = 0; i < dst.length; i++) {
      int rel = i - dstOff;
      if (rel < 0 || rel >= n) {
        float before = outside == null ? 42.0f : outside[i];
        if (Float.floatToRawIntBits(dst[i]) != Float.floatToRawIntBits(before)) {
          fail(what + ": wrote outside dst at " + i + " (n = " + n + ")");
        }
        continue;
      }
      float x = b == null ? a[srcOff + rel] : a[srcOff + rel] + b[srcOff + rel];
      float want = scalar.apply(x);
      // floatToIntBits: every NaN counts as the same value
      if (Float.floatToIntBits(want) != Float.floatToIntBits(dst[i])) {
        fail(what + ": n = " + n + ", x = " + x + " (" + Float.toHexString(x) + "): array " + dst[i] + ", scalar " + want);
      }
    }
  }

  @Test
  void expVectorEqualsScalar() {
    check("exp", DetMathF32::exp, (a, ao, b, bo, d, dOff, n) -> {
      // exp has no OfSum version: check the sum through the plain one
      float[] s = new float[n];
      for (int i = 0; i < n; i++) {
        s[i] = a[ao + i] + b[bo + i];
      }
      DetMathF32.exp(s, 0, d, dOff, n);
    }, DetMathF32::exp);
  }

  @Test
  void sigmoidVectorEqualsScalar() {
    check("sigmoid", DetMathF32::sigmoid, DetMathF32::sigmoidOfSum, DetMathF32::sigmoid);
  }

  @Test
  void tanhVectorEqualsScalar() {
    check("tanh", DetMathF32::tanh, DetMathF32::tanhOfSum, DetMathF32::tanh);
  }

  /** Long arrays: every 4099th float of both signs through the array versions equals the scalar ones. */
  @Test
  void everyStrideOfFloatsVectorEqualsScalar() {
    int step = 4099;
    int m = (int) ((long) Float.floatToRawIntBits(Float.MAX_VALUE) / step) + 1;
    float[] x = new float[2 * m + SPECIAL.length];
    for (int i = 0; i < m; i++) {
      x[2 * i] = Float.intBitsToFloat(i * step);
      x[2 * i + 1] = -x[2 * i];
    }
    System.arraycopy(SPECIAL, 0, x, 2 * m, SPECIAL.length);
    float[] y = new float[x.length];
    for (int off = 0; off < 3; off++) {
      int n = x.length - off;
      DetMathF32.exp(x, off, y, 0, n);
      same("exp", x, off, y, n, DetMathF32::exp);
      DetMathF32.sigmoid(x, off, y, 0, n);
      same("sigmoid", x, off, y, n, DetMathF32::sigmoid);
      DetMathF32.tanh(x, off, y, 0, n);
      same("tanh", x, off, y, n, DetMathF32::tanh);
    }
  }

  private static void same(String what, float[] x, int off, float[] y, int n, Scalar f) {
    for (int i = 0; i < n; i++) {
      float want = f.apply(x[off + i]);
      if (Float.floatToIntBits(want) != Float.floatToIntBits(y[i])) {
        fail(what + "(" + x[off + i] + "): array " + y[i] + ", scalar " + want);
      }
    }
  }
}
