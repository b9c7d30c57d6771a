package org.rnnlab.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Small float32 array kernels: the denormal flush and the float/double conversions at the
 * boundaries of the float32 engine. Each is elementwise, so its results do not depend on the
 * vector width.
 *
 * <p>Why flush: Java requires gradual underflow, so the JVM cannot set the FTZ/DAZ modes; on many
 * x86 cores an arithmetic operation with a subnormal operand or result takes a microcode assist of
 * about 100 cycles; and float32 RNN state and gradients decay into that range (a cell state
 * shrinking through forget gates below 1, a product of Jacobians, Adam's g^2). Flushing them to
 * zero in our own kernels keeps float32 training at full speed and is part of its defined bits.
 */
public final class FloatKernels {
  private FloatKernels() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int SIGN = 0x80000000;

  /** a[i] = ±0 (its sign kept) wherever |a[i]| &lt; 2^-126, for n elements from off; others unchanged. */
  public static void flushDenormals(float[] a, int off, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector x = FloatVector.fromArray(S, a, off + i);
      VectorMask<Float> tiny = x.abs().compare(VectorOperators.LT, Float.MIN_NORMAL);
      if (tiny.anyTrue()) {
        // the sign bit alone: ±0 with x's sign, by a bit operation (no arithmetic on a subnormal)
        FloatVector zero = ((IntVector) x.reinterpretAsInts()).and(SIGN).reinterpretAsFloats();
        x.blend(zero, tiny).intoArray(a, off + i);
      }
    }
    for (; i < n; i++) {
      float x = a[off + i];
      if (Math.abs(x) < Float.MIN_NORMAL) {
        a[off + i] = Float.intBitsToFloat(Float.floatToRawIntBits(x) & SIGN);
      }
    }
  }

  /** dst[i] = (float) src[i] (round to nearest even) for n elements. */
  public static void toFloat(double[] src, int srcOff, float[] dst, int dstOff, int n) {
    for (int i = 0; i < n; i++) {
      dst[dstOff + i] = (float) src[srcOff + i];
    }
  }

  /**
   * n doubles rounded to the precision of {@code dst}: here a copy. With its float overload, how an
   * engine class reads double data (a batch) into its own arrays in both precisions (codegen).
   */
  public static void round(double[] src, int srcOff, double[] dst, int dstOff, int n) {
    System.arraycopy(src, srcOff, dst, dstOff, n);
  }

  /** n doubles rounded to float (to nearest even): {@link #toFloat}. */
  public static void round(double[] src, int srcOff, float[] dst, int dstOff, int n) {
    toFloat(src, srcOff, dst, dstOff, n);
  }

  /** n doubles copied: with its float overload, how a generated class widens its values at a double boundary. */
  public static void toDouble(double[] src, int srcOff, double[] dst, int dstOff, int n) {
    System.arraycopy(src, srcOff, dst, dstOff, n);
  }

  /** dst[i] = src[i] widened to double (exact) for n elements. */
  public static void toDouble(float[] src, int srcOff, double[] dst, int dstOff, int n) {
    for (int i = 0; i < n; i++) {
      dst[dstOff + i] = src[srcOff + i];
    }
  }

  /**
   * The values as doubles: here the array itself. With its float overload, how a generated class hands
   * its outputs across a double boundary in both precisions (codegen).
   */
  public static double[] widen(double[] a) {
    return a;
  }

  /** The arrays themselves: with its float overload, how 3-d values cross a double boundary in both precisions. */
  public static double[][][] widen(double[][][] a) {
    return a;
  }

  /** New arrays of the floats widened to double (exact); null stays null. */
  public static double[][][] widen(float[][][] a) {
    if (a == null) {
      return null;
    }
    double[][][] d = new double[a.length][][];
    for (int i = 0; i < a.length; i++) {
      d[i] = new double[a[i].length][];
      for (int j = 0; j < a[i].length; j++) {
        d[i][j] = widen(a[i][j]);
      }
    }
    return d;
  }

  /** A new array of the doubles rounded to float (to nearest even): a double boundary's values into float code. */
  public static float[] toFloats(double[] a) {
    float[] f = new float[a.length];
    toFloat(a, 0, f, 0, a.length);
    return f;
  }

  /** A new array of the floats widened to double (exact). */
  public static double[] widen(float[] a) {
    double[] d = new double[a.length];
    toDouble(a, 0, d, 0, a.length);
    return d;
  }

  /**
   * dst[dOff + i] = (float) src[sOff + i], subnormals flushed, wherever src differs from dst widened; the
   * other entries keep their bits: how double code's changes to float values come back (clipping).
   */
  public static void narrowChanged(double[] src, int sOff, float[] dst, int dOff, int n) {
    for (int i = 0; i < n; i++) {
      float f = dst[dOff + i];
      double d = src[sOff + i];
      if (Double.doubleToRawLongBits(d) != Double.doubleToRawLongBits(f)) {
        float r = (float) d;
        dst[dOff + i] = Math.abs(r) < Float.MIN_NORMAL ? Math.copySign(0.0f, r) : r;
      }
    }
  }
}
