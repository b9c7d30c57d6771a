package org.rnnlab.engine.linalg;

import org.rnnlab.engine.Gemm;

/**
 * Spectral quantities of a weight matrix, the same bits on every JVM and machine: eigenvalues,
 * spectral radius (largest |eigenvalue|; seed 000, 7.3 Lemma 7.3.1 and 7.4 eq. 7.7) and largest
 * singular value (the spectral norm). All of it is fixed-order IEEE arithmetic ({@link
 * HessenbergQr}, {@link Gemm}); the reproducibility argument is in docs/reservoirs.md.
 * Cost: about 10 n^3 flops for an n x n matrix (0.1-0.5 s at n = 400 on one core).
 */
public final class Spectral {
  private Spectral() {}

  /** Eigenvalues as real and imaginary parts, conjugate pairs adjacent. */
  public record Eigenvalues(double[] re, double[] im) {
    /** |lambda_i| (StrictMath.hypot: exact to the bit everywhere, no overflow). */
    public double modulus(int i) {
      return StrictMath.hypot(re[i], im[i]);
    }

    /** The largest modulus; 0 for an empty matrix. */
    public double radius() {
      double max = 0.0;
      for (int i = 0; i < re.length; i++) {
        max = Math.max(max, modulus(i));
      }
      return max;
    }
  }

  /**
   * Eigenvalues of the n x n row-major block at {@code a[off..]} (not modified); all NaN if an
   * entry is NaN or infinite (a diverged weight matrix has no spectrum to report).
   */
  public static Eigenvalues eigenvalues(double[] a, int off, int n) {
    double[] re = new double[n];
    double[] im = new double[n];
    for (int i = off; i < off + n * n; i++) {
      if (!Double.isFinite(a[i])) {
        java.util.Arrays.fill(re, Double.NaN);
        java.util.Arrays.fill(im, Double.NaN);
        return new Eigenvalues(re, im);
      }
    }
    double[] work = new double[n * n];
    System.arraycopy(a, off, work, 0, n * n);
    HessenbergQr.eigenvalues(work, n, re, im);
    return new Eigenvalues(re, im);
  }

  /** Spectral radius of the n x n row-major block at {@code a[off..]}. */
  public static double radius(double[] a, int off, int n) {
    return eigenvalues(a, off, n).radius();
  }

  /**
   * Largest singular value of the {@code rows x cols} row-major block at {@code a[off..]}: the
   * square root of the largest eigenvalue of A^T A or A A^T, whichever is smaller ({@link
   * SymmetricEigen}). Accurate to a few ulps relative (the Gram matrix squares the condition of the
   * small singular values only, not of the largest).
   */
  public static double largestSingularValue(double[] a, int off, int rows, int cols) {
    if (rows == 0 || cols == 0) {
      return 0.0;
    }
    int n = Math.min(rows, cols);
    double[] g = new double[n * n];
    if (rows >= cols) { // A^T A: A^T read in place through strides
      Gemm.mult(n, n, rows, a, off, 1, cols, a, off, cols, g, 0, n, false);
    } else { // A A^T: B = A^T needs a row-major copy
      double[] t = new double[cols * rows];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          t[j * rows + i] = a[off + i * cols + j];
        }
      }
      Gemm.mult(n, n, cols, a, off, cols, 1, t, 0, rows, g, 0, n, false);
    }
    return Math.sqrt(Math.max(0.0, SymmetricEigen.largest(g, n, new double[4 * n])));
  }
}
