package org.rnnlab.engine.norm;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector loops of layer and batch normalisation. Every elementwise loop runs the same
 * operations per lane as its scalar tail, so results do not depend on the vector width. The one
 * reduction along a row, {@link #sum}, adds in an order fixed independently of the width too:
 * 16 interleaved partial sums, then a fixed tree, then the tail.
 *
 * <p>Bias offsets of -1 mean "no such bias"; the test on it is loop-invariant (C2 unswitches it).
 */
final class NormKernels {
  private NormKernels() {}

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int V = S.length();
  /** The species of {@link #sum}: 8, 4 or 2 lanes, whichever is nearest the preferred width. */
  private static final VectorSpecies<Double> R = V >= 8 ? DoubleVector.SPECIES_512
      : V == 4 ? DoubleVector.SPECIES_256 : DoubleVector.SPECIES_128;
  private static final int RV = R.length();

  /**
   * a[off] + ... + a[off+n-1] in a fixed order: partial sums p_k = sum_i a[16 i + k] (k &lt; 16,
   * i ascending, over the first n - n % 16 values), q_k = p_k + p_{k+8}, then
   * ((q0+q1)+(q2+q3))+((q4+q5)+(q6+q7)), then the last n % 16 values one at a time. Sixteen
   * partials keep the vector adds out of one another's way (latency), and are the same sums at
   * 8, 4 or 2 lanes.
   */
  static double sum(double[] a, int off, int n) {
    int n16 = n & ~15;
    double q0;
    double q1;
    double q2;
    double q3;
    double q4;
    double q5;
    double q6;
    double q7;
    if (RV == 8) {
      DoubleVector a0 = DoubleVector.zero(R);
      DoubleVector a1 = a0;
      for (int j = 0; j < n16; j += 16) {
        a0 = a0.add(DoubleVector.fromArray(R, a, off + j));
        a1 = a1.add(DoubleVector.fromArray(R, a, off + j + 8));
      }
      DoubleVector q = a0.add(a1);
      q0 = q.lane(0);
      q1 = q.lane(1);
      q2 = q.lane(2);
      q3 = q.lane(3);
      q4 = q.lane(4);
      q5 = q.lane(5);
      q6 = q.lane(6);
      q7 = q.lane(7);
    } else if (RV == 4) {
      DoubleVector a0 = DoubleVector.zero(R);
      DoubleVector a1 = a0;
      DoubleVector a2 = a0;
      DoubleVector a3 = a0;
      for (int j = 0; j < n16; j += 16) {
        a0 = a0.add(DoubleVector.fromArray(R, a, off + j));
        a1 = a1.add(DoubleVector.fromArray(R, a, off + j + 4));
        a2 = a2.add(DoubleVector.fromArray(R, a, off + j + 8));
        a3 = a3.add(DoubleVector.fromArray(R, a, off + j + 12));
      }
      DoubleVector qa = a0.add(a2);
      DoubleVector qb = a1.add(a3);
      q0 = qa.lane(0);
      q1 = qa.lane(1);
      q2 = qa.lane(2);
      q3 = qa.lane(3);
      q4 = qb.lane(0);
      q5 = qb.lane(1);
      q6 = qb.lane(2);
      q7 = qb.lane(3);
    } else {
      DoubleVector a0 = DoubleVector.zero(R);
      DoubleVector a1 = a0;
      DoubleVector a2 = a0;
      DoubleVector a3 = a0;
      DoubleVector a4 = a0;
      DoubleVector a5 = a0;
      DoubleVector a6 = a0;
      DoubleVector a7 = a0;
      for (int j = 0; j < n16; j += 16) {
        a0 = a0.add(DoubleVector.fromArray(R, a, off + j));
        a1 = a1.add(DoubleVector.fromArray(R, a, off + j + 2));
        a2 = a2.add(DoubleVector.fromArray(R, a, off + j + 4));
        a3 = a3.add(DoubleVector.fromArray(R, a, off + j + 6));
        a4 = a4.add(DoubleVector.fromArray(R, a, off + j + 8));
        a5 = a5.add(DoubleVector.fromArray(R, a, off + j + 10));
        a6 = a6.add(DoubleVector.fromArray(R, a, off + j + 12));
        a7 = a7.add(DoubleVector.fromArray(R, a, off + j + 14));
      }
      DoubleVector qa = a0.add(a4);
      DoubleVector qb = a1.add(a5);
      DoubleVector qc = a2.add(a6);
      DoubleVector qd = a3.add(a7);
      q0 = qa.lane(0);
      q1 = qa.lane(1);
      q2 = qb.lane(0);
      q3 = qb.lane(1);
      q4 = qc.lane(0);
      q5 = qc.lane(1);
      q6 = qd.lane(0);
      q7 = qd.lane(1);
    }
    double s = ((q0 + q1) + (q2 + q3)) + ((q4 + q5) + (q6 + q7));
    for (int j = n16; j < n; j++) {
      s += a[off + j];
    }
    return s;
  }

  /** xh[xo+j] = src[so+j] - mean and sq[j] = xh^2, for j &lt; n. */
  static void centre(double[] src, int so, double mean, double[] xh, int xo, double[] sq, int n) {
    int j = 0;
    DoubleVector m = DoubleVector.broadcast(S, mean);
    for (int vb = S.loopBound(n); j < vb; j += V) {
      DoubleVector d = DoubleVector.fromArray(S, src, so + j).sub(m);
      d.intoArray(xh, xo + j);
      d.mul(d).intoArray(sq, j);
    }
    for (; j < n; j++) {
      double d = src[so + j] - mean;
      xh[xo + j] = d;
      sq[j] = d * d;
    }
  }

  /** xh *= r, then dst = gain * xh + bias1 (+ bias2): gain and biases at go, b1, b2 in p. */
  static void scaleShift(double[] xh, int xo, double r, double[] p, int go, int b1, int b2,
                         double[] dst, int d, int n) {
    int j = 0;
    DoubleVector rv = DoubleVector.broadcast(S, r);
    for (int vb = S.loopBound(n); j < vb; j += V) {
      DoubleVector x = DoubleVector.fromArray(S, xh, xo + j).mul(rv);
      x.intoArray(xh, xo + j);
      DoubleVector y = DoubleVector.fromArray(S, p, go + j).mul(x).add(DoubleVector.fromArray(S, p, b1 + j));
      if (b2 >= 0) {
        y = y.add(DoubleVector.fromArray(S, p, b2 + j));
      }
      y.intoArray(dst, d + j);
    }
    for (; j < n; j++) {
      double x = xh[xo + j] * r;
      xh[xo + j] = x;
      double y = p[go + j] * x + p[b1 + j];
      if (b2 >= 0) {
        y += p[b2 + j];
      }
      dst[d + j] = y;
    }
  }

  /**
   * Layer norm's first backward pass over one row: g = dy * gain into s1, g * xh into s2, and
   * the gradients grads[go] += dy * xh, grads[b1] += dy (and b2).
   */
  static void layerGradients(double[] dy, int dyo, double[] p, int go, double[] xh, int xo, double[] grads,
                             int b1, int b2, double[] s1, double[] s2, int n) {
    int j = 0;
    for (int vb = S.loopBound(n); j < vb; j += V) {
      DoubleVector d = DoubleVector.fromArray(S, dy, dyo + j);
      DoubleVector x = DoubleVector.fromArray(S, xh, xo + j);
      DoubleVector g = d.mul(DoubleVector.fromArray(S, p, go + j));
      g.intoArray(s1, j);
      g.mul(x).intoArray(s2, j);
      DoubleVector.fromArray(S, grads, go + j).add(d.mul(x)).intoArray(grads, go + j);
      DoubleVector.fromArray(S, grads, b1 + j).add(d).intoArray(grads, b1 + j);
      if (b2 >= 0) {
        DoubleVector.fromArray(S, grads, b2 + j).add(d).intoArray(grads, b2 + j);
      }
    }
    for (; j < n; j++) {
      double d = dy[dyo + j];
      double x = xh[xo + j];
      double g = d * p[go + j];
      s1[j] = g;
      s2[j] = g * x;
      grads[go + j] += d * x;
      grads[b1 + j] += d;
      if (b2 >= 0) {
        grads[b2 + j] += d;
      }
    }
  }

  /** Layer norm's dL/dx for one row: out = r * ((g - mg) - xh * mgx), g in s1. */
  static void layerInputGradient(double[] s1, double[] xh, int xo, double r, double mg, double mgx,
                                 double[] out, int oo, int n) {
    int j = 0;
    DoubleVector rv = DoubleVector.broadcast(S, r);
    DoubleVector mgv = DoubleVector.broadcast(S, mg);
    DoubleVector mgxv = DoubleVector.broadcast(S, mgx);
    for (int vb = S.loopBound(n); j < vb; j += V) {
      DoubleVector g = DoubleVector.fromArray(S, s1, j);
      DoubleVector x = DoubleVector.fromArray(S, xh, xo + j);
      rv.mul(g.sub(mgv).sub(x.mul(mgxv))).intoArray(out, oo + j);
    }
    for (; j < n; j++) {
      out[oo + j] = r * ((s1[j] - mg) - xh[xo + j] * mgx);
    }
  }

  /** acc[ao+j] += src[so+j]. */
  static void addRow(double[] acc, int ao, double[] src, int so, int n) {
    int j = 0;
    for (int vb = S.loopBound(n); j < vb; j += V) {
      DoubleVector.fromArray(S, acc, ao + j).add(DoubleVector.fromArray(S, src, so + j)).intoArray(acc, ao + j);
    }
    for (; j < n; j++) {
      acc[ao + j] += src[so + j];
    }
  }

  /** acc[ao+j] += (src[so+j] - mean[mo+j])^2. */
  static void addSquaredDeviation(double[] acc, int ao, double[] src, int so, double[] mean, int mo, int n) {
    int j = 0;
    for (int vb = S.loopBound(n); j < vb; j += V) {
      DoubleVector d = DoubleVector.fromArray(S, src, so + j).sub(DoubleVector.fromArray(S, mean, mo + j));
      DoubleVector.fromArray(S, acc, ao + j).add(d.mul(d)).intoArray(acc, ao + j);
    }
    for (; j < n; j++) {
      double d = src[so + j] - mean[mo + j];
      acc[ao + j] += d * d;
    }
  }

  /**
   * Batch norm of one row: xh = (src - mean) * rstd (per column, at mo), then
   * dst = gain * xh + bias1 (+ bias2).
   */
  static void batchRow(double[] src, int so, double[] mean, double[] rstd, int mo, double[] xh, int xo,
                       double[] p, int go, int b1, int b2, double[] dst, int d, int n) {
    int j = 0;
    for (int vb = S.loopBound(n); j < vb; j += V) {
      DoubleVector x = DoubleVector.fromArray(S, src, so + j).sub(DoubleVector.fromArray(S, mean, mo + j))
          .mul(DoubleVector.fromArray(S, rstd, mo + j));
      x.intoArray(xh, xo + j);
      DoubleVector y = DoubleVector.fromArray(S, p, go + j).mul(x).add(DoubleVector.fromArray(S, p, b1 + j));
      if (b2 >= 0) {
        y = y.add(DoubleVector.fromArray(S, p, b2 + j));
      }
      y.intoArray(dst, d + j);
    }
    for (; j < n; j++) {
      double x = (src[so + j] - mean[mo + j]) * rstd[mo + j];
      xh[xo + j] = x;
      double y = p[go + j] * x + p[b1 + j];
      if (b2 >= 0) {
        y += p[b2 + j];
      }
      dst[d + j] = y;
    }
  }

  /** Batch norm's column sums over one row: s1[ao+j] += dy, s2[ao+j] += dy * xh. */
  static void batchSums(double[] dy, int dyo, double[] xh, int xo, double[] s1, double[] s2, int ao, int n) {
    int j = 0;
    for (int vb = S.loopBound(n); j < vb; j += V) {
      DoubleVector d = DoubleVector.fromArray(S, dy, dyo + j);
      DoubleVector.fromArray(S, s1, ao + j).add(d).intoArray(s1, ao + j);
      DoubleVector.fromArray(S, s2, ao + j).add(d.mul(DoubleVector.fromArray(S, xh, xo + j))).intoArray(s2, ao + j);
    }
    for (; j < n; j++) {
      double d = dy[dyo + j];
      s1[ao + j] += d;
      s2[ao + j] += d * xh[xo + j];
    }
  }

  /** Batch norm's dL/dx for one row: out = a * ((dy - mdy) - xh * mdyx), per column at ao. */
  static void batchInputGradient(double[] dy, int dyo, double[] xh, int xo, double[] a, double[] mdy,
                                 double[] mdyx, int ao, double[] out, int oo, int n) {
    int j = 0;
    for (int vb = S.loopBound(n); j < vb; j += V) {
      DoubleVector d = DoubleVector.fromArray(S, dy, dyo + j).sub(DoubleVector.fromArray(S, mdy, ao + j));
      DoubleVector x = DoubleVector.fromArray(S, xh, xo + j).mul(DoubleVector.fromArray(S, mdyx, ao + j));
      DoubleVector.fromArray(S, a, ao + j).mul(d.sub(x)).intoArray(out, oo + j);
    }
    for (; j < n; j++) {
      out[oo + j] = a[ao + j] * ((dy[dyo + j] - mdy[ao + j]) - xh[xo + j] * mdyx[ao + j]);
    }
  }
}
