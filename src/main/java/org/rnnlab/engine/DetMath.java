package org.rnnlab.engine;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Deterministic transcendental functions: exp, sigmoid and tanh built from IEEE-754
 * operations only (add, multiply, divide, fused multiply-add), which Java specifies to the
 * bit. {@code Math.exp} may differ in the last bit between JVMs and processors and
 * {@code StrictMath.exp} is slow; these are fast, vectorised, and give the same bits on every
 * machine. The array versions run the very same operation sequence per lane as the scalar
 * versions, so results do not depend on the vector width.
 *
 * <p>Accuracy: exp within 2.5 ulp on [-708, 709.78] (Cody-Waite reduction, degree-12 Taylor on
 * |r| <= ln2/2); exp(x) = 0 below -708 and +inf above 709.78.
 */
public final class DetMath {
  private DetMath() {}

  static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final double LOG2E = 1.4426950408889634;
  private static final double LN2_HI = 6.93147180369123816490e-01; // high bits of ln2, exact times k
  private static final double LN2_LO = 1.90821492927058770002e-10;
  private static final double MAGIC = 0x1.8p52; // adding it rounds to an integer in the low bits
  private static final long MAGIC_BITS = Double.doubleToRawLongBits(MAGIC);
  private static final double EXP_LO = -708.0;
  private static final double EXP_HI = 709.78;
  /**
   * On [EXP_LO, PLAIN_HI] exp needs none of its special cases (no clamp, no underflow, overflow
   * or NaN, and 2^k is a normal double since k &lt;= 1023): a vector whose lanes all lie there
   * skips them, which gives the same bits (the skipped steps are identities for those lanes).
   */
  private static final double PLAIN_HI = 709.0;
  // 1/n! for n = 12 .. 2
  private static final double[] C = {
    1.0 / 479001600, 1.0 / 39916800, 1.0 / 3628800, 1.0 / 362880, 1.0 / 40320,
    1.0 / 5040, 1.0 / 720, 1.0 / 120, 1.0 / 24, 1.0 / 6, 0.5
  };
  private static final double TANH_SMALL = 0.17; // below: tanh = e/(e+2), e = expm1(2x) by series

  /** e^x. */
  public static double exp(double x) {
    if (!(x >= EXP_LO)) {
      return x != x ? x : 0.0;
    }
    if (x > EXP_HI) {
      return Double.POSITIVE_INFINITY;
    }
    double t = Math.fma(x, LOG2E, MAGIC);
    double k = t - MAGIC;
    double r = Math.fma(k, -LN2_HI, x);
    r = Math.fma(k, -LN2_LO, r);
    double p = C[0];
    for (int i = 1; i < C.length; i++) {
      p = Math.fma(p, r, C[i]);
    }
    p = Math.fma(p, r, 1.0);
    p = Math.fma(p, r, 1.0);
    long kl = Double.doubleToRawLongBits(t) - MAGIC_BITS;
    // k = 1024 near the top of the range: scale by 2^1023, then by 2 (2^1024 is not a double)
    boolean top = kl > 1023;
    double y = p * Double.longBitsToDouble(((top ? kl - 1 : kl) + 1023) << 52);
    return y * (top ? 2.0 : 1.0);
  }

  /** e^x - 1 for |x| <= ln2/2 (series; used by tanh near zero). */
  private static double expm1Small(double x) {
    double p = C[0];
    for (int i = 1; i < C.length; i++) {
      p = Math.fma(p, x, C[i]);
    }
    p = Math.fma(p, x, 1.0);
    return p * x;
  }

  /** Logistic sigmoid 1/(1+e^-x). */
  public static double sigmoid(double x) {
    return 1.0 / (1.0 + exp(-x));
  }

  /** Hyperbolic tangent. */
  public static double tanh(double x) {
    double a = Math.abs(x);
    double y;
    if (a < TANH_SMALL) {
      double e = expm1Small(2.0 * a);
      y = e / (e + 2.0);
    } else {
      y = 1.0 - 2.0 / (exp(2.0 * a) + 1.0);
    }
    return Math.copySign(y, x);
  }

  // The vector loops below write out exp, sigmoid and tanh in full inside each loop body, with
  // no helper taking or returning vectors: C2 (JDK 17) only intrinsifies Vector API calls whose
  // vector classes it can see, and a helper that it compiles on its own (too large to inline:
  // more than FreqInlineSize bytecodes, or already compiled big) receives its vectors boxed, which
  // runs the Vector API's slow Java fallback. Each lane runs exactly the scalar functions' ops.

