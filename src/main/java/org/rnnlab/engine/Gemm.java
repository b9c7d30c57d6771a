package org.rnnlab.engine;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The engine's matrix-product kernel, {@code C (+)= A * B}, register-blocked with the Vector
 * API. Every element of C is one fused multiply-add chain over k in increasing order, whatever
 * the vector width, blocking or tail, so the result is the same to the bit on every machine
 * (and equals {@link #reference}). A may be read with any strides, which gives A-transposed
 * products (weight gradients) without copying; B and C are row-major.
 *
 * <p>Implementation (GotoBLAS style): B is copied into panels of {@code NV} vectors' width,
 * k rows each, contiguous ("packed"), and A into panels of {@value #MR} rows stored k-major; a
 * micro-kernel keeps an {@value #MR} x {@code NV}-vector tile of C in registers and runs
 * the k loop over one A panel and one B panel. k is split into blocks of {@code KC} that fit
 * the L1/L2 caches: C's tile is stored and reloaded between blocks, which keeps each element's
 * fma chain intact (storing a double and loading it back is exact). Tiles at the m and n edges
 * are computed in a scratch tile (padding rows and columns are zero and thrown away), so the
 * kernels never need tail code. A matrix that is multiplied many times (the recurrent weights,
 * once per time step) can be packed once with {@link #packB} and used with {@link #multPacked}.
 *
 * <p>Scratch buffers are per thread; nothing is allocated per call once they have grown.
 */
public final class Gemm {
  private Gemm() {}

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int V = S.length();
  /** Rows of a micro-tile. */
  static final int MR = 8;
  /**
   * Vectors per micro-tile row (a B panel is NV*V columns wide): 2 where there are 32 vector
   * registers (AVX-512: 16 accumulators), 1 with AVX2's 16 (256-bit vectors). A tile of 24
   * accumulators (8 x 3) left C2 too few registers: it ran at 40% of the 8 x 2 tile's speed in
   * most JVM runs. Chosen by the vector's bit size, not its lane count, so the float32 twin
   * makes the same register choice.
   */
  static final int NV = Math.max(1, Math.min(2, Integer.getInteger("rnnlab.gemm.nv", S.vectorBitSize() == 256 ? 1 : 2)));
  private static final int W = NV * V;
  // Cache blocking, tuned on a Xeon (48 KiB L1d, 2 MiB L2 per core); flat within 5% around these
  // values on an AMD EPYC (48 KiB L1d, 1 MiB L2). The rnnlab.gemm.* system properties are
  // tuning knobs only: blocking never changes a result's bits.
  /** Depth of a k block. */
  private static final int KC = Math.max(1, Integer.getInteger("rnnlab.gemm.kc", 256));
  /** Rows of an A block (a multiple of MR). */
  private static final int MC = Math.max(1, Integer.getInteger("rnnlab.gemm.mc", 48) / MR) * MR;
  /** Columns of a B block (a multiple of W). */
  private static final int NC = W * Math.max(1, Integer.getInteger("rnnlab.gemm.ncPanels", 16));
  /** A column-major A is read in place (not packed) when n is at most this. */
  private static final int DIRECT_A_MAX_N = Integer.getInteger("rnnlab.gemm.directN", 64);
  /** Rows of C per step of the narrow-C path (columnPair). */
  private static final int SN_ROWS = 4 * V;
  /** Products with at most this many multiply-adds take the plain loop. */
  private static final int SMALL = 512;
  /** Products with one row or one column take the plain loop up to this many multiply-adds. */
  private static final int SMALL_VECTOR = 1 << 16;

  private static final class Work {
    final double[] a = new double[MC * KC];
    final double[] b = new double[KC * NC];
    final double[] tile = new double[MR * W];
  }

  private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

  /**
   * C[i][j] = (accumulate ? C[i][j] : 0) + sum_p A[i][p] * B[p][j], for i &lt; m, j &lt; n, p &lt; k.
   *
   * @param a     A(i, p) is {@code a[aOff + i*aRs + p*aCs]}
   * @param b     B(p, j) is {@code b[bOff + p*ldb + j]}
   * @param c     C(i, j) is {@code c[cOff + i*ldc + j]}
   */
  public static void mult(int m, int n, int k,
                          double[] a, int aOff, int aRs, int aCs,
                          double[] b, int bOff, int ldb,
                          double[] c, int cOff, int ldc,
                          boolean accumulate) {
    if (!accumulate) {
      zero(m, n, c, cOff, ldc);
    }
    if (m == 0 || n == 0 || k == 0) {
      return;
    }
    long work = (long) m * n * k;
    if (work <= SMALL || (Math.min(m, n) == 1 && work <= SMALL_VECTOR)) {
      // too little work to amortise packing, and (the readout's products) called so rarely that
      // a Vector API kernel would run interpreted: the Vector API's fallback is slow and allocates
      plain(m, n, k, a, aOff, aRs, aCs, b, bOff, ldb, c, cOff, ldc);
      return;
    }
    if (aRs == 1 && n < V && m >= SN_ROWS) {
      int mm = m - m % SN_ROWS;
      for (int j = 0; j < n; j += 2) {
        for (int i = 0; i < mm; i += SN_ROWS) {
          columnPair(k, a, aOff + i, aCs, b, bOff + j, ldb, j + 1 < n, c, cOff + i * ldc + j, ldc);
        }
      }
      if (mm < m) {
        plain(m - mm, n, k, a, aOff + mm, aRs, aCs, b, bOff, ldb, c, cOff + mm * ldc, ldc);
      }
      return;
    }
    Work w = WORK.get();
    for (int jc = 0; jc < n; jc += NC) {
      int nc = Math.min(NC, n - jc);
      for (int pc = 0; pc < k; pc += KC) {
        int kc = Math.min(KC, k - pc);
        packB(kc, nc, b, bOff + pc * ldb + jc, ldb, w.b, 0);
        for (int ic = 0; ic < m; ic += MC) {
          int mc = Math.min(MC, m - ic);
          blockA(mc, kc, a, aOff + ic * aRs + pc * aCs, aRs, aCs, w, w.b, 0, nc, kc, 0, c, cOff + ic * ldc + jc, ldc);
        }
      }
    }
  }

  /** Length of the packed form of a {@code k x n} matrix. */
  public static int packedSize(int k, int n) {
    return k * roundUp(n, V);
  }

  /**
   * Packs the {@code k x n} matrix B ({@code b[bOff + p*ldb + j]}) into {@code dst} at dstOff,
   * which needs {@link #packedSize} values, for {@link #multPacked}.
   */
  public static void packB(int k, int n, double[] b, int bOff, int ldb, double[] dst, int dstOff) {
    for (int j0 = 0; j0 < n; ) {
      int w = panelWidth(j0, n);
      int wn = Math.min(w, n - j0);
      int base = dstOff + j0 * k;
      for (int p = 0; p < k; p++) {
        int d = base + p * w;
        int src = bOff + p * ldb + j0;
        int j = 0;
        for (; j < wn; j++) {
          dst[d + j] = b[src + j];
        }
        for (; j < w; j++) {
          dst[d + j] = 0.0;
        }
      }
      j0 += w;
    }
  }

  /**
   * {@link #mult} with B given in packed form ({@link #packB} of the same k and n).
   */
  public static void multPacked(int m, int n, int k,
                                double[] a, int aOff, int aRs, int aCs,
                                double[] packedB, int pbOff,
                                double[] c, int cOff, int ldc,
                                boolean accumulate) {
    if (!accumulate) {
      zero(m, n, c, cOff, ldc);
    }
    if (m == 0 || n == 0 || k == 0) {
      return;
    }
    Work w = WORK.get();
    for (int pc = 0; pc < k; pc += KC) {
      int kc = Math.min(KC, k - pc);
      for (int ic = 0; ic < m; ic += MC) {
        int mc = Math.min(MC, m - ic);
        blockA(mc, kc, a, aOff + ic * aRs + pc * aCs, aRs, aCs, w, packedB, pbOff, n, k, pc, c, cOff + ic * ldc, ldc);
      }
    }
  }

  /**
   * Width in columns (a multiple of V) of the B panel that starts at column j0 of n: NV vectors,
   * the last panel fewer, padded to whole vectors.
   */
  private static int panelWidth(int j0, int n) {
    return Math.min(NV, (n - j0 + V - 1) / V) * V;
  }

  private static int roundUp(int x, int v) {
    return (x + v - 1) / v * v;
  }

  private static void zero(int m, int n, double[] c, int cOff, int ldc) {
    for (int i = 0; i < m; i++) {
      java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0.0);
    }
  }

  private static void plain(int m, int n, int k, double[] a, int aOff, int aRs, int aCs,
                            double[] b, int bOff, int ldb, double[] c, int cOff, int ldc) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = c[cOff + i * ldc + j];
        for (int p = 0; p < k; p++) {
          s = Math.fma(a[aOff + i * aRs + p * aCs], b[bOff + p * ldb + j], s);
        }
        c[cOff + i * ldc + j] = s;
      }
    }
  }

  /** Packs A's rows [0, mc) and columns [0, kc) into panels of MR rows, k-major, zero-padded. */
  private static void packA(int mc, int kc, double[] a, int a0, int aRs, int aCs, double[] dst) {
    for (int i0 = 0; i0 < mc; i0 += MR) {
      int rows = Math.min(MR, mc - i0);
      int base = i0 * kc;
      if (aCs == 1) {
        for (int i = 0; i < rows; i++) {
          int src = a0 + (i0 + i) * aRs;
          for (int p = 0; p < kc; p++) {
            dst[base + p * MR + i] = a[src + p];
          }
        }
      } else if (aRs == 1 && rows == MR && V == MR) {
        // a column-major A (the weight gradients' transposed operand): one vector per k
        for (int p = 0; p < kc; p++) {
          DoubleVector.fromArray(S, a, a0 + i0 + p * aCs).intoArray(dst, base + p * MR);
        }
      } else {
        for (int p = 0; p < kc; p++) {
          int src = a0 + i0 * aRs + p * aCs;
          int d = base + p * MR;
          for (int i = 0; i < rows; i++) {
            dst[d + i] = a[src + i * aRs];
          }
        }
      }
      if (rows < MR) {
        for (int p = 0; p < kc; p++) {
          for (int i = rows; i < MR; i++) {
            dst[base + p * MR + i] = 0.0;
          }
        }
      }
    }
  }

  /**
   * C[0..mc, 0..nc) += A (mc x kc at a0) * rows [pc, pc+kc) of packed B, whose panels hold
   * {@code kb} rows each. An A stored column-major (aRs = 1: the transposed operand of the
   * weight gradients) is read in place, only a last partial panel of rows being packed (padded);
   * any other A is packed.
   */
  private static void blockA(int mc, int kc, double[] a, int a0, int aRs, int aCs, Work w,
                             double[] pb, int pbOff, int nc, int kb, int pc, double[] c, int cOff, int ldc) {
    if (aRs == 1 && nc <= DIRECT_A_MAX_N) {
      int full = mc - mc % MR;
      if (full < mc) {
        packA(mc - full, kc, a, a0 + full, aRs, aCs, w.a);
      }
      macro(mc, nc, kc, a, a0, 1, aCs, w.a, full, pb, pbOff, kb, pc, c, cOff, ldc, w.tile);
    } else {
      packA(mc, kc, a, a0, aRs, aCs, w.a);
      macro(mc, nc, kc, w.a, 0, kc, MR, w.a, mc, pb, pbOff, kb, pc, c, cOff, ldc, w.tile);
    }
  }

  /**
   * C[0..mc, 0..nc) += A * B for rows [pc, pc+kc) of packed B. Row panel i0 &lt; aFull of A is
   * at {@code a[aBase + i0*aRowMul]} with stride aStride per k; a panel from aFull on is packed
   * at {@code aTail[(i0 - aFull)*kc]} with stride MR.
   */
  private static void macro(int mc, int nc, int kc, double[] a, int aBase, int aRowMul, int aStride,
                            double[] aTail, int aFull, double[] pb, int pbOff, int kb, int pc,
                            double[] c, int cOff, int ldc, double[] tile) {
    for (int j0 = 0; j0 < nc; j0 += panelWidth(j0, nc)) {
      int w = panelWidth(j0, nc);
      int wn = Math.min(w, nc - j0);
      int nv = w / V;
      int bp = pbOff + j0 * kb + pc * w;
      for (int i0 = 0; i0 < mc; i0 += MR) {
        int rows = Math.min(MR, mc - i0);
        double[] pa = i0 < aFull ? a : aTail;
        int ap = i0 < aFull ? aBase + i0 * aRowMul : (i0 - aFull) * kc;
        int as = i0 < aFull ? aStride : MR;
        int ci = cOff + i0 * ldc + j0;
        if (rows == MR && wn == w) {
          kernel(nv, kc, pa, ap, as, pb, bp, c, ci, ldc);
        } else {
          java.util.Arrays.fill(tile, 0, MR * w, 0.0);
          for (int r = 0; r < rows; r++) {
            System.arraycopy(c, ci + r * ldc, tile, r * w, wn);
          }
          kernel(nv, kc, pa, ap, as, pb, bp, tile, 0, w);
          for (int r = 0; r < rows; r++) {
            System.arraycopy(tile, r * w, c, ci + r * ldc, wn);
          }
        }
      }
    }
  }

  private static void kernel(int nv, int kc, double[] a, int ap, int as, double[] b, int bp, double[] c, int c0, int ldc) {
    if (nv == 2) {
      k8x2(kc, a, ap, as, b, bp, c, c0, ldc);
    } else {
      k8x1(kc, a, ap, as, b, bp, c, c0, ldc);
    }
  }

  private static void k8x2(int kc, double[] a, int ap, int as, double[] b, int bp, double[] c, int c0, int ldc) {
    DoubleVector r00 = DoubleVector.fromArray(S, c, c0);
    DoubleVector r01 = DoubleVector.fromArray(S, c, c0 + V);
    DoubleVector r10 = DoubleVector.fromArray(S, c, c0 + ldc);
    DoubleVector r11 = DoubleVector.fromArray(S, c, c0 + ldc + V);
    DoubleVector r20 = DoubleVector.fromArray(S, c, c0 + 2 * ldc);
    DoubleVector r21 = DoubleVector.fromArray(S, c, c0 + 2 * ldc + V);
    DoubleVector r30 = DoubleVector.fromArray(S, c, c0 + 3 * ldc);
    DoubleVector r31 = DoubleVector.fromArray(S, c, c0 + 3 * ldc + V);
    DoubleVector r40 = DoubleVector.fromArray(S, c, c0 + 4 * ldc);
    DoubleVector r41 = DoubleVector.fromArray(S, c, c0 + 4 * ldc + V);
    DoubleVector r50 = DoubleVector.fromArray(S, c, c0 + 5 * ldc);
    DoubleVector r51 = DoubleVector.fromArray(S, c, c0 + 5 * ldc + V);
    DoubleVector r60 = DoubleVector.fromArray(S, c, c0 + 6 * ldc);
    DoubleVector r61 = DoubleVector.fromArray(S, c, c0 + 6 * ldc + V);
    DoubleVector r70 = DoubleVector.fromArray(S, c, c0 + 7 * ldc);
    DoubleVector r71 = DoubleVector.fromArray(S, c, c0 + 7 * ldc + V);
    for (int p = 0; p < kc; p++) {
      int bi = bp + p * (2 * V);
      int ai = ap + p * as;
      DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
      DoubleVector b1 = DoubleVector.fromArray(S, b, bi + V);
      DoubleVector x = DoubleVector.broadcast(S, a[ai]);
      r00 = x.fma(b0, r00);
      r01 = x.fma(b1, r01);
      x = DoubleVector.broadcast(S, a[ai + 1]);
      r10 = x.fma(b0, r10);
      r11 = x.fma(b1, r11);
      x = DoubleVector.broadcast(S, a[ai + 2]);
      r20 = x.fma(b0, r20);
      r21 = x.fma(b1, r21);
      x = DoubleVector.broadcast(S, a[ai + 3]);
      r30 = x.fma(b0, r30);
      r31 = x.fma(b1, r31);
      x = DoubleVector.broadcast(S, a[ai + 4]);
      r40 = x.fma(b0, r40);
      r41 = x.fma(b1, r41);
      x = DoubleVector.broadcast(S, a[ai + 5]);
      r50 = x.fma(b0, r50);
      r51 = x.fma(b1, r51);
      x = DoubleVector.broadcast(S, a[ai + 6]);
      r60 = x.fma(b0, r60);
      r61 = x.fma(b1, r61);
      x = DoubleVector.broadcast(S, a[ai + 7]);
      r70 = x.fma(b0, r70);
      r71 = x.fma(b1, r71);
    }
    r00.intoArray(c, c0);
    r01.intoArray(c, c0 + V);
    r10.intoArray(c, c0 + ldc);
    r11.intoArray(c, c0 + ldc + V);
    r20.intoArray(c, c0 + 2 * ldc);
    r21.intoArray(c, c0 + 2 * ldc + V);
    r30.intoArray(c, c0 + 3 * ldc);
    r31.intoArray(c, c0 + 3 * ldc + V);
    r40.intoArray(c, c0 + 4 * ldc);
    r41.intoArray(c, c0 + 4 * ldc + V);
    r50.intoArray(c, c0 + 5 * ldc);
    r51.intoArray(c, c0 + 5 * ldc + V);
    r60.intoArray(c, c0 + 6 * ldc);
    r61.intoArray(c, c0 + 6 * ldc + V);
    r70.intoArray(c, c0 + 7 * ldc);
    r71.intoArray(c, c0 + 7 * ldc + V);
  }

  private static void k8x1(int kc, double[] a, int ap, int as, double[] b, int bp, double[] c, int c0, int ldc) {
    DoubleVector r0 = DoubleVector.fromArray(S, c, c0);
    DoubleVector r1 = DoubleVector.fromArray(S, c, c0 + ldc);
    DoubleVector r2 = DoubleVector.fromArray(S, c, c0 + 2 * ldc);
    DoubleVector r3 = DoubleVector.fromArray(S, c, c0 + 3 * ldc);
    DoubleVector r4 = DoubleVector.fromArray(S, c, c0 + 4 * ldc);
    DoubleVector r5 = DoubleVector.fromArray(S, c, c0 + 5 * ldc);
    DoubleVector r6 = DoubleVector.fromArray(S, c, c0 + 6 * ldc);
    DoubleVector r7 = DoubleVector.fromArray(S, c, c0 + 7 * ldc);
    for (int p = 0; p < kc; p++) {
      int ai = ap + p * as;
      DoubleVector b0 = DoubleVector.fromArray(S, b, bp + p * V);
      r0 = DoubleVector.broadcast(S, a[ai]).fma(b0, r0);
      r1 = DoubleVector.broadcast(S, a[ai + 1]).fma(b0, r1);
      r2 = DoubleVector.broadcast(S, a[ai + 2]).fma(b0, r2);
      r3 = DoubleVector.broadcast(S, a[ai + 3]).fma(b0, r3);
      r4 = DoubleVector.broadcast(S, a[ai + 4]).fma(b0, r4);
      r5 = DoubleVector.broadcast(S, a[ai + 5]).fma(b0, r5);
      r6 = DoubleVector.broadcast(S, a[ai + 6]).fma(b0, r6);
      r7 = DoubleVector.broadcast(S, a[ai + 7]).fma(b0, r7);
    }
    r0.intoArray(c, c0);
    r1.intoArray(c, c0 + ldc);
    r2.intoArray(c, c0 + 2 * ldc);
    r3.intoArray(c, c0 + 3 * ldc);
    r4.intoArray(c, c0 + 4 * ldc);
    r5.intoArray(c, c0 + 5 * ldc);
    r6.intoArray(c, c0 + 6 * ldc);
    r7.intoArray(c, c0 + 7 * ldc);
  }

  /**
   * For C with fewer columns than a vector (the input-weight gradient of a low-dimensional input),
   * A read column-major (A(i, p) at {@code a[a0 + i + p*aCs]}): 4V rows of C by one or two
   * columns (j, j+1), vectorised along the rows. Each lane is one element's fma chain over p.
   */
  private static void columnPair(int k, double[] a, int a0, int aCs, double[] b, int b0, int ldb, boolean two,
                                 double[] c, int c0, int ldc) {
    double[] t = COLUMN_TILE.get();
    int r = SN_ROWS;
    for (int i = 0; i < r; i++) {
      t[i] = c[c0 + i * ldc];
      t[r + i] = two ? c[c0 + i * ldc + 1] : 0.0;
    }
    DoubleVector x0 = DoubleVector.fromArray(S, t, 0);
    DoubleVector x1 = DoubleVector.fromArray(S, t, V);
    DoubleVector x2 = DoubleVector.fromArray(S, t, 2 * V);
    DoubleVector x3 = DoubleVector.fromArray(S, t, 3 * V);
    DoubleVector y0 = DoubleVector.fromArray(S, t, r);
    DoubleVector y1 = DoubleVector.fromArray(S, t, r + V);
    DoubleVector y2 = DoubleVector.fromArray(S, t, r + 2 * V);
    DoubleVector y3 = DoubleVector.fromArray(S, t, r + 3 * V);
    int ld1 = two ? 1 : 0;
    for (int p = 0; p < k; p++) {
      int ai = a0 + p * aCs;
      DoubleVector a0v = DoubleVector.fromArray(S, a, ai);
      DoubleVector a1v = DoubleVector.fromArray(S, a, ai + V);
      DoubleVector a2v = DoubleVector.fromArray(S, a, ai + 2 * V);
      DoubleVector a3v = DoubleVector.fromArray(S, a, ai + 3 * V);
      int bi = b0 + p * ldb;
      DoubleVector u = DoubleVector.broadcast(S, b[bi]);
      DoubleVector v = DoubleVector.broadcast(S, b[bi + ld1]);
      x0 = a0v.fma(u, x0);
      x1 = a1v.fma(u, x1);
      x2 = a2v.fma(u, x2);
      x3 = a3v.fma(u, x3);
      y0 = a0v.fma(v, y0);
      y1 = a1v.fma(v, y1);
      y2 = a2v.fma(v, y2);
      y3 = a3v.fma(v, y3);
    }
    x0.intoArray(t, 0);
    x1.intoArray(t, V);
    x2.intoArray(t, 2 * V);
    x3.intoArray(t, 3 * V);
    y0.intoArray(t, r);
    y1.intoArray(t, r + V);
    y2.intoArray(t, r + 2 * V);
    y3.intoArray(t, r + 3 * V);
    for (int i = 0; i < r; i++) {
      c[c0 + i * ldc] = t[i];
      if (two) {
        c[c0 + i * ldc + 1] = t[r + i];
      }
    }
  }

  private static final ThreadLocal<double[]> COLUMN_TILE = ThreadLocal.withInitial(() -> new double[2 * SN_ROWS]);

  /** The plain triple loop with the same fused multiply-add order; the kernel's specification. */
  public static void reference(int m, int n, int k,
                               double[] a, int aOff, int aRs, int aCs,
                               double[] b, int bOff, int ldb,
                               double[] c, int cOff, int ldc,
                               boolean accumulate) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = accumulate ? c[cOff + i * ldc + j] : 0.0;
        for (int p = 0; p < k; p++) {
          s = Math.fma(a[aOff + i * aRs + p * aCs], b[bOff + p * ldb + j], s);
        }
        c[cOff + i * ldc + j] = s;
      }
    }
  }
}
