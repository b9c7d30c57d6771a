// Generated from src/main/java/org/rnnlab/engine/norm/NormKernels.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change NormKernels.java and run `make generate`.
package org.rnnlab.engine.norm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector loops of layer and batch normalisation. Every elementwise loop runs the same
 * operations per lane as its scalar tail, so results do not depend on the vector width. The one
 * reduction along a row, {@link #sum}, adds in an order fixed independently of the width too:
 * 32 interleaved partial sums (64 in the float twin), then a fixed tree, then the tail.
 *
 * <p>Bias offsets of -1 mean "no such bias"; the test on it is loop-invariant (C2 unswitches it).
 */
final class NormKernelsF32 {
  private NormKernelsF32() {}

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int V = S.length();
  /** The species of {@link #sum}: 512, 256 or 128 bits, whichever is nearest the preferred width. */
  private static final VectorSpecies<Float> R = S.vectorBitSize() >= 512 ? FloatVector.SPECIES_512
      : S.vectorBitSize() == 256 ? FloatVector.SPECIES_256 : FloatVector.SPECIES_128;
  private static final int RV = R.length();
  /**
   * Partial sums of {@link #sum}: four 512-bit vectors' lanes (32 doubles; 64 in the float twin),
   * so that at every width the partials, and therefore the bits, are the same.
   */
  private static final int P = 4 * FloatVector.SPECIES_512.length();
  /** Values {@link #sum} leaves in its scratch before the fold: a quarter of the partials. */
  private static final int Q = P / 4;
  /** Scratch values {@link #sum} and {@link #sumProducts} need. */
  static final int SCRATCH = 2 * Q;

  /** Terms of {@link #sum}: a, (a - c)^2, a * b, a * b * x. */
  static final int PLAIN = 0;
  static final int SQUARED_DEVIATION = 1;
  static final int PRODUCT = 2;
  static final int TRIPLE_PRODUCT = 3;

  /**
   * The sum over j &lt; n of the terms t_j (by {@code kind}: a[ao+j], (a[ao+j] - c)^2,
   * a[ao+j] * b[bo+j] or a[ao+j] * b[bo+j] * x[xo+j]) in a fixed order: P = 32 partial sums
   * (64 in float) p_k = sum_i t_{P i + k} (i ascending, over the first n - n % P terms), folded as
   * q_k = (p_k + p_{k+P/2}) + (p_{k+P/4} + p_{k+3P/4}) for k &lt; P/4, then {@link #fold}, then the
   * last n % P terms one at a time. The partials keep four vector adds in flight at 512 bits (the
   * add's latency, not the loads, would bound fewer), and they are the same sums at 512, 256 or
   * 128 bits. {@code q} is scratch of {@link #SCRATCH} values.
   */
  static float sum(int kind, float[] a, int ao, float[] b, int bo, float[] x, int xo, float c, int n,
                    float[] q) {
    int n32 = n & -P;
    FloatVector cv = FloatVector.broadcast(R, c);
    if (R.vectorBitSize() == 512) {
      FloatVector a0 = FloatVector.zero(R);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      for (int j = 0; j < n32; j += P) {
        a0 = a0.add(term(kind, a, ao, b, bo, x, xo, cv, j));
        a1 = a1.add(term(kind, a, ao, b, bo, x, xo, cv, j + RV));
        a2 = a2.add(term(kind, a, ao, b, bo, x, xo, cv, j + 2 * RV));
        a3 = a3.add(term(kind, a, ao, b, bo, x, xo, cv, j + 3 * RV));
      }
      a0.add(a2).add(a1.add(a3)).intoArray(q, 0);
    } else if (R.vectorBitSize() == 256) {
      FloatVector a0 = FloatVector.zero(R);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      FloatVector a4 = a0;
      FloatVector a5 = a0;
      FloatVector a6 = a0;
      FloatVector a7 = a0;
      for (int j = 0; j < n32; j += P) {
        a0 = a0.add(term(kind, a, ao, b, bo, x, xo, cv, j));
        a1 = a1.add(term(kind, a, ao, b, bo, x, xo, cv, j + RV));
        a2 = a2.add(term(kind, a, ao, b, bo, x, xo, cv, j + 2 * RV));
        a3 = a3.add(term(kind, a, ao, b, bo, x, xo, cv, j + 3 * RV));
        a4 = a4.add(term(kind, a, ao, b, bo, x, xo, cv, j + 4 * RV));
        a5 = a5.add(term(kind, a, ao, b, bo, x, xo, cv, j + 5 * RV));
        a6 = a6.add(term(kind, a, ao, b, bo, x, xo, cv, j + 6 * RV));
        a7 = a7.add(term(kind, a, ao, b, bo, x, xo, cv, j + 7 * RV));
      }
      a0.add(a4).add(a2.add(a6)).intoArray(q, 0);
      a1.add(a5).add(a3.add(a7)).intoArray(q, RV);
    } else {
      FloatVector a0 = FloatVector.zero(R);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      FloatVector a4 = a0;
      FloatVector a5 = a0;
      FloatVector a6 = a0;
      FloatVector a7 = a0;
      FloatVector a8 = a0;
      FloatVector a9 = a0;
      FloatVector a10 = a0;
      FloatVector a11 = a0;
      FloatVector a12 = a0;
      FloatVector a13 = a0;
      FloatVector a14 = a0;
      FloatVector a15 = a0;
      for (int j = 0; j < n32; j += P) {
        a0 = a0.add(term(kind, a, ao, b, bo, x, xo, cv, j));
        a1 = a1.add(term(kind, a, ao, b, bo, x, xo, cv, j + RV));
        a2 = a2.add(term(kind, a, ao, b, bo, x, xo, cv, j + 2 * RV));
        a3 = a3.add(term(kind, a, ao, b, bo, x, xo, cv, j + 3 * RV));
        a4 = a4.add(term(kind, a, ao, b, bo, x, xo, cv, j + 4 * RV));
        a5 = a5.add(term(kind, a, ao, b, bo, x, xo, cv, j + 5 * RV));
        a6 = a6.add(term(kind, a, ao, b, bo, x, xo, cv, j + 6 * RV));
        a7 = a7.add(term(kind, a, ao, b, bo, x, xo, cv, j + 7 * RV));
        a8 = a8.add(term(kind, a, ao, b, bo, x, xo, cv, j + 8 * RV));
        a9 = a9.add(term(kind, a, ao, b, bo, x, xo, cv, j + 9 * RV));
        a10 = a10.add(term(kind, a, ao, b, bo, x, xo, cv, j + 10 * RV));
        a11 = a11.add(term(kind, a, ao, b, bo, x, xo, cv, j + 11 * RV));
        a12 = a12.add(term(kind, a, ao, b, bo, x, xo, cv, j + 12 * RV));
        a13 = a13.add(term(kind, a, ao, b, bo, x, xo, cv, j + 13 * RV));
        a14 = a14.add(term(kind, a, ao, b, bo, x, xo, cv, j + 14 * RV));
        a15 = a15.add(term(kind, a, ao, b, bo, x, xo, cv, j + 15 * RV));
      }
      a0.add(a8).add(a4.add(a12)).intoArray(q, 0);
      a1.add(a9).add(a5.add(a13)).intoArray(q, RV);
      a2.add(a10).add(a6.add(a14)).intoArray(q, 2 * RV);
      a3.add(a11).add(a7.add(a15)).intoArray(q, 3 * RV);
    }
    float s = fold(q, 0);
    for (int j = n32; j < n; j++) {
      float t = a[ao + j];
      if (kind == SQUARED_DEVIATION) {
        t = (t - c) * (t - c);
      } else if (kind >= PRODUCT) {
        t *= b[bo + j];
        if (kind == TRIPLE_PRODUCT) {
          t *= x[xo + j];
        }
      }
      s += t;
    }
    return s;
  }

  /**
   * {@link #sum} of a * b (into q[0]) and of a * b * x (into q[1]) in one pass, each in the same
   * order and to the same bits as {@link #sum} with PRODUCT and TRIPLE_PRODUCT. {@code q} is
   * scratch of {@link #SCRATCH} values.
   */
  static void sumProducts(float[] a, int ao, float[] b, int bo, float[] x, int xo, int n, float[] q) {
    int n32 = n & -P;
    if (R.vectorBitSize() == 512) {
      FloatVector s0 = FloatVector.zero(R);
      FloatVector s1 = s0;
      FloatVector s2 = s0;
      FloatVector s3 = s0;
      FloatVector t0 = s0;
      FloatVector t1 = s0;
      FloatVector t2 = s0;
      FloatVector t3 = s0;
      for (int j = 0; j < n32; j += P) {
        FloatVector p0 = FloatVector.fromArray(R, a, ao + j).mul(FloatVector.fromArray(R, b, bo + j));
        s0 = s0.add(p0);
        t0 = t0.add(p0.mul(FloatVector.fromArray(R, x, xo + j)));
        FloatVector p1 = FloatVector.fromArray(R, a, ao + j + RV).mul(FloatVector.fromArray(R, b, bo + j + RV));
        s1 = s1.add(p1);
        t1 = t1.add(p1.mul(FloatVector.fromArray(R, x, xo + j + RV)));
        FloatVector p2 = FloatVector.fromArray(R, a, ao + j + 2 * RV).mul(FloatVector.fromArray(R, b, bo + j + 2 * RV));
        s2 = s2.add(p2);
        t2 = t2.add(p2.mul(FloatVector.fromArray(R, x, xo + j + 2 * RV)));
        FloatVector p3 = FloatVector.fromArray(R, a, ao + j + 3 * RV).mul(FloatVector.fromArray(R, b, bo + j + 3 * RV));
        s3 = s3.add(p3);
        t3 = t3.add(p3.mul(FloatVector.fromArray(R, x, xo + j + 3 * RV)));
      }
      s0.add(s2).add(s1.add(s3)).intoArray(q, 0);
      t0.add(t2).add(t1.add(t3)).intoArray(q, Q);
    } else if (R.vectorBitSize() == 256) {
      FloatVector s0 = FloatVector.zero(R);
      FloatVector s1 = s0;
      FloatVector s2 = s0;
      FloatVector s3 = s0;
      FloatVector s4 = s0;
      FloatVector s5 = s0;
      FloatVector s6 = s0;
      FloatVector s7 = s0;
      FloatVector t0 = s0;
      FloatVector t1 = s0;
      FloatVector t2 = s0;
      FloatVector t3 = s0;
      FloatVector t4 = s0;
      FloatVector t5 = s0;
      FloatVector t6 = s0;
      FloatVector t7 = s0;
      for (int j = 0; j < n32; j += P) {
        FloatVector p0 = FloatVector.fromArray(R, a, ao + j).mul(FloatVector.fromArray(R, b, bo + j));
        s0 = s0.add(p0);
        t0 = t0.add(p0.mul(FloatVector.fromArray(R, x, xo + j)));
        FloatVector p1 = FloatVector.fromArray(R, a, ao + j + RV).mul(FloatVector.fromArray(R, b, bo + j + RV));
        s1 = s1.add(p1);
        t1 = t1.add(p1.mul(FloatVector.fromArray(R, x, xo + j + RV)));
        FloatVector p2 = FloatVector.fromArray(R, a, ao + j + 2 * RV).mul(FloatVector.fromArray(R, b, bo + j + 2 * RV));
        s2 = s2.add(p2);
        t2 = t2.add(p2.mul(FloatVector.fromArray(R, x, xo + j + 2 * RV)));
        FloatVector p3 = FloatVector.fromArray(R, a, ao + j + 3 * RV).mul(FloatVector.fromArray(R, b, bo + j + 3 * RV));
        s3 = s3.add(p3);
        t3 = t3.add(p3.mul(FloatVector.fromArray(R, x, xo + j + 3 * RV)));
        FloatVector p4 = FloatVector.fromArray(R, a, ao + j + 4 * RV).mul(FloatVector.fromArray(R, b, bo + j + 4 * RV));
        s4 = s4.add(p4);
        t4 = t4.add(p4.mul(FloatVector.fromArray(R, x, xo + j + 4 * RV)));
        FloatVector p5 = FloatVector.fromArray(R, a, ao + j + 5 * RV).mul(FloatVector.fromArray(R, b, bo + j + 5 * RV));
        s5 = s5.add(p5);
        t5 = t5.add(p5.mul(FloatVector.fromArray(R, x, xo + j + 5 * RV)));
        FloatVector p6 = FloatVector.fromArray(R, a, ao + j + 6 * RV).mul(FloatVector.fromArray(R, b, bo + j + 6 * RV));
        s6 = s6.add(p6);
        t6 = t6.add(p6.mul(FloatVector.fromArray(R, x, xo + j + 6 * RV)));
        FloatVector p7 = FloatVector.fromArray(R, a, ao + j + 7 * RV).mul(FloatVector.fromArray(R, b, bo + j + 7 * RV));
        s7 = s7.add(p7);
        t7 = t7.add(p7.mul(FloatVector.fromArray(R, x, xo + j + 7 * RV)));
      }
      s0.add(s4).add(s2.add(s6)).intoArray(q, 0);
      s1.add(s5).add(s3.add(s7)).intoArray(q, RV);
      t0.add(t4).add(t2.add(t6)).intoArray(q, Q);
      t1.add(t5).add(t3.add(t7)).intoArray(q, Q + RV);
    } else {
      FloatVector s0 = FloatVector.zero(R);
      FloatVector s1 = s0;
      FloatVector s2 = s0;
      FloatVector s3 = s0;
      FloatVector s4 = s0;
      FloatVector s5 = s0;
      FloatVector s6 = s0;
      FloatVector s7 = s0;
      FloatVector s8 = s0;
      FloatVector s9 = s0;
      FloatVector s10 = s0;
      FloatVector s11 = s0;
      FloatVector s12 = s0;
      FloatVector s13 = s0;
      FloatVector s14 = s0;
      FloatVector s15 = s0;
      FloatVector t0 = s0;
      FloatVector t1 = s0;
      FloatVector t2 = s0;
      FloatVector t3 = s0;
      FloatVector t4 = s0;
      FloatVector t5 = s0;
      FloatVector t6 = s0;
      FloatVector t7 = s0;
      FloatVector t8 = s0;
      FloatVector t9 = s0;
      FloatVector t10 = s0;
      FloatVector t11 = s0;
      FloatVector t12 = s0;
      FloatVector t13 = s0;
      FloatVector t14 = s0;
      FloatVector t15 = s0;
      for (int j = 0; j < n32; j += P) {
        FloatVector p0 = FloatVector.fromArray(R, a, ao + j).mul(FloatVector.fromArray(R, b, bo + j));
        s0 = s0.add(p0);
        t0 = t0.add(p0.mul(FloatVector.fromArray(R, x, xo + j)));
        FloatVector p1 = FloatVector.fromArray(R, a, ao + j + RV).mul(FloatVector.fromArray(R, b, bo + j + RV));
        s1 = s1.add(p1);
        t1 = t1.add(p1.mul(FloatVector.fromArray(R, x, xo + j + RV)));
        FloatVector p2 = FloatVector.fromArray(R, a, ao + j + 2 * RV).mul(FloatVector.fromArray(R, b, bo + j + 2 * RV));
        s2 = s2.add(p2);
        t2 = t2.add(p2.mul(FloatVector.fromArray(R, x, xo + j + 2 * RV)));
        FloatVector p3 = FloatVector.fromArray(R, a, ao + j + 3 * RV).mul(FloatVector.fromArray(R, b, bo + j + 3 * RV));
        s3 = s3.add(p3);
        t3 = t3.add(p3.mul(FloatVector.fromArray(R, x, xo + j + 3 * RV)));
        FloatVector p4 = FloatVector.fromArray(R, a, ao + j + 4 * RV).mul(FloatVector.fromArray(R, b, bo + j + 4 * RV));
        s4 = s4.add(p4);
        t4 = t4.add(p4.mul(FloatVector.fromArray(R, x, xo + j + 4 * RV)));
        FloatVector p5 = FloatVector.fromArray(R, a, ao + j + 5 * RV).mul(FloatVector.fromArray(R, b, bo + j + 5 * RV));
        s5 = s5.add(p5);
        t5 = t5.add(p5.mul(FloatVector.fromArray(R, x, xo + j + 5 * RV)));
        FloatVector p6 = FloatVector.fromArray(R, a, ao + j + 6 * RV).mul(FloatVector.fromArray(R, b, bo + j + 6 * RV));
        s6 = s6.add(p6);
        t6 = t6.add(p6.mul(FloatVector.fromArray(R, x, xo + j + 6 * RV)));
        FloatVector p7 = FloatVector.fromArray(R, a, ao + j + 7 * RV).mul(FloatVector.fromArray(R, b, bo + j + 7 * RV));
        s7 = s7.add(p7);
        t7 = t7.add(p7.mul(FloatVector.fromArray(R, x, xo + j + 7 * RV)));
        FloatVector p8 = FloatVector.fromArray(R, a, ao + j + 8 * RV).mul(FloatVector.fromArray(R, b, bo + j + 8 * RV));
        s8 = s8.add(p8);
        t8 = t8.add(p8.mul(FloatVector.fromArray(R, x, xo + j + 8 * RV)));
        FloatVector p9 = FloatVector.fromArray(R, a, ao + j + 9 * RV).mul(FloatVector.fromArray(R, b, bo + j + 9 * RV));
        s9 = s9.add(p9);
        t9 = t9.add(p9.mul(FloatVector.fromArray(R, x, xo + j + 9 * RV)));
        FloatVector p10 = FloatVector.fromArray(R, a, ao + j + 10 * RV).mul(FloatVector.fromArray(R, b, bo + j + 10 * RV));
        s10 = s10.add(p10);
        t10 = t10.add(p10.mul(FloatVector.fromArray(R, x, xo + j + 10 * RV)));
        FloatVector p11 = FloatVector.fromArray(R, a, ao + j + 11 * RV).mul(FloatVector.fromArray(R, b, bo + j + 11 * RV));
        s11 = s11.add(p11);
        t11 = t11.add(p11.mul(FloatVector.fromArray(R, x, xo + j + 11 * RV)));
        FloatVector p12 = FloatVector.fromArray(R, a, ao + j + 12 * RV).mul(FloatVector.fromArray(R, b, bo + j + 12 * RV));
        s12 = s12.add(p12);
        t12 = t12.add(p12.mul(FloatVector.fromArray(R, x, xo + j + 12 * RV)));
        FloatVector p13 = FloatVector.fromArray(R, a, ao + j + 13 * RV).mul(FloatVector.fromArray(R, b, bo + j + 13 * RV));
        s13 = s13.add(p13);
        t13 = t13.add(p13.mul(FloatVector.fromArray(R, x, xo + j + 13 * RV)));
        FloatVector p14 = FloatVector.fromArray(R, a, ao + j + 14 * RV).mul(FloatVector.fromArray(R, b, bo + j + 14 * RV));
        s14 = s14.add(p14);
        t14 = t14.add(p14.mul(FloatVector.fromArray(R, x, xo + j + 14 * RV)));
        FloatVector p15 = FloatVector.fromArray(R, a, ao + j + 15 * RV).mul(FloatVector.fromArray(R, b, bo + j + 15 * RV));
        s15 = s15.add(p15);
        t15 = t15.add(p15.mul(FloatVector.fromArray(R, x, xo + j + 15 * RV)));
      }
      s0.add(s8).add(s4.add(s12)).intoArray(q, 0);
      s1.add(s9).add(s5.add(s13)).intoArray(q, RV);
      s2.add(s10).add(s6.add(s14)).intoArray(q, 2 * RV);
      s3.add(s11).add(s7.add(s15)).intoArray(q, 3 * RV);
      t0.add(t8).add(t4.add(t12)).intoArray(q, Q);
      t1.add(t9).add(t5.add(t13)).intoArray(q, Q + RV);
      t2.add(t10).add(t6.add(t14)).intoArray(q, Q + 2 * RV);
      t3.add(t11).add(t7.add(t15)).intoArray(q, Q + 3 * RV);
    }
    float su = fold(q, 0);
    float sv = fold(q, Q);
    for (int j = n32; j < n; j++) {
      float t = a[ao + j] * b[bo + j];
      su += t;
      sv += t * x[xo + j];
    }
    q[0] = su;
    q[1] = sv;
  }

  /**
   * The pairwise sum of the Q values at q[o] (overwritten): for 8 values
   * ((q0 + q1) + (q2 + q3)) + ((q4 + q5) + (q6 + q7)), the same tree for 16.
   */
  private static float fold(float[] q, int o) {
    for (int w = Q / 2; w >= 1; w /= 2) {
      for (int i = 0; i < w; i++) {
        q[o + i] = q[o + 2 * i] + q[o + 2 * i + 1];
      }
    }
    return q[o];
  }

  /** The terms j .. j + RV of {@link #sum}: small, so that C2 inlines it (vectors stay unboxed). */
  private static FloatVector term(int kind, float[] a, int ao, float[] b, int bo, float[] x, int xo,
                                   FloatVector cv, int j) {
    FloatVector t = FloatVector.fromArray(R, a, ao + j);
    if (kind == SQUARED_DEVIATION) {
      t = t.sub(cv).mul(t.sub(cv));
    } else if (kind >= PRODUCT) {
      t = t.mul(FloatVector.fromArray(R, b, bo + j));
      if (kind == TRIPLE_PRODUCT) {
        t = t.mul(FloatVector.fromArray(R, x, xo + j));
      }
    }
    return t;
  }

  /**
   * Layer norm's output for one row: xh = (src - mean) * r (stored unless xh is null), then
   * dst = gain * xh + bias1 (+ bias2), gain and biases at go, b1, b2 in p. dst may be src.
   */
  static void layerForward(float[] src, int so, float mean, float r, float[] xh, int xo, float[] p,
                           int go, int b1, int b2, float[] dst, int d, int n) {
    int j = 0;
    FloatVector mv = FloatVector.broadcast(S, mean);
    FloatVector rv = FloatVector.broadcast(S, r);
    for (int vb = S.loopBound(n); j < vb; j += V) {
      FloatVector x = FloatVector.fromArray(S, src, so + j).sub(mv).mul(rv);
      if (xh != null) {
        x.intoArray(xh, xo + j);
      }
      FloatVector y = FloatVector.fromArray(S, p, go + j).mul(x).add(FloatVector.fromArray(S, p, b1 + j));
      if (b2 >= 0) {
        y = y.add(FloatVector.fromArray(S, p, b2 + j));
      }
      y.intoArray(dst, d + j);
    }
    for (; j < n; j++) {
      float x = (src[so + j] - mean) * r;
      if (xh != null) {
        xh[xo + j] = x;
      }
      float y = p[go + j] * x + p[b1 + j];
      if (b2 >= 0) {
        y += p[b2 + j];
      }
      dst[d + j] = y;
    }
  }

  /** x̂ of one row again: xh = (src - mean) * r, as {@link #layerForward} computed it. */
  static void centreScale(float[] src, int so, float mean, float r, float[] xh, int xo, int n) {
    int j = 0;
    FloatVector mv = FloatVector.broadcast(S, mean);
    FloatVector rv = FloatVector.broadcast(S, r);
    for (int vb = S.loopBound(n); j < vb; j += V) {
      FloatVector.fromArray(S, src, so + j).sub(mv).mul(rv).intoArray(xh, xo + j);
    }
    for (; j < n; j++) {
      xh[xo + j] = (src[so + j] - mean) * r;
    }
  }

  /**
   * Layer norm's dL/dx for one row, mg = mean(dy * gain) and mgx = mean(dy * gain * xh) given:
   * out = r * ((dy * gain - mg) - xh * mgx). out may be dy or xh (each element is read first).
   */
  static void layerInputGradient(float[] dy, int dyo, float[] p, int go, float[] xh, int xo, float r,
                                 float mg, float mgx, float[] out, int oo, int n) {
    int j = 0;
    FloatVector rv = FloatVector.broadcast(S, r);
    FloatVector mgv = FloatVector.broadcast(S, mg);
    FloatVector mgxv = FloatVector.broadcast(S, mgx);
    for (int vb = S.loopBound(n); j < vb; j += V) {
      FloatVector g = FloatVector.fromArray(S, dy, dyo + j).mul(FloatVector.fromArray(S, p, go + j));
      FloatVector x = FloatVector.fromArray(S, xh, xo + j);
      rv.mul(g.sub(mgv).sub(x.mul(mgxv))).intoArray(out, oo + j);
    }
    for (; j < n; j++) {
      float g = dy[dyo + j] * p[go + j];
      out[oo + j] = r * ((g - mg) - xh[xo + j] * mgx);
    }
  }

  /** acc[ao+j] += src[so+j]: a row's part of a column sum (rows in order). */
  static void addRow(float[] acc, int ao, float[] src, int so, int n) {
    int j = 0;
    for (int vb = S.loopBound(n); j < vb; j += V) {
      FloatVector.fromArray(S, acc, ao + j).add(FloatVector.fromArray(S, src, so + j)).intoArray(acc, ao + j);
    }
    for (; j < n; j++) {
      acc[ao + j] += src[so + j];
    }
  }

  /** acc[ao+j] += (src[so+j] - mean[mo+j])^2. */
  static void addSquaredDeviation(float[] acc, int ao, float[] src, int so, float[] mean, int mo, int n) {
    int j = 0;
    for (int vb = S.loopBound(n); j < vb; j += V) {
      FloatVector d = FloatVector.fromArray(S, src, so + j).sub(FloatVector.fromArray(S, mean, mo + j));
      FloatVector.fromArray(S, acc, ao + j).add(d.mul(d)).intoArray(acc, ao + j);
    }
    for (; j < n; j++) {
      float d = src[so + j] - mean[mo + j];
      acc[ao + j] += d * d;
    }
  }

  /** acc[ao+j] += ((x0 + x1) + (x2 + x3)), x_i = src[o_i + j]: four rows of a column sum at once. */
  static void addRows4(float[] acc, int ao, float[] src, int o0, int o1, int o2, int o3, int n) {
    int j = 0;
    for (int vb = S.loopBound(n); j < vb; j += V) {
      FloatVector x01 = FloatVector.fromArray(S, src, o0 + j).add(FloatVector.fromArray(S, src, o1 + j));
      FloatVector x23 = FloatVector.fromArray(S, src, o2 + j).add(FloatVector.fromArray(S, src, o3 + j));
      FloatVector.fromArray(S, acc, ao + j).add(x01.add(x23)).intoArray(acc, ao + j);
    }
    for (; j < n; j++) {
      acc[ao + j] += (src[o0 + j] + src[o1 + j]) + (src[o2 + j] + src[o3 + j]);
    }
  }

  /** acc[ao+j] += ((d0^2 + d1^2) + (d2^2 + d3^2)), d_i = src[o_i + j] - mean[mo + j]. */
  static void addSquaredDeviations4(float[] acc, int ao, float[] src, int o0, int o1, int o2, int o3,
                                    float[] mean, int mo, int n) {
    int j = 0;
    for (int vb = S.loopBound(n); j < vb; j += V) {
      FloatVector m = FloatVector.fromArray(S, mean, mo + j);
      FloatVector d0 = FloatVector.fromArray(S, src, o0 + j).sub(m);
      FloatVector d1 = FloatVector.fromArray(S, src, o1 + j).sub(m);
      FloatVector d2 = FloatVector.fromArray(S, src, o2 + j).sub(m);
      FloatVector d3 = FloatVector.fromArray(S, src, o3 + j).sub(m);
      FloatVector q = d0.mul(d0).add(d1.mul(d1)).add(d2.mul(d2).add(d3.mul(d3)));
      FloatVector.fromArray(S, acc, ao + j).add(q).intoArray(acc, ao + j);
    }
    for (; j < n; j++) {
      float m = mean[mo + j];
      float d0 = src[o0 + j] - m;
      float d1 = src[o1 + j] - m;
      float d2 = src[o2 + j] - m;
      float d3 = src[o3 + j] - m;
      acc[ao + j] += (d0 * d0 + d1 * d1) + (d2 * d2 + d3 * d3);
    }
  }

  /** s1[j] += ((dy0 + dy1) + (dy2 + dy3)), s2[j] += ((dy0 x0 + dy1 x1) + (dy2 x2 + dy3 x3)): four rows. */
  static void gradientSums4(float[] dy, int d0, int d1, int d2, int d3, float[] xh, int x0, int x1, int x2,
                            int x3, float[] s1, float[] s2, int n) {
    int j = 0;
    for (int vb = S.loopBound(n); j < vb; j += V) {
      FloatVector g0 = FloatVector.fromArray(S, dy, d0 + j);
      FloatVector g1 = FloatVector.fromArray(S, dy, d1 + j);
      FloatVector g2 = FloatVector.fromArray(S, dy, d2 + j);
      FloatVector g3 = FloatVector.fromArray(S, dy, d3 + j);
      FloatVector.fromArray(S, s1, j).add(g0.add(g1).add(g2.add(g3))).intoArray(s1, j);
      FloatVector p01 = g0.mul(FloatVector.fromArray(S, xh, x0 + j)).add(g1.mul(FloatVector.fromArray(S, xh, x1 + j)));
      FloatVector p23 = g2.mul(FloatVector.fromArray(S, xh, x2 + j)).add(g3.mul(FloatVector.fromArray(S, xh, x3 + j)));
      FloatVector.fromArray(S, s2, j).add(p01.add(p23)).intoArray(s2, j);
    }
    for (; j < n; j++) {
      float g0 = dy[d0 + j];
      float g1 = dy[d1 + j];
      float g2 = dy[d2 + j];
      float g3 = dy[d3 + j];
      s1[j] += (g0 + g1) + (g2 + g3);
      s2[j] += (g0 * xh[x0 + j] + g1 * xh[x1 + j]) + (g2 * xh[x2 + j] + g3 * xh[x3 + j]);
    }
  }

  /** grads[go+j] += s2[j], grads[b1+j] (and b2) += s1[j]: a step's gain and bias gradients. */
  static void addGradients(float[] grads, int go, int b1, int b2, float[] s1, float[] s2, int n) {
    int j = 0;
    for (int vb = S.loopBound(n); j < vb; j += V) {
      FloatVector x1 = FloatVector.fromArray(S, s1, j);
      FloatVector.fromArray(S, grads, go + j).add(FloatVector.fromArray(S, s2, j)).intoArray(grads, go + j);
      FloatVector.fromArray(S, grads, b1 + j).add(x1).intoArray(grads, b1 + j);
      if (b2 >= 0) {
        FloatVector.fromArray(S, grads, b2 + j).add(x1).intoArray(grads, b2 + j);
      }
    }
    for (; j < n; j++) {
      grads[go + j] += s2[j];
      grads[b1 + j] += s1[j];
      if (b2 >= 0) {
        grads[b2 + j] += s1[j];
      }
    }
  }

  /** a[ao+j] /= d. */
  static void divide(float[] a, int ao, float d, int n) {
    int j = 0;
    for (int vb = S.loopBound(n); j < vb; j += V) {
      FloatVector.fromArray(S, a, ao + j).div(d).intoArray(a, ao + j);
    }
    for (; j < n; j++) {
      a[ao + j] /= d;
    }
  }

  /**
   * From the variance, per column: rstd = 1 / sqrt(var + eps), and the running statistics
   * (rm, rv at ro): set to the batch's if {@code first}, else (1 - momentum) * running + momentum
   * * batch (momentum: the batch's weight); the variance unbiased, var * nv / (nv - 1), and left
   * alone when nv = 1.
   */
  static void batchFinish(float[] mean, float[] var, float[] rstd, int mo, float eps, int nv, boolean first,
                          float momentum, float[] rm, float[] rv, int ro, int n) {
    int j = 0;
    float keep = 1.0f - momentum;
    float bessel = nv > 1 ? (float) nv / (nv - 1) : 0.0f;
    boolean updateVar = nv > 1;
    FloatVector one = FloatVector.broadcast(S, 1.0f);
    for (int vb = S.loopBound(n); j < vb; j += V) {
      FloatVector v = FloatVector.fromArray(S, var, mo + j);
      one.div(v.add(eps).sqrt()).intoArray(rstd, mo + j);
      FloatVector m = FloatVector.fromArray(S, mean, mo + j);
      FloatVector u = v.mul(bessel);
      if (first) {
        m.intoArray(rm, ro + j);
        if (updateVar) {
          u.intoArray(rv, ro + j);
        }
      } else {
        FloatVector.fromArray(S, rm, ro + j).mul(keep).add(m.mul(momentum)).intoArray(rm, ro + j);
        if (updateVar) {
          FloatVector.fromArray(S, rv, ro + j).mul(keep).add(u.mul(momentum)).intoArray(rv, ro + j);
        }
      }
    }
    for (; j < n; j++) {
      float v = var[mo + j];
      rstd[mo + j] = 1.0f / (float) Math.sqrt(v + eps);
      float m = mean[mo + j];
      float u = v * bessel;
      if (first) {
        rm[ro + j] = m;
        if (updateVar) {
          rv[ro + j] = u;
        }
      } else {
        rm[ro + j] = rm[ro + j] * keep + m * momentum;
        if (updateVar) {
          rv[ro + j] = rv[ro + j] * keep + u * momentum;
        }
      }
    }
  }

  /** Evaluation: mean = rm and rstd = 1 / sqrt(rv + eps), per column. */
  static void populationStatistics(float[] rm, float[] rv, int ro, float eps, float[] mean, float[] rstd,
                                   int mo, int n) {
    int j = 0;
    FloatVector one = FloatVector.broadcast(S, 1.0f);
    for (int vb = S.loopBound(n); j < vb; j += V) {
      FloatVector.fromArray(S, rm, ro + j).intoArray(mean, mo + j);
      one.div(FloatVector.fromArray(S, rv, ro + j).add(eps).sqrt()).intoArray(rstd, mo + j);
    }
    for (; j < n; j++) {
      mean[mo + j] = rm[ro + j];
      rstd[mo + j] = 1.0f / (float) Math.sqrt(rv[ro + j] + eps);
    }
  }

  /**
   * Batch norm of one row: xh = (src - mean) * rstd (per column, at mo; stored unless xh is
   * null), then dst = gain * xh + bias1 (+ bias2).
   */
  static void batchRow(float[] src, int so, float[] mean, float[] rstd, int mo, float[] xh, int xo,
                       float[] p, int go, int b1, int b2, float[] dst, int d, int n) {
    int j = 0;
    for (int vb = S.loopBound(n); j < vb; j += V) {
      FloatVector x = FloatVector.fromArray(S, src, so + j).sub(FloatVector.fromArray(S, mean, mo + j))
          .mul(FloatVector.fromArray(S, rstd, mo + j));
      if (xh != null) {
        x.intoArray(xh, xo + j);
      }
      FloatVector y = FloatVector.fromArray(S, p, go + j).mul(x).add(FloatVector.fromArray(S, p, b1 + j));
      if (b2 >= 0) {
        y = y.add(FloatVector.fromArray(S, p, b2 + j));
      }
      y.intoArray(dst, d + j);
    }
    for (; j < n; j++) {
      float x = (src[so + j] - mean[mo + j]) * rstd[mo + j];
      if (xh != null) {
        xh[xo + j] = x;
      }
      float y = p[go + j] * x + p[b1 + j];
      if (b2 >= 0) {
        y += p[b2 + j];
      }
      dst[d + j] = y;
    }
  }

  /** x̂ of one row again: xh = (src - mean) * rstd per column, as {@link #batchRow} computed it. */
  static void normaliseRow(float[] src, int so, float[] mean, float[] rstd, int mo, float[] xh, int xo, int n) {
    int j = 0;
    for (int vb = S.loopBound(n); j < vb; j += V) {
      FloatVector.fromArray(S, src, so + j).sub(FloatVector.fromArray(S, mean, mo + j))
          .mul(FloatVector.fromArray(S, rstd, mo + j)).intoArray(xh, xo + j);
    }
    for (; j < n; j++) {
      xh[xo + j] = (src[so + j] - mean[mo + j]) * rstd[mo + j];
    }
  }

  /** One row of the gradient sums: s1[j] += dy, s2[j] += dy * xh. */
  static void gradientSums(float[] dy, int dyo, float[] xh, int xo, float[] s1, float[] s2, int n) {
    int j = 0;
    for (int vb = S.loopBound(n); j < vb; j += V) {
      FloatVector d = FloatVector.fromArray(S, dy, dyo + j);
      FloatVector.fromArray(S, s1, j).add(d).intoArray(s1, j);
      FloatVector.fromArray(S, s2, j).add(d.mul(FloatVector.fromArray(S, xh, xo + j))).intoArray(s2, j);
    }
    for (; j < n; j++) {
      float d = dy[dyo + j];
      s1[j] += d;
      s2[j] += d * xh[xo + j];
    }
  }

  /**
   * Batch norm's backward factors, per column: a = gain * rstd, and s1, s2 become the means
   * s1 / nv, s2 / nv if {@code batchStats}, else 0 (evaluation: the statistics are constants).
   */
  static void batchBackwardFactors(float[] p, int go, float[] rstd, int mo, int nv, boolean batchStats,
                                   float[] s1, float[] s2, float[] a, int n) {
    int j = 0;
    float inv = batchStats ? 1.0f / nv : 0.0f;
    for (int vb = S.loopBound(n); j < vb; j += V) {
      FloatVector.fromArray(S, p, go + j).mul(FloatVector.fromArray(S, rstd, mo + j)).intoArray(a, j);
      FloatVector.fromArray(S, s1, j).mul(inv).intoArray(s1, j);
      FloatVector.fromArray(S, s2, j).mul(inv).intoArray(s2, j);
    }
    for (; j < n; j++) {
      a[j] = p[go + j] * rstd[mo + j];
      s1[j] *= inv;
      s2[j] *= inv;
    }
  }

  /** Batch norm's dL/dx for one row: out = a * ((dy - mdy) - xh * mdyx), per column at ao. */
  static void batchInputGradient(float[] dy, int dyo, float[] xh, int xo, float[] a, float[] mdy,
                                 float[] mdyx, int ao, float[] out, int oo, int n) {
    int j = 0;
    for (int vb = S.loopBound(n); j < vb; j += V) {
      FloatVector d = FloatVector.fromArray(S, dy, dyo + j).sub(FloatVector.fromArray(S, mdy, ao + j));
      FloatVector x = FloatVector.fromArray(S, xh, xo + j).mul(FloatVector.fromArray(S, mdyx, ao + j));
      FloatVector.fromArray(S, a, ao + j).mul(d.sub(x)).intoArray(out, oo + j);
    }
    for (; j < n; j++) {
      out[oo + j] = a[ao + j] * ((dy[dyo + j] - mdy[ao + j]) - xh[xo + j] * mdyx[ao + j]);
    }
  }
}