  /** dst[i] = e^src[i] for n elements. */
  public static void exp(double[] src, int srcOff, double[] dst, int dstOff, int n) {
    int i = 0;
    DoubleVector one = DoubleVector.broadcast(S, 1.0);
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      DoubleVector x = DoubleVector.fromArray(S, src, srcOff + i);
      boolean plain = x.compare(VectorOperators.GE, EXP_LO).and(x.compare(VectorOperators.LE, PLAIN_HI)).allTrue();
      DoubleVector xc = plain ? x : x.max(EXP_LO).min(EXP_HI);
      DoubleVector t = xc.fma(DoubleVector.broadcast(S, LOG2E), DoubleVector.broadcast(S, MAGIC));
      DoubleVector k = t.sub(MAGIC);
      DoubleVector r = k.fma(DoubleVector.broadcast(S, -LN2_HI), xc);
      r = k.fma(DoubleVector.broadcast(S, -LN2_LO), r);
      DoubleVector p = DoubleVector.broadcast(S, C[0]);
      for (int c = 1; c < C.length; c++) {
        p = p.fma(r, DoubleVector.broadcast(S, C[c]));
      }
      p = p.fma(r, one);
      p = p.fma(r, one);
      LongVector kl = ((LongVector) t.reinterpretAsLongs()).sub(MAGIC_BITS);
      if (plain) {
        p.mul(kl.add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles()).intoArray(dst, dstOff + i);
        continue;
      }
      VectorMask<Long> top = kl.compare(VectorOperators.GT, 1023L);
      kl = kl.sub(1L, top).add(1023L).lanewise(VectorOperators.LSHL, 52);
      DoubleVector y = p.mul(kl.reinterpretAsDoubles()).mul(one.blend(2.0, top.cast(S)));
      y = y.blend(0.0, x.compare(VectorOperators.LT, EXP_LO)).blend(Double.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_HI));
      // NaN compares false on both masks but was clamped by max/min: restore it
      y.blend(x, x.test(VectorOperators.IS_NAN)).intoArray(dst, dstOff + i);
    }
    for (; i < n; i++) {
      dst[dstOff + i] = exp(src[srcOff + i]);
    }
  }

  /** dst[i] = sigmoid(src[i]) for n elements; src and dst may be the same. */
  public static void sigmoid(double[] src, int srcOff, double[] dst, int dstOff, int n) {
    sigmoidLoop(src, srcOff, null, 0, dst, dstOff, n);
  }

  /** dst[i] = sigmoid(a[i] + b[i]) for n elements (the sum rounded, then sigmoid); dst may be a or b. */
  public static void sigmoidOfSum(double[] a, int aOff, double[] b, int bOff, double[] dst, int dstOff, int n) {
    sigmoidLoop(a, aOff, b, bOff, dst, dstOff, n);
  }

  /** The vector loop of sigmoid and sigmoidOfSum: x = a[i] (+ b[i] unless b is null). */
  private static void sigmoidLoop(double[] a, int aOff, double[] b, int bOff, double[] dst, int dstOff, int n) {
    int i = 0;
    DoubleVector one = DoubleVector.broadcast(S, 1.0);
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      DoubleVector x = DoubleVector.fromArray(S, a, aOff + i);
      if (b != null) {  // loop-invariant: C2 unswitches it
        x = x.add(DoubleVector.fromArray(S, b, bOff + i));
      }
      x = x.neg();
      boolean plain = x.compare(VectorOperators.GE, EXP_LO).and(x.compare(VectorOperators.LE, PLAIN_HI)).allTrue();
      DoubleVector xc = plain ? x : x.max(EXP_LO).min(EXP_HI);  // the clamp is the identity there
      DoubleVector t = xc.fma(DoubleVector.broadcast(S, LOG2E), DoubleVector.broadcast(S, MAGIC));
      DoubleVector k = t.sub(MAGIC);
      DoubleVector r = k.fma(DoubleVector.broadcast(S, -LN2_HI), xc);
      r = k.fma(DoubleVector.broadcast(S, -LN2_LO), r);
      DoubleVector p = DoubleVector.broadcast(S, C[0]);
      for (int c = 1; c < C.length; c++) {
        p = p.fma(r, DoubleVector.broadcast(S, C[c]));
      }
      p = p.fma(r, one);
      p = p.fma(r, one);
      LongVector kl = ((LongVector) t.reinterpretAsLongs()).sub(MAGIC_BITS);
      if (plain) {
        DoubleVector e = p.mul(kl.add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles());
        one.div(one.add(e)).intoArray(dst, dstOff + i);
        continue;
      }
      VectorMask<Long> top = kl.compare(VectorOperators.GT, 1023L);
      kl = kl.sub(1L, top).add(1023L).lanewise(VectorOperators.LSHL, 52);
      DoubleVector e = p.mul(kl.reinterpretAsDoubles()).mul(one.blend(2.0, top.cast(S)));
      e = e.blend(0.0, x.compare(VectorOperators.LT, EXP_LO));
      e = e.blend(Double.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_HI));
      e = e.blend(x, x.test(VectorOperators.IS_NAN));
      one.div(one.add(e)).intoArray(dst, dstOff + i);
    }
    for (; i < n; i++) {
      dst[dstOff + i] = sigmoid(b == null ? a[aOff + i] : a[aOff + i] + b[bOff + i]);
    }
  }

  /** dst[i] = tanh(src[i]) for n elements; src and dst may be the same. */
  public static void tanh(double[] src, int srcOff, double[] dst, int dstOff, int n) {
    tanhLoop(src, srcOff, null, 0, dst, dstOff, n);
  }

  /** dst[i] = tanh(a[i] + b[i]) for n elements (the sum rounded, then tanh); dst may be a or b. */
  public static void tanhOfSum(double[] a, int aOff, double[] b, int bOff, double[] dst, int dstOff, int n) {
    tanhLoop(a, aOff, b, bOff, dst, dstOff, n);
  }

  /** The vector loop of tanh and tanhOfSum: x = a[i] (+ b[i] unless b is null). */
  private static void tanhLoop(double[] a, int aOff, double[] b, int bOff, double[] dst, int dstOff, int n) {
    int i = 0;
    DoubleVector one = DoubleVector.broadcast(S, 1.0);
    DoubleVector two = DoubleVector.broadcast(S, 2.0);
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      DoubleVector x = DoubleVector.fromArray(S, a, aOff + i);
      if (b != null) {  // loop-invariant: C2 unswitches it
        x = x.add(DoubleVector.fromArray(S, b, bOff + i));
      }
      DoubleVector ax = x.abs();
      DoubleVector a2 = ax.mul(2.0);
      VectorMask<Double> small = ax.compare(VectorOperators.LT, TANH_SMALL);
      // exp(a2) for the large lanes, as in exp (a2 >= 0 or NaN: no underflow, no lower clamp);
      // plain: no lane over PLAIN_HI and no NaN, so the clamp and the fix-ups below are identities
      boolean plain = a2.compare(VectorOperators.LE, PLAIN_HI).allTrue();
      DoubleVector xc = plain ? a2 : a2.min(EXP_HI);
      DoubleVector t = xc.fma(DoubleVector.broadcast(S, LOG2E), DoubleVector.broadcast(S, MAGIC));
      DoubleVector k = t.sub(MAGIC);
      DoubleVector r = k.fma(DoubleVector.broadcast(S, -LN2_HI), xc);
      r = k.fma(DoubleVector.broadcast(S, -LN2_LO), r);
      DoubleVector u = r.blend(a2, small);
      DoubleVector p = DoubleVector.broadcast(S, C[0]);
      for (int c = 1; c < C.length; c++) {
        p = p.fma(u, DoubleVector.broadcast(S, C[c]));
      }
      p = p.fma(u, one);
      DoubleVector e = p.mul(u);                       // expm1Small(a2), small lanes
      // 2^k as (k + 1023) << 52: +inf for k = 1024 (a2 > 709.43), where exp corrects the scale; tanh
      // needs no correction there: 1 - 2/(e^a2 + 1) rounds to 1 for e^a2 finite above 2^1023 or inf
      LongVector kl = (LongVector) t.reinterpretAsLongs();
      kl = kl.sub(MAGIC_BITS - 1023).lanewise(VectorOperators.LSHL, 52);
      DoubleVector ex = p.fma(u, one).mul(kl.reinterpretAsDoubles());
      if (!plain) {
        ex = ex.blend(Double.POSITIVE_INFINITY, a2.compare(VectorOperators.GT, EXP_HI));
        ex = ex.blend(a2, a2.test(VectorOperators.IS_NAN));  // exp(a2), large lanes
      }
      DoubleVector q = two.blend(e, small).div(ex.add(one).blend(e.add(two), small));
      // y = tanh|x| (sign bit clear, NaN included); copySign(y, x) = y | sign bit of x
      LongVector yb = (LongVector) one.sub(q).blend(q, small).reinterpretAsLongs();
      LongVector xb = (LongVector) x.reinterpretAsLongs();
      yb.or(xb.and(Long.MIN_VALUE)).reinterpretAsDoubles().intoArray(dst, dstOff + i);
    }
    for (; i < n; i++) {
      dst[dstOff + i] = tanh(b == null ? a[aOff + i] : a[aOff + i] + b[bOff + i]);
    }
  }
}
