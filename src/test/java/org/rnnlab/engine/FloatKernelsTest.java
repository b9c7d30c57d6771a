package org.rnnlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The denormal flush (every subnormal, both signs; nothing else touched) and the float/double copies. */
class FloatKernelsTest {

  /** What flushDenormals must do to one value. */
  private static float flushed(float x) {
    return Math.abs(x) < Float.MIN_NORMAL ? (Float.floatToRawIntBits(x) < 0 ? -0.0f : 0.0f) : x;
  }

  @Test
  void flushesEverySubnormalToZeroOfItsSign() {
    int count = 1 << 23;  // the subnormals of one sign and the zero: magnitude bits 0 .. 2^23 - 1
    float[] a = new float[2 * count + 2];
    for (int m = 0; m < count; m++) {
      a[2 * m] = Float.intBitsToFloat(m);
      a[2 * m + 1] = Float.intBitsToFloat(m | 0x80000000);
    }
    a[2 * count] = Float.MIN_NORMAL;
    a[2 * count + 1] = -Float.MIN_NORMAL;
    FloatKernels.flushDenormals(a, 0, a.length);
    for (int i = 0; i < 2 * count; i++) {
      int want = i % 2 == 0 ? 0 : 0x80000000;
      if (Float.floatToRawIntBits(a[i]) != want) {
        fail("flushDenormals left " + a[i] + " at " + i);
      }
    }
    assertEquals(Float.MIN_NORMAL, a[2 * count]);
    assertEquals(-Float.MIN_NORMAL, a[2 * count + 1]);
  }

  @Test
  void flushLeavesEverythingElseAndOutsideTheRangeAlone() {
    SplittableRandom r = new SplittableRandom(21);
    float[] specials = {0.0f, -0.0f, Float.MIN_VALUE, -Float.MIN_VALUE, Math.nextDown(Float.MIN_NORMAL),
      Float.MIN_NORMAL, -Float.MIN_NORMAL, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
      Float.MAX_VALUE, 1.0f, -1e-30f};
    for (int n = 0; n <= 70; n++) {
      for (int off : new int[] {0, 1, 7}) {
        float[] a = new float[off + n + 3];
        for (int i = 0; i < a.length; i++) {
          a[i] = switch (r.nextInt(3)) {
            case 0 -> specials[r.nextInt(specials.length)];
            case 1 -> Float.intBitsToFloat(r.nextInt(1 << 24) | (r.nextBoolean() ? 0x80000000 : 0));  // around 2^-126
            default -> Float.intBitsToFloat(r.nextInt());
          };
        }
        float[] b = a.clone();
        FloatKernels.flushDenormals(b, off, n);
        for (int i = 0; i < a.length; i++) {
          float want = i >= off && i < off + n ? flushed(a[i]) : a[i];
          if (Float.floatToRawIntBits(want) != Float.floatToRawIntBits(b[i])) {
            fail("n = " + n + ", off = " + off + ", at " + i + ": " + a[i] + " -> " + b[i] + ", want " + want);
          }
        }
      }
    }
  }

  @Test
  void toFloatRoundsToNearestEvenAndToDoubleWidensExactly() {
    double[] d = {1.0, 1.0 + 0x1p-24, 1.0 + 3 * 0x1p-24, 1.0 + 0x1p-24 + 0x1p-52, -0.1, 0.0, -0.0, 1e39, -1e39,
      1e-50, Double.NaN, Double.POSITIVE_INFINITY, 3.4028235677973366e38, Math.PI};
    float[] f = new float[d.length + 2];
    Arrays.fill(f, 42.0f);
    FloatKernels.toFloat(d, 0, f, 1, d.length);
    assertEquals(42.0f, f[0]);
    assertEquals(42.0f, f[d.length + 1]);
    for (int i = 0; i < d.length; i++) {
      assertEquals(Float.floatToRawIntBits((float) d[i]), Float.floatToRawIntBits(f[i + 1]), "toFloat(" + d[i] + ")");
    }
    assertEquals(1.0f, f[2]);                      // a tie rounds to even
    assertEquals(1.0f + 0x1p-22f, f[3]);           // the other tie, to even upwards
    assertEquals(1.0f + 0x1p-23f, f[4]);           // just above the tie
    assertEquals(Float.POSITIVE_INFINITY, f[8]);
    double[] back = new double[d.length + 1];
    FloatKernels.toDouble(f, 1, back, 1, d.length);
    assertEquals(0.0, back[0]);
    for (int i = 0; i < d.length; i++) {
      assertEquals(Double.doubleToRawLongBits(f[i + 1]), Double.doubleToRawLongBits(back[i + 1]));
      assertEquals(Float.floatToRawIntBits(f[i + 1]), Float.floatToRawIntBits((float) back[i + 1]), "round trip");
    }
  }
}
