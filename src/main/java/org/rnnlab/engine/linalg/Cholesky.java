package org.rnnlab.engine.linalg;

import org.rnnlab.engine.Gemm;

/**
 * Cholesky factorisation A = L L^T of a symmetric positive definite matrix, and solves with it.
 *
 * <p>Specification (what every bit equals, whatever the blocking or vector width): column by
 * column, {@code L_jj = sqrt(A_jj - sum_k<j L_jk^2)} and {@code L_ij = (A_ij - sum_k<j L_ik L_jk)
 * / L_jj}, each sum one fused multiply-add chain over k in increasing order starting from A_ij
 * ({@link #factorReference}). The fast version is blocked and right-looking: a panel of
 * {@code block} columns is factored on its own, then the trailing matrix is updated by one
 * {@link Gemm} product per block row, which continues every element's chain in the same order.
 * No allocation per call once a factoriser has grown.
 */
public final class Cholesky {
  /** Panel width; bits do not depend on it (tested), speed does. */
  static final int DEFAULT_BLOCK = 64;
  /** Rows of C per trailing-update product (only the lower triangle is updated). */
  private static final int ROW_BLOCK = 64;

  private final int block;
  private double[] panel = new double[0]; // the panel's columns of L, transposed: panel[k*n + i] = L_ik
  private double[] negPanel = new double[0]; // the same, negated (Gemm computes c + a*b)
  private double[] col = new double[0];

  /** A factoriser with the default panel width. */
  public Cholesky() {
    this(DEFAULT_BLOCK);
  }

  /** A factoriser with panel width {@code block} (tests use several to check the bits do not move). */
  Cholesky(int block) {
    if (block < 1) {
      throw new IllegalArgumentException("block must be positive: " + block);
    }
    this.block = block;
  }

  /**
   * Overwrites the lower triangle of the n x n matrix at {@code a[off..]} (row stride lda) with
   * L; the strict upper triangle is never read (it serves as scratch and holds garbage
   * afterwards). Returns false, leaving {@code a} partly overwritten, if a pivot is not positive
   * (A not positive definite, or NaN).
   */
  public boolean factor(double[] a, int off, int n, int lda) {
    if (panel.length < block * n) {
      panel = new double[block * n];
      negPanel = new double[block * n];
      col = new double[n];
    }
    for (int j0 = 0; j0 < n; j0 += block) {
      int j1 = Math.min(n, j0 + block);
      // factor the panel: columns j0..j1-1, all rows below the diagonal, using k in [j0, j)
      // (the earlier k were applied by the trailing updates)
      for (int j = j0; j < j1; j++) {
        for (int i = j; i < n; i++) {
          col[i] = a[off + i * lda + j];
        }
        for (int k = j0; k < j; k++) {
          int pk = (k - j0) * n;
          double ljk = panel[pk + j];
          for (int i = j; i < n; i++) {
            col[i] = Math.fma(negPanel[pk + i], ljk, col[i]);
          }
        }
        double d = col[j];
        if (!(d > 0.0)) {
          return false;
        }
        double ljj = Math.sqrt(d);
        int pj = (j - j0) * n;
        panel[pj + j] = ljj;
        negPanel[pj + j] = -ljj;
        a[off + j * lda + j] = ljj;
        for (int i = j + 1; i < n; i++) {
          double lij = col[i] / ljj;
          panel[pj + i] = lij;
          negPanel[pj + i] = -lij;
          a[off + i * lda + j] = lij;
        }
      }
      // trailing update, lower triangle: A_ij += sum_{k in panel} (-L_ik) L_jk for i >= j >= j1
      int nb = j1 - j0;
      for (int r0 = j1; r0 < n; r0 += ROW_BLOCK) {
        int r1 = Math.min(n, r0 + ROW_BLOCK);
        Gemm.mult(r1 - r0, r1 - j1, nb, negPanel, r0, 1, n, panel, j1, n, a, off + r0 * lda + j1, lda, true);
      }
    }
    return true;
  }

  /** The specification of {@link #factor}, unblocked; for tests. */
  static boolean factorReference(double[] a, int off, int n, int lda) {
    for (int j = 0; j < n; j++) {
      double d = a[off + j * lda + j];
      for (int k = 0; k < j; k++) {
        double ljk = a[off + j * lda + k];
        d = Math.fma(-ljk, ljk, d);
      }
      if (!(d > 0.0)) {
        return false;
      }
      double ljj = Math.sqrt(d);
      a[off + j * lda + j] = ljj;
      for (int i = j + 1; i < n; i++) {
        double s = a[off + i * lda + j];
        for (int k = 0; k < j; k++) {
          s = Math.fma(-a[off + i * lda + k], a[off + j * lda + k], s);
        }
        a[off + i * lda + j] = s / ljj;
      }
    }
    return true;
  }

  /**
   * Solves L L^T X = B in place for the {@code n x m} right-hand side B at {@code b[bOff..]}
   * (row stride ldb), L from {@link #factor}: forward substitution, then back substitution,
   * each a fixed-order chain per element.
   */
  public static void solve(double[] l, int lOff, int n, int lda, double[] b, int bOff, int m, int ldb) {
    for (int i = 0; i < n; i++) { // L Z = B
      double lii = l[lOff + i * lda + i];
      for (int c = 0; c < m; c++) {
        double s = b[bOff + i * ldb + c];
        for (int k = 0; k < i; k++) {
          s = Math.fma(-l[lOff + i * lda + k], b[bOff + k * ldb + c], s);
        }
        b[bOff + i * ldb + c] = s / lii;
      }
    }
    for (int i = n - 1; i >= 0; i--) { // L^T X = Z
      double lii = l[lOff + i * lda + i];
      for (int c = 0; c < m; c++) {
        double s = b[bOff + i * ldb + c];
        for (int k = i + 1; k < n; k++) {
          s = Math.fma(-l[lOff + k * lda + i], b[bOff + k * ldb + c], s);
        }
        b[bOff + i * ldb + c] = s / lii;
      }
    }
  }
}
