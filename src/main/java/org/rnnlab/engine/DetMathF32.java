package org.rnnlab.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Deterministic float32 exp, sigmoid and tanh, the binary32 counterpart of {@link DetMath}: built
 * only from operations Java specifies to the bit (float add, multiply, divide, single-rounding
 * fma, integer bit manipulation), so every JVM and processor gives the same bits; the array
 * versions run the scalar operation sequence per lane, so results do not depend on the vector
 * width either.
 *
 * <p>Method: exp(x) = 2^k e^r with k = round(x log2 e) (by adding 0x1.8p23), Cody-Waite reduction
 * r = x - k LN2_HI - k LN2_LO with a 9-bit LN2_HI (k LN2_HI exact), degree-7 Taylor polynomial in
 * Horner form by fma on |r| &lt;= ln2/2 (truncation &lt;= 5.2e-9 relative, a tenth of an ulp), 2^k
 * from the exponent bits, split into 2^127 * 2 for k = 128 (x &gt; 88.376). exp(x) = +inf above
 * 88.72283 (ln FLT_MAX = 88.7228391), NaN stays NaN. sigmoid = 1/(1 + exp(-x)); tanh(x) =
 * e/(e + 2) with e = expm1(2|x|) by the same series for |x| &lt; 0.26, else 1 - 2/(exp(2|x|) + 1),
 * with the sign of x.
 *
 * <p>Flush to zero: every result whose magnitude is below 2^-126 (Float.MIN_NORMAL) is returned as
 * zero of its sign, so no subnormal ever leaves these functions: exp(x) = 0 below
 * -126 ln2 = -87.33654, sigmoid(x) = 0 where 1/(1 + e^-x) &lt; 2^-126 (x &lt; -87.33654), tanh of a
 * subnormal x is ±0. (The JVM cannot set FTZ/DAZ, and subnormal operands are slow; see
 * {@link FloatKernels#flushDenormals}.)
 *
 * <p>Accuracy, measured by {@code make ulp} at every float (exp on [-104, 89], sigmoid and tanh on
 * all finite floats) against the double StrictMath functions, in float ulps of the reference rounded
 * to float: exp 0.94 ulp (at x = 26.688921), sigmoid 2.48 ulp (at x = -16.635704), tanh 4.65 ulp (at
 * x = 0.25495467, the series branch just below the switch at 0.26); and zero exactly wherever the
 * reference is below 2^-126. DetMathF32Test asserts these bounds.
 */
public final class DetMathF32 {
  private DetMathF32() {}

  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final float LOG2E = 0x1.715476p0f;
  private static final float LN2_HI = 0.693359375f; // 355/512: 9 bits, so k * LN2_HI is exact for |k| <= 2^15
  private static final float LN2_LO = -0x1.bd0106p-13f; // float(ln2 - LN2_HI)
  private static final float MAGIC = 0x1.8p23f; // adding it rounds to an integer in the low bits
  private static final int MAGIC_BITS = Float.floatToRawIntBits(MAGIC);
  /** Below it exp is 0 (flushed: the value is under 2^-126 from -87.3365 down); keeps 2^k normal. */
  private static final float EXP_LO = -87.5f;
  /** The largest float whose exp rounds to a finite float (ln FLT_MAX = 88.7228391). */
  private static final float EXP_HI = 88.72283f;
  /**
   * On [PLAIN_LO, PLAIN_HI] exp needs none of its special cases (no clamp, NaN, flush or k = 128:
   * e^x is normal there): a vector whose lanes all lie there skips them, with the same bits.
   */
  private static final float PLAIN_LO = -87.0f;
  private static final float PLAIN_HI = 88.0f;
  /** Where 1/(1 + e^-x) too is normal (|x| &lt;= 87): sigmoid's plain range. */
  private static final float SIG_PLAIN = 87.0f;
  private static final float MIN_NORMAL = Float.MIN_NORMAL;
  // float(1/n!) for n = 7 .. 2
  private static final float C7 = 0x1.a01a02p-13f;
  private static final float C6 = 0x1.6c16c2p-10f;
  private static final float C5 = 0x1.111112p-7f;
  private static final float C4 = 0x1.555556p-5f;
  private static final float C3 = 0x1.555556p-3f;
  private static final float C2 = 0.5f;
  /**
   * Below it tanh = e/(e+2), e = expm1(2x) by the series; above, 1 - 2/(e^2x + 1), which cancels:
   * by 2 bits while tanh &lt; 1/4, by 1 bit above atanh(1/4) = 0.2554. Measured over every float in
   * [0.01, 1]: max 6.79 ulp with DetMath's 0.17 (at 0.17405, the other branch), 4.65 ulp with any
   * threshold in [0.2554, 0.28] (at 0.25495, the series, whose truncation grows as (2x)^7/8!).
   */
  private static final float TANH_SMALL = 0.26f;

  /** e^x (0 below -87.3365, where the value would be subnormal). */
  public static float exp(float x) {
    if (!(x >= EXP_LO)) {
      return x != x ? x : 0.0f;
    }
    if (x > EXP_HI) {
      return Float.POSITIVE_INFINITY;
    }
    float t = Math.fma(x, LOG2E, MAGIC);
    float k = t - MAGIC;
    float r = Math.fma(k, -LN2_HI, x);
    r = Math.fma(k, -LN2_LO, r);
    float p = Math.fma(C7, r, C6);
    p = Math.fma(p, r, C5);
    p = Math.fma(p, r, C4);
    p = Math.fma(p, r, C3);
    p = Math.fma(p, r, C2);
    p = Math.fma(p, r, 1.0f);
    p = Math.fma(p, r, 1.0f);
    int ki = Float.floatToRawIntBits(t) - MAGIC_BITS;
    // k = 128 near the top of the range: scale by 2^127, then by 2 (2^128 is not a float)
    boolean top = ki > 127;
    float y = p * Float.intBitsToFloat(((top ? ki - 1 : ki) + 127) << 23);
    y = y * (top ? 2.0f : 1.0f);
    return y < MIN_NORMAL ? 0.0f : y;
  }

  /** e^x - 1 for 0 &lt;= x &lt; 2 TANH_SMALL (series; used by tanh near zero). */
  private static float expm1Small(float x) {
    float p = Math.fma(C7, x, C6);
    p = Math.fma(p, x, C5);
    p = Math.fma(p, x, C4);
    p = Math.fma(p, x, C3);
    p = Math.fma(p, x, C2);
    p = Math.fma(p, x, 1.0f);
    return p * x;
  }

  /** Logistic sigmoid 1/(1+e^-x) (0 where that is below 2^-126). */
  public static float sigmoid(float x) {
    float s = 1.0f / (1.0f + exp(-x));
    return s < MIN_NORMAL ? 0.0f : s;
  }

  /** Hyperbolic tangent (±0 for a subnormal x). */
  public static float tanh(float x) {
    float a = Math.abs(x);
    float y;
    if (a < TANH_SMALL) {
      float e = expm1Small(2.0f * a);
      y = e / (e + 2.0f);
    } else {
      y = 1.0f - 2.0f / (exp(2.0f * a) + 1.0f);
    }
    y = y < MIN_NORMAL ? 0.0f : y;
    // copySign by bits, as the vector loop does (y has a clear sign bit, NaN included)
    return Float.intBitsToFloat(Float.floatToRawIntBits(y) | (Float.floatToRawIntBits(x) & 0x80000000));
  }

  // The vector loops below write out exp, sigmoid and tanh in full inside each loop body, with no
  // helper taking or returning vectors, for the reason given in DetMath (C2 boxes the vectors of a
  // helper it compiles on its own). Each lane runs exactly the scalar functions' operations.

  /** dst[i] = e^src[i] for n elements; src and dst may be the same. */
  public static void exp(float[] src, int srcOff, float[] dst, int dstOff, int n) {
    int i = 0;
    FloatVector one = FloatVector.broadcast(S, 1.0f);
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector x = FloatVector.fromArray(S, src, srcOff + i);
      boolean plain = x.compare(VectorOperators.GE, PLAIN_LO).and(x.compare(VectorOperators.LE, PLAIN_HI)).allTrue();
      FloatVector xc = plain ? x : x.max(EXP_LO).min(EXP_HI);
      FloatVector t = xc.fma(FloatVector.broadcast(S, LOG2E), FloatVector.broadcast(S, MAGIC));
      FloatVector k = t.sub(MAGIC);
      FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HI), xc);
      r = k.fma(FloatVector.broadcast(S, -LN2_LO), r);
      FloatVector p = FloatVector.broadcast(S, C7).fma(r, FloatVector.broadcast(S, C6));
      p = p.fma(r, FloatVector.broadcast(S, C5));
      p = p.fma(r, FloatVector.broadcast(S, C4));
      p = p.fma(r, FloatVector.broadcast(S, C3));
      p = p.fma(r, FloatVector.broadcast(S, C2));
      p = p.fma(r, one);
      p = p.fma(r, one);
      IntVector ki = ((IntVector) t.reinterpretAsInts()).sub(MAGIC_BITS);
      if (plain) {
        p.mul(ki.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats()).intoArray(dst, dstOff + i);
        continue;
      }
      VectorMask<Integer> top = ki.compare(VectorOperators.GT, 127);
      ki = ki.sub(1, top).add(127).lanewise(VectorOperators.LSHL, 23);
      FloatVector y = p.mul(ki.reinterpretAsFloats()).mul(one.blend(2.0f, top.cast(S)));
      y = y.blend(0.0f, y.compare(VectorOperators.LT, MIN_NORMAL));
      y = y.blend(0.0f, x.compare(VectorOperators.LT, EXP_LO)).blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_HI));
      // NaN compares false on both masks but was clamped by max/min: restore it
      y.blend(x, x.test(VectorOperators.IS_NAN)).intoArray(dst, dstOff + i);
    }
    for (; i < n; i++) {
      dst[dstOff + i] = exp(src[srcOff + i]);
    }
  }

  /** dst[i] = sigmoid(src[i]) for n elements; src and dst may be the same. */
  public static void sigmoid(float[] src, int srcOff, float[] dst, int dstOff, int n) {
    sigmoidLoop(src, srcOff, null, 0, dst, dstOff, n);
  }

  /** dst[i] = sigmoid(a[i] + b[i]) for n elements (the sum rounded, then sigmoid); dst may be a or b. */
  public static void sigmoidOfSum(float[] a, int aOff, float[] b, int bOff, float[] dst, int dstOff, int n) {
    sigmoidLoop(a, aOff, b, bOff, dst, dstOff, n);
  }

  /** The vector loop of sigmoid and sigmoidOfSum: x = a[i] (+ b[i] unless b is null). */
  private static void sigmoidLoop(float[] a, int aOff, float[] b, int bOff, float[] dst, int dstOff, int n) {
    int i = 0;
    FloatVector one = FloatVector.broadcast(S, 1.0f);
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector x = FloatVector.fromArray(S, a, aOff + i);
      if (b != null) {  // loop-invariant: C2 unswitches it
        x = x.add(FloatVector.fromArray(S, b, bOff + i));
      }
      x = x.neg();
      // plain: e = exp(-x) and 1/(1 + e) both normal, so the clamp and the flushes are identities
      boolean plain = x.abs().compare(VectorOperators.LE, SIG_PLAIN).allTrue();
      FloatVector xc = plain ? x : x.max(EXP_LO).min(EXP_HI);
      FloatVector t = xc.fma(FloatVector.broadcast(S, LOG2E), FloatVector.broadcast(S, MAGIC));
      FloatVector k = t.sub(MAGIC);
      FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HI), xc);
      r = k.fma(FloatVector.broadcast(S, -LN2_LO), r);
      FloatVector p = FloatVector.broadcast(S, C7).fma(r, FloatVector.broadcast(S, C6));
      p = p.fma(r, FloatVector.broadcast(S, C5));
      p = p.fma(r, FloatVector.broadcast(S, C4));
      p = p.fma(r, FloatVector.broadcast(S, C3));
      p = p.fma(r, FloatVector.broadcast(S, C2));
      p = p.fma(r, one);
      p = p.fma(r, one);
      IntVector ki = ((IntVector) t.reinterpretAsInts()).sub(MAGIC_BITS);
      if (plain) {
        FloatVector e = p.mul(ki.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
        one.div(one.add(e)).intoArray(dst, dstOff + i);
        continue;
      }
      VectorMask<Integer> top = ki.compare(VectorOperators.GT, 127);
      ki = ki.sub(1, top).add(127).lanewise(VectorOperators.LSHL, 23);
      FloatVector e = p.mul(ki.reinterpretAsFloats()).mul(one.blend(2.0f, top.cast(S)));
      e = e.blend(0.0f, e.compare(VectorOperators.LT, MIN_NORMAL));
      e = e.blend(0.0f, x.compare(VectorOperators.LT, EXP_LO));
      e = e.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_HI));
      e = e.blend(x, x.test(VectorOperators.IS_NAN));
      FloatVector s = one.div(one.add(e));
      s.blend(0.0f, s.compare(VectorOperators.LT, MIN_NORMAL)).intoArray(dst, dstOff + i);
    }
    for (; i < n; i++) {
      dst[dstOff + i] = sigmoid(b == null ? a[aOff + i] : a[aOff + i] + b[bOff + i]);
    }
  }

  /** dst[i] = tanh(src[i]) for n elements; src and dst may be the same. */
  public static void tanh(float[] src, int srcOff, float[] dst, int dstOff, int n) {
    tanhLoop(src, srcOff, null, 0, dst, dstOff, n);
  }

  /** dst[i] = tanh(a[i] + b[i]) for n elements (the sum rounded, then tanh); dst may be a or b. */
  public static void tanhOfSum(float[] a, int aOff, float[] b, int bOff, float[] dst, int dstOff, int n) {
    tanhLoop(a, aOff, b, bOff, dst, dstOff, n);
  }

  /** The vector loop of tanh and tanhOfSum: x = a[i] (+ b[i] unless b is null). */
  private static void tanhLoop(float[] a, int aOff, float[] b, int bOff, float[] dst, int dstOff, int n) {
    int i = 0;
    FloatVector one = FloatVector.broadcast(S, 1.0f);
    FloatVector two = FloatVector.broadcast(S, 2.0f);
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector x = FloatVector.fromArray(S, a, aOff + i);
      if (b != null) {  // loop-invariant: C2 unswitches it
        x = x.add(FloatVector.fromArray(S, b, bOff + i));
      }
      FloatVector ax = x.abs();
      FloatVector a2 = ax.mul(2.0f);
      VectorMask<Float> small = ax.compare(VectorOperators.LT, TANH_SMALL);
      // exp(a2) for the large lanes, as in exp (a2 >= 0 or NaN: no underflow, no lower clamp);
      // plain: no lane over PLAIN_HI and no NaN, so the clamp and the fix-ups below are identities
      boolean plain = a2.compare(VectorOperators.LE, PLAIN_HI).allTrue();
      FloatVector xc = plain ? a2 : a2.min(EXP_HI);
      FloatVector t = xc.fma(FloatVector.broadcast(S, LOG2E), FloatVector.broadcast(S, MAGIC));
      FloatVector k = t.sub(MAGIC);
      FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HI), xc);
      r = k.fma(FloatVector.broadcast(S, -LN2_LO), r);
      FloatVector u = r.blend(a2, small);
      FloatVector p = FloatVector.broadcast(S, C7).fma(u, FloatVector.broadcast(S, C6));
      p = p.fma(u, FloatVector.broadcast(S, C5));
      p = p.fma(u, FloatVector.broadcast(S, C4));
      p = p.fma(u, FloatVector.broadcast(S, C3));
      p = p.fma(u, FloatVector.broadcast(S, C2));
      p = p.fma(u, one);
      FloatVector e = p.mul(u);                       // expm1Small(a2), small lanes
      // 2^k as (k + 127) << 23: +inf for k = 128 (a2 > 88.376), where exp splits the scale; tanh needs
      // no split there: 1 - 2/(e^a2 + 1) rounds to 1 for e^a2 finite above 2^127 or inf. Nor does it
      // need exp's flush: a2 >= 0.52 on the large lanes
      IntVector ki = (IntVector) t.reinterpretAsInts();
      ki = ki.sub(MAGIC_BITS - 127).lanewise(VectorOperators.LSHL, 23);
      FloatVector ex = p.fma(u, one).mul(ki.reinterpretAsFloats());
      if (!plain) {
        ex = ex.blend(Float.POSITIVE_INFINITY, a2.compare(VectorOperators.GT, EXP_HI));
        ex = ex.blend(a2, a2.test(VectorOperators.IS_NAN));  // exp(a2), large lanes
      }
      FloatVector q = two.blend(e, small).div(ex.add(one).blend(e.add(two), small));
      FloatVector y = one.sub(q).blend(q, small);
      y = y.blend(0.0f, y.compare(VectorOperators.LT, MIN_NORMAL));  // subnormal x: +0, signed below
      // y = tanh|x| (sign bit clear, NaN included); copySign(y, x) = y | sign bit of x
      IntVector yb = (IntVector) y.reinterpretAsInts();
      IntVector xb = (IntVector) x.reinterpretAsInts();
      yb.or(xb.and(0x80000000)).reinterpretAsFloats().intoArray(dst, dstOff + i);
    }
    for (; i < n; i++) {
      dst[dstOff + i] = tanh(b == null ? a[aOff + i] : a[aOff + i] + b[bOff + i]);
    }
  }
}
