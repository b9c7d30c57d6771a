package org.rnnlab.engine;

import java.util.Locale;

/**
 * The float32 math functions against a higher-precision reference: the error measure shared by
 * DetMathF32Test and, as a main class ({@code make ulp}), a check of every float in each domain
 * (exp: [-104, 89]; sigmoid and tanh: all finite floats), printing each function's max ulp error and
 * where it occurs. A main class rather than an excluded JUnit test: it is a measurement whose
 * figures go into DetMathF32's doc (JUnit would hide them in a report file), and it needs no test
 * engine, only the test classpath, as the benchmarks' report does.
 *
 * <p>Reference: the double StrictMath functions (fdlibm, under 1 double ulp: 2^-29 float ulp);
 * sigmoid as 1/(1 + StrictMath.exp(-x)) in double. The error is |f(x) - ref(x)| in float ulps of
 * ref(x) rounded to float. Where |ref(x)| &lt; 2^-126 the function must return ±0 exactly (the
 * flush), with the sign of ref; that is counted apart, not in ulps.
 */
final class DetMathF32Ulp {
  private DetMathF32Ulp() {}

  /** A float function over an array (one of DetMathF32's array versions). */
  interface ArrayFn {
    void apply(float[] src, int srcOff, float[] dst, int dstOff, int n);
  }

  /** A reference function in double. */
  interface Ref {
    double apply(double x);
  }

  static double sigmoidRef(double x) {
    return 1.0 / (1.0 + StrictMath.exp(-x));
  }

  /**
   * |got - ref| in float ulps of ref rounded to float; 0 when got is what ref rounds to among the
   * infinities or NaN; +inf when got is infinite or NaN and ref is not. Above FLT_MAX the ulp of
   * FLT_MAX is the unit (ref rounds to +inf there only from FLT_MAX + half an ulp).
   */
  static double ulps(float got, double ref) {
    float rf = (float) ref;
    if (Double.isNaN(ref) || Float.isNaN(got)) {
      return Double.isNaN(ref) && Float.isNaN(got) ? 0.0 : Double.POSITIVE_INFINITY;
    }
    if (got == rf && (Float.isInfinite(rf) || got == ref)) {
      return 0.0;
    }
    if (Float.isInfinite(got)) {
      return Double.POSITIVE_INFINITY;
    }
    float unit = Float.isInfinite(rf) ? Math.ulp(Float.MAX_VALUE) : Math.ulp(rf);
    return Math.abs(got - ref) / unit;
  }

  /** True when ref is in the flush range (|ref| &lt; 2^-126) and got is ±0 of ref's sign. */
  static boolean flushedRight(float got, double ref) {
    return got == 0.0f && (Float.floatToRawIntBits(got) < 0) == (Double.doubleToRawLongBits(ref) < 0);
  }

  /** Worst error over a set of points, and the flush violations. */
  static final class Stats {
    final String name;
    double maxUlps;
    float worstX = Float.NaN;
    long points;
    long flushed;
    long flushViolations;
    float firstViolation = Float.NaN;

    Stats(String name) {
      this.name = name;
    }

    void add(float x, float got, double ref) {
      points++;
      if (Math.abs(ref) < Float.MIN_NORMAL) {
        flushed++;
        if (!flushedRight(got, ref)) {
          if (flushViolations++ == 0) {
            firstViolation = x;
          }
        }
        return;
      }
      double u = ulps(got, ref);
      if (!(u <= maxUlps)) {
        maxUlps = u;
        worstX = x;
      }
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%-8s max %.4f ulp at x = %s (%s); %d points, %d in the flush range, %d not flushed%s",
          name, maxUlps, worstX, Float.toHexString(worstX), points, flushed, flushViolations,
          flushViolations == 0 ? "" : " (first at x = " + firstViolation + ")");
    }
  }

  private static final int CHUNK = 1 << 16;

  /**
   * Adds every float with raw bits in [fromBits, toBits] (one sign: both ends of that sign), stepping
   * by step bit patterns, to the stats, evaluated through the array version f.
   */
  static void scan(Stats st, ArrayFn f, Ref ref, int fromBits, int toBits, int step) {
    float[] x = new float[CHUNK];
    float[] y = new float[CHUNK];
    long b = fromBits;
    while (b <= toBits) {
      int n = 0;
      for (; n < CHUNK && b <= toBits; n++, b += step) {
        x[n] = Float.intBitsToFloat((int) b);
      }
      f.apply(x, 0, y, 0, n);
      for (int i = 0; i < n; i++) {
        st.add(x[i], y[i], ref.apply(x[i]));
      }
    }
  }

  /** Every float in [lo, hi] (lo &lt;= 0 &lt;= hi, both signs of zero), every step-th bit pattern. */
  static void scanRange(Stats st, ArrayFn f, Ref ref, float lo, float hi, int step) {
    scan(st, f, ref, 0, Float.floatToRawIntBits(hi), step);
    // negative floats: bit patterns 0x80000000 (-0) up to that of lo
    scanNegative(st, f, ref, Float.floatToRawIntBits(lo) & 0x7fffffff, step);
  }

  /** The negatives -0 .. -(float with magnitude bits maxMag), every step-th pattern. */
  static void scanNegative(Stats st, ArrayFn f, Ref ref, int maxMag, int step) {
    float[] x = new float[CHUNK];
    float[] y = new float[CHUNK];
    long m = 0;
    while (m <= maxMag) {
      int n = 0;
      for (; n < CHUNK && m <= maxMag; n++, m += step) {
        x[n] = Float.intBitsToFloat((int) m | 0x80000000);
      }
      f.apply(x, 0, y, 0, n);
      for (int i = 0; i < n; i++) {
        st.add(x[i], y[i], ref.apply(x[i]));
      }
    }
  }

  static final int MAX_FINITE_BITS = Float.floatToRawIntBits(Float.MAX_VALUE);

  /** Every float: exp on [-104, 89], sigmoid and tanh on all finite floats (args: function names, default all). */
  public static void main(String[] args) {
    java.util.List<String> which = args.length == 0 ? java.util.List.of("exp", "sigmoid", "tanh") : java.util.List.of(args);
    for (String name : which) {
      long t0 = System.nanoTime();
      Stats st = new Stats(name);
      switch (name) {
        case "exp" -> scanRange(st, DetMathF32::exp, StrictMath::exp, -104.0f, 89.0f, 1);
        case "sigmoid" -> scanRange(st, DetMathF32::sigmoid, DetMathF32Ulp::sigmoidRef, -Float.MAX_VALUE, Float.MAX_VALUE, 1);
        case "tanh" -> scanRange(st, DetMathF32::tanh, StrictMath::tanh, -Float.MAX_VALUE, Float.MAX_VALUE, 1);
        default -> throw new IllegalArgumentException("unknown function " + name + " (exp, sigmoid, tanh)");
      }
      System.out.println(st + String.format(Locale.ROOT, " [%.0f s]", (System.nanoTime() - t0) / 1e9));
    }
  }
}
