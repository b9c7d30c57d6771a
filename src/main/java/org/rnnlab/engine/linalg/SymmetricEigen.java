package org.rnnlab.engine.linalg;

/**
 * The largest eigenvalue of a symmetric matrix (a Gram matrix, for singular values), the same bits
 * on every JVM and machine: Householder tridiagonalisation, then bisection on Sturm sequence counts
 * (Golub and Van Loan, Matrix Computations, 4th ed., 8.4.1; LAPACK dstebz) until the two ends of
 * the bracket are adjacent doubles, using only + - * /, sqrt and abs in a fixed order. To within a
 * few ulps times ||A||, which the general QR iteration of {@link HessenbergQr} does not promise.
 */
public final class SymmetricEigen {
  private SymmetricEigen() {}

  /**
   * Largest eigenvalue of the symmetric {@code n x n} row-major matrix {@code s}, which is
   * overwritten; {@code work} holds at least {@code 4n} doubles. Allocates nothing.
   */
  public static double largest(double[] s, int n, double[] work) {
    if (n == 1) {
      return s[0];
    }
    int d = 0;
    int e = n;
    int v = 2 * n;
    int p = 3 * n;
    tridiagonalize(s, n, work, d, e, v, p);
    return largestTridiagonalEigenvalue(work, d, e, n);
  }

  /**
   * Householder tridiagonalisation of the symmetric n x n matrix {@code a} (overwritten): the
   * diagonal into {@code w[d..d+n)}, the subdiagonal into {@code w[e..e+n-1)}; {@code w[v..]} and
   * {@code w[p..]} are scratch of n each. Each step is A = P A P with P = I - v v^T / h, done as the
   * symmetric rank-2 update A -= v q^T + q v^T, q = A v / h - (v^T A v / 2h^2) v, which keeps A
   * exactly symmetric (both halves get the same sums).
   */
  private static void tridiagonalize(double[] a, int n, double[] w, int d, int e, int v, int p) {
    for (int k = 0; k < n - 2; k++) {
      double scale = 0.0;
      for (int i = k + 1; i < n; i++) {
        scale += Math.abs(a[i * n + k]);
      }
      w[d + k] = a[k * n + k];
      if (scale == 0.0) {
        w[e + k] = 0.0;
        continue;
      }
      double h = 0.0;
      for (int i = k + 1; i < n; i++) {
        w[v + i] = a[i * n + k] / scale;
        h += w[v + i] * w[v + i];
      }
      double g = Math.sqrt(h);
      if (w[v + k + 1] > 0.0) {
        g = -g;
      }
      h -= w[v + k + 1] * g;
      w[v + k + 1] -= g;
      for (int i = k + 1; i < n; i++) {
        double s = 0.0;
        for (int j = k + 1; j < n; j++) {
          s += a[i * n + j] * w[v + j];
        }
        w[p + i] = s / h;
      }
      double kk = 0.0;
      for (int i = k + 1; i < n; i++) {
        kk += w[v + i] * w[p + i];
      }
      kk /= 2.0 * h;
      for (int i = k + 1; i < n; i++) {
        w[p + i] -= kk * w[v + i];
      }
      for (int i = k + 1; i < n; i++) {
        for (int j = k + 1; j < n; j++) {
          a[i * n + j] -= w[v + i] * w[p + j] + w[p + i] * w[v + j];
        }
      }
      w[e + k] = scale * g;
    }
    w[d + n - 2] = a[(n - 2) * n + n - 2];
    w[d + n - 1] = a[(n - 1) * n + n - 1];
    w[e + n - 2] = a[(n - 1) * n + n - 2];
  }

  /**
   * Largest eigenvalue of the symmetric tridiagonal matrix (diagonal {@code w[d..]}, subdiagonal
   * {@code w[e..]}) by bisection of its Gershgorin interval until the two ends are adjacent
   * doubles: at every midpoint, the number of eigenvalues below it is the number of negative
   * pivots of the LDL^T factorisation of T - x I (Sturm count; pivots tinier than pivmin are
   * replaced by -pivmin, as in LAPACK).
   */
  private static double largestTridiagonalEigenvalue(double[] w, int d, int e, int n) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    double e2max = 0.0;
    for (int i = 0; i < n; i++) {
      double r = (i > 0 ? Math.abs(w[e + i - 1]) : 0.0) + (i < n - 1 ? Math.abs(w[e + i]) : 0.0);
      lo = Math.min(lo, w[d + i] - r);
      hi = Math.max(hi, w[d + i] + r);
      if (i < n - 1) {
        e2max = Math.max(e2max, w[e + i] * w[e + i]);
      }
    }
    double pivmin = Double.MIN_NORMAL * Math.max(1.0, e2max);
    double margin = 4.0 * Math.ulp(Math.max(Math.abs(lo), Math.abs(hi))) + pivmin;
    lo -= margin;
    hi += margin;
    while (true) {
      double mid = 0.5 * (lo + hi);
      if (mid <= lo || mid >= hi) {
        return hi;
      }
      if (countBelow(w, d, e, n, mid, pivmin) == n) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
  }

  private static int countBelow(double[] w, int d, int e, int n, double x, double pivmin) {
    int count = 0;
    double q = w[d] - x;
    for (int i = 0; ; i++) {
      if (Math.abs(q) < pivmin) {
        q = -pivmin;
      }
      if (q < 0.0) {
        count++;
      }
      if (i == n - 1) {
        return count;
      }
      q = w[d + i + 1] - x - w[e + i] * w[e + i] / q;
    }
  }
}
