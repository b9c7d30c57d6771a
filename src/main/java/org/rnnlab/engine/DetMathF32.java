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
 * 88.72283 (ln FLT_MAX = 88.7228391), NaN stays NaN.
 *
 * <p>sigmoid and tanh take e = e^-|x| (or e^-2|x|, at most 1: no overflow, one clamp at -87.5) by the
 * same steps, keeping the rounding error of the last fma as a second float (e = eh + el), then form
 * numerator and denominator exactly as float pairs (Fast2Sum: 1 &gt;= eh) and correct the quotient by
 * its fma residual: sigmoid = 1/(1 + e) for x &gt;= 0 and e/(1 + e) for x &lt; 0, tanh|x| =
 * (1 - e)/(1 + e). The earlier 1/(1 + e^-x) lost up to 2.5 ulp to the roundings of e^-x, of 1 + e
 * and of the division compounding where e^-x is large, and 1 - 2/(e^2x + 1) cancelled; now only e's
 * polynomial error and one final rounding remain. Below |x| = 0.26 tanh is its odd Taylor series
 * x + x^3 p(x^2) to x^9 (the former e/(e + 2) with a degree-7 expm1 series reached 4.65 ulp: its
 * truncation, plus three roundings). Per lane this costs, against the former sequences, sigmoid 4
 * fma, 6 add/sub, a multiply, a negation, and a compare and 3 blends for the sign of x (the clamp and
 * the flush now run on every vector, the former plain-range test is gone); tanh's upper branch 5 fma,
 * 8 add/sub, a multiply, a max and a negation (one division each, as before); its series is 4 fma
 * and 2 multiplies, no division (the former one shared the exp polynomial, plus a multiply, an add
 * and the division); a vector computes a branch only when one of its lanes takes it.
 *
 * <p>Flush to zero: every result whose magnitude is below 2^-126 (Float.MIN_NORMAL) is returned as
 * zero of its sign, so no subnormal ever leaves these functions: exp(x) = 0 below
 * -126 ln2 = -87.33654, sigmoid(x) = 0 where 1/(1 + e^-x) &lt; 2^-126 (x &lt; -87.33654), tanh of a
 * subnormal x is ±0. (The JVM cannot set FTZ/DAZ, and subnormal operands are slow; see
 * {@link FloatKernels#flushDenormals}.)
 *
 * <p>Accuracy, measured by {@code make ulp} at every float (exp on [-104, 89], sigmoid and tanh on
 * all finite floats) against the double StrictMath functions, in float ulps of the reference rounded
 * to float: exp 0.94 ulp (at x = 26.688921), sigmoid 1.04 ulp (at x = -86.29556, where el is
 * subnormal; 0.93 on [-64, 0], at -16.977: e^x's own error), tanh 0.77 ulp (at x = 0.5194282, tanh =
 * 0.477; the series 0.70 at most); and zero exactly wherever the reference is below 2^-126
 * (formerly sigmoid 2.48 ulp at -16.635704, tanh 4.65 ulp at 0.25495467). DetMathF32Test asserts
 * these bounds.
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
  private static final float MIN_NORMAL = Float.MIN_NORMAL;
  // float(1/n!) for n = 7 .. 2
  private static final float C7 = 0x1.a01a02p-13f;
  private static final float C6 = 0x1.6c16c2p-10f;
  private static final float C5 = 0x1.111112p-7f;
  private static final float C4 = 0x1.555556p-5f;
  private static final float C3 = 0x1.555556p-3f;
  private static final float C2 = 0.5f;
  /**
   * Below it tanh is its odd Taylor series to x^9 (truncation under 1.3e-8 relative at 0.26, the next
   * term 1382/155925 x^11), above it (1 - e^-2x)/(1 + e^-2x). Measured over every float in
   * [0.01, 1]: 0.70 ulp in the series (at 0.2548), 0.80 ulp above (at 0.5192, tanh = 0.477).
   */
  private static final float TANH_SMALL = 0.26f;
  // float of tanh's series coefficients: -1/3, 2/15, -17/315, 62/2835
  private static final float T3 = -0x1.555556p-2f;
  private static final float T5 = 0x1.111112p-3f;
  private static final float T7 = -0x1.ba1ba2p-5f;
  private static final float T9 = 0x1.664f48p-6f;

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

  /** The tail of exp's series, (e^r - 1 - r)/r + 1 = 1 + r/2 + ... + r^6/7!, by Horner (exp's first six fma). */
  private static float expTail(float r) {
    float p = Math.fma(C7, r, C6);
    p = Math.fma(p, r, C5);
    p = Math.fma(p, r, C4);
    p = Math.fma(p, r, C3);
    p = Math.fma(p, r, C2);
    return Math.fma(p, r, 1.0f);
  }

  /** Logistic sigmoid 1/(1+e^-x) (0 where that is below 2^-126). */
  public static float sigmoid(float x) {
    // e = e^-|x| = eh + el (at most 1), exp's steps with the rounding error of the last fma kept in el;
    // the clamp keeps 2^k normal: below it e is tiny (or subnormal: the final flush zeroes it), NaN stays
    float z = Math.max(-Math.abs(x), EXP_LO);
    float t = Math.fma(z, LOG2E, MAGIC);
    float k = t - MAGIC;
    float r = Math.fma(k, -LN2_HI, z);
    r = Math.fma(k, -LN2_LO, r);
    float p = expTail(r);
    float hi = Math.fma(p, r, 1.0f);
    float lo = Math.fma(p, r, 1.0f - hi);  // 1 - hi is exact: hi in [0.7, 1.42]
    float sc = Float.intBitsToFloat((Float.floatToRawIntBits(t) - MAGIC_BITS + 127) << 23);
    float eh = hi * sc;
    float el = lo * sc;
    // sigmoid = n/d, d = 1 + e = dh + dl exactly (Fast2Sum: 1 >= eh), n = 1 for x >= 0, e for x < 0
    float dh = 1.0f + eh;
    float dl = (eh - (dh - 1.0f)) + el;
    boolean neg = x < 0.0f;
    float n = neg ? eh : 1.0f;
    float nl = neg ? el : 0.0f;
    float q = n / dh;
    // q + (n - q d)/d: the residual by fma, 1/d from q itself (1/d = q for x >= 0, 1 - q for x < 0)
    float rr = Math.fma(-q, dh, n) + nl;
    rr = Math.fma(-q, dl, rr);
    float s = Math.fma(rr, neg ? 1.0f - q : q, q);
    return s < MIN_NORMAL ? 0.0f : s;
  }

  /** Hyperbolic tangent (±0 for a subnormal x). */
  public static float tanh(float x) {
    float a = Math.abs(x);
    float y;
    if (a < TANH_SMALL) {
      float a2 = a * a;
      float p = Math.fma(T9, a2, T7);
      p = Math.fma(p, a2, T5);
      p = Math.fma(p, a2, T3);
      y = Math.fma(a2 * a, p, a);
    } else {
      // e = e^-2a = eh + el as in sigmoid, tanh = (1 - e)/(1 + e) with numerator and denominator
      // exact as float pairs and the division's residual
      float z = Math.max(-2.0f * a, EXP_LO);
      float t = Math.fma(z, LOG2E, MAGIC);
      float k = t - MAGIC;
      float r = Math.fma(k, -LN2_HI, z);
      r = Math.fma(k, -LN2_LO, r);
      float p = expTail(r);
      float hi = Math.fma(p, r, 1.0f);
      float lo = Math.fma(p, r, 1.0f - hi);
      float sc = Float.intBitsToFloat((Float.floatToRawIntBits(t) - MAGIC_BITS + 127) << 23);
      float eh = hi * sc;
      float el = lo * sc;
      float nh = 1.0f - eh;
      float nl = ((1.0f - nh) - eh) - el;
      float dh = 1.0f + eh;
      float dl = (eh - (dh - 1.0f)) + el;
      float q = nh / dh;
      float rr = Math.fma(-q, dh, nh) + nl;
      rr = Math.fma(-q, dl, rr);
      y = Math.fma(rr, Math.fma(q, 0.5f, 0.5f), q);  // 1/d = (1 + q)/2
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
      FloatVector z = x.abs().neg().max(EXP_LO);
      FloatVector t = z.fma(FloatVector.broadcast(S, LOG2E), FloatVector.broadcast(S, MAGIC));
      FloatVector k = t.sub(MAGIC);
      FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HI), z);
      r = k.fma(FloatVector.broadcast(S, -LN2_LO), r);
      FloatVector p = FloatVector.broadcast(S, C7).fma(r, FloatVector.broadcast(S, C6));
      p = p.fma(r, FloatVector.broadcast(S, C5));
      p = p.fma(r, FloatVector.broadcast(S, C4));
      p = p.fma(r, FloatVector.broadcast(S, C3));
      p = p.fma(r, FloatVector.broadcast(S, C2));
      p = p.fma(r, one);
      FloatVector hi = p.fma(r, one);
      FloatVector lo = p.fma(r, one.sub(hi));
      IntVector ki = ((IntVector) t.reinterpretAsInts()).sub(MAGIC_BITS - 127).lanewise(VectorOperators.LSHL, 23);
      FloatVector sc = ki.reinterpretAsFloats();
      FloatVector eh = hi.mul(sc);
      FloatVector el = lo.mul(sc);
      FloatVector dh = one.add(eh);
      FloatVector dl = eh.sub(dh.sub(one)).add(el);
      VectorMask<Float> neg = x.compare(VectorOperators.LT, 0.0f);
      FloatVector nh = one.blend(eh, neg);
      FloatVector nl = FloatVector.zero(S).blend(el, neg);
      FloatVector q = nh.div(dh);
      FloatVector rr = q.neg().fma(dh, nh).add(nl);
      rr = q.neg().fma(dl, rr);
      FloatVector s = rr.fma(q.blend(one.sub(q), neg), q);
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
    FloatVector half = FloatVector.broadcast(S, 0.5f);
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector x = FloatVector.fromArray(S, a, aOff + i);
      if (b != null) {  // loop-invariant: C2 unswitches it
        x = x.add(FloatVector.fromArray(S, b, bOff + i));
      }
      FloatVector ax = x.abs();
      VectorMask<Float> small = ax.compare(VectorOperators.LT, TANH_SMALL);
      // each branch only where some lane takes it; a lane's value is the scalar branch's either way
      boolean anySmall = small.anyTrue();
      boolean allSmall = small.allTrue();
      FloatVector y = ax;
      if (!allSmall) {
        FloatVector z = ax.mul(-2.0f).max(EXP_LO);
        FloatVector t = z.fma(FloatVector.broadcast(S, LOG2E), FloatVector.broadcast(S, MAGIC));
        FloatVector k = t.sub(MAGIC);
        FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HI), z);
        r = k.fma(FloatVector.broadcast(S, -LN2_LO), r);
        FloatVector p = FloatVector.broadcast(S, C7).fma(r, FloatVector.broadcast(S, C6));
        p = p.fma(r, FloatVector.broadcast(S, C5));
        p = p.fma(r, FloatVector.broadcast(S, C4));
        p = p.fma(r, FloatVector.broadcast(S, C3));
        p = p.fma(r, FloatVector.broadcast(S, C2));
        p = p.fma(r, one);
        FloatVector hi = p.fma(r, one);
        FloatVector lo = p.fma(r, one.sub(hi));
        IntVector ki = ((IntVector) t.reinterpretAsInts()).sub(MAGIC_BITS - 127).lanewise(VectorOperators.LSHL, 23);
        FloatVector sc = ki.reinterpretAsFloats();
        FloatVector eh = hi.mul(sc);
        FloatVector el = lo.mul(sc);
        FloatVector nh = one.sub(eh);
        FloatVector nl = one.sub(nh).sub(eh).sub(el);
        FloatVector dh = one.add(eh);
        FloatVector dl = eh.sub(dh.sub(one)).add(el);
        FloatVector q = nh.div(dh);
        FloatVector rr = q.neg().fma(dh, nh).add(nl);
        rr = q.neg().fma(dl, rr);
        y = rr.fma(q.fma(half, half), q);
      }
      if (anySmall) {
        FloatVector a2 = ax.mul(ax);
        FloatVector p = FloatVector.broadcast(S, T9).fma(a2, FloatVector.broadcast(S, T7));
        p = p.fma(a2, FloatVector.broadcast(S, T5));
        p = p.fma(a2, FloatVector.broadcast(S, T3));
        FloatVector ys = a2.mul(ax).fma(p, ax);
        y = allSmall ? ys : y.blend(ys, small);
      }
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
