package org.rnnlab.engine.linalg;

import org.rnnlab.engine.Gemm;

/**
 * Products of a data matrix with itself and with targets, for normal equations: each element
 * one fused multiply-add chain over the rows in increasing order ({@link Gemm}), so the bits do
 * not depend on the machine.
 */
public final class Gram {
  private Gram() {}

  /** Rows of G per product: only the lower triangle is computed (half the work), then mirrored. */
  private static final int ROW_BLOCK = 64;

  /**
   * G = X^T X ({@code cols x cols} at {@code g[gOff..]}, row stride ldg) for the {@code rows x cols}
   * matrix X at {@code x[xOff..]} with row stride ldx. G is symmetric to the bit.
   */
  public static void xtx(double[] x, int xOff, int ldx, int rows, int cols, double[] g, int gOff, int ldg) {
    for (int i0 = 0; i0 < cols; i0 += ROW_BLOCK) {
      int i1 = Math.min(cols, i0 + ROW_BLOCK);
      // rows i0..i1-1 of G, columns 0..i1-1: A = X^T read in place (column-major view of X)
      Gemm.mult(i1 - i0, i1, rows, x, xOff + i0, 1, ldx, x, xOff, ldx, g, gOff + i0 * ldg, ldg, false);
    }
    for (int i = 0; i < cols; i++) {
      for (int j = i + 1; j < cols; j++) {
        g[gOff + i * ldg + j] = g[gOff + j * ldg + i];
      }
    }
  }

  /**
   * C = X^T Y ({@code cols x outputs} at {@code c[cOff..]}, row stride ldc) for X as in
   * {@link #xtx} and the {@code rows x outputs} matrix Y at {@code y[yOff..]} (row stride ldy).
   */
  public static void xty(double[] x, int xOff, int ldx, int rows, int cols,
                         double[] y, int yOff, int ldy, int outputs, double[] c, int cOff, int ldc) {
    Gemm.mult(cols, outputs, rows, x, xOff, 1, ldx, y, yOff, ldy, c, cOff, ldc, false);
  }
}
