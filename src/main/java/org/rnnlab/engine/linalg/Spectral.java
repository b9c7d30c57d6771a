package org.rnnlab.engine.linalg;

/**
 * Eigenvalues, spectral radius and largest singular value of small dense matrices, the same to
 * the bit on every JVM and machine: the code uses only + - * /, sqrt and abs (correctly rounded
 * by IEEE 754 and Java's specification; no Math.pow/hypot/exp, no fused or reordered sums, no
 * threads) in a fixed order. This is the one place for spectral quantities in rnnlab (the
 * Lemma 7.3.1 diagnostics of seed 000, 7.3; echo-state scaling, 7.4); EJML's decompositions
 * are not written for bit-identity and are used only by the tests, to check accuracy.
 *
 * <p>General matrices: Householder reduction to upper Hessenberg form, then the Francis
 * double-shift QR iteration on it (Francis 1961; Golub and Van Loan, Matrix Computations, 4th ed.,
 * 7.4-7.5; the EISPACK orthes/hqr pair), without balancing. Real pairs and complex-conjugate pairs
 * are deflated as 2x2 blocks, so a dominant complex pair, where power iteration cycles instead of
 * converging, is found like any other eigenvalue. Backward stable: each eigenvalue is exact for a
 * matrix within a few ulps times ||A|| of A; its error is that times its condition number (for
 * the random and trained recurrent matrices here, observed below 1e-12 relative to EJML).
 *
 * <p>Symmetric matrices (the Gram matrix for singular values): Householder tridiagonalisation, then
 * bisection on Sturm sequence counts (Golub and Van Loan 8.4.1; LAPACK dstebz) to the last bit;
 * the largest eigenvalue to within a few ulps times ||A||, so sigma_max = sqrt(lambda_max(A^T A))
 * to a few ulps relative.
 */
public final class Spectral {
  /** Iterations allowed per eigenvalue before the QR iteration is declared not to converge. */
  private static final int MAX_ITERATIONS = 60;

  private Spectral() {}

  /** Largest |eigenvalue| of the {@code n x n} row-major block of {@code a} at {@code off}. */
  public static double spectralRadius(double[] a, int off, int n) {
    double[] ev = eigenvalues(a, off, n);
    double max = 0.0;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, modulus(ev[2 * i], ev[2 * i + 1]));
    }
    return max;
  }

  /**
   * The eigenvalues of the {@code n x n} row-major block at {@code off}, as {@code [re0, im0, re1,
   * im1, ...]} in the order the iteration deflates them (complex pairs adjacent, positive imaginary
   * part second). {@code a} is not changed.
   *
   * @throws ArithmeticException if the QR iteration does not converge (non-finite entries)
   */
  public static double[] eigenvalues(double[] a, int off, int n) {
    double[] h = new double[n * n];
    System.arraycopy(a, off, h, 0, n * n);
    for (double x : h) {
      if (!Double.isFinite(x)) {
        throw new ArithmeticException("eigenvalues of a matrix with a non-finite entry " + x);
      }
    }
    hessenberg(h, n, new double[n]);
    double[] ev = new double[2 * n];
    hqr(h, n, ev);
    return ev;
  }

  /** Largest singular value of the {@code rows x cols} row-major block of {@code a} at {@code off}. */
  public static double largestSingularValue(double[] a, int off, int rows, int cols) {
    int n = Math.min(rows, cols);
    double[] g = new double[n * n];
    gram(a, off, rows, cols, g);
    return Math.sqrt(Math.max(0.0, largestSymmetricEigenvalue(g, n, new double[4 * n])));
  }

  /**
   * The Gram matrix of the smaller side: {@code A A^T} if rows &lt;= cols, else {@code A^T A}, into
   * {@code g} ({@code min(rows, cols)} squared), each entry one sum in index order, mirrored so that
   * it is exactly symmetric.
   */
  public static void gram(double[] a, int off, int rows, int cols, double[] g) {
    // the smaller side's vectors: rows of A (stride cols, elements 1 apart) or its columns
    int n = Math.min(rows, cols);
    int len = Math.max(rows, cols);
    int vec = rows <= cols ? cols : 1;
    int el = rows <= cols ? 1 : cols;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = 0.0;
        for (int k = 0; k < len; k++) {
          s = Math.fma(a[off + i * vec + k * el], a[off + j * vec + k * el], s);
        }
        g[i * n + j] = s;
        g[j * n + i] = s;
      }
    }
  }

  /**
   * Largest eigenvalue of the symmetric {@code n x n} row-major matrix {@code s}, which is
   * overwritten; {@code work} holds at least {@code 4n} doubles. Allocates nothing.
   */
  public static double largestSymmetricEigenvalue(double[] s, int n, double[] work) {
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

  /** |re + i im| without overflow for large parts. */
  static double modulus(double re, double im) {
    double m = Math.max(Math.abs(re), Math.abs(im));
    if (m == 0.0) {
      return 0.0;
    }
    double x = re / m;
    double y = im / m;
    return m * Math.sqrt(x * x + y * y);
  }

  /**
   * Householder reduction of the row-major n x n matrix to upper Hessenberg form in place (entries
   * below the subdiagonal set to 0): for each column m-1 a reflector P = I - u u^T / h on rows m..n-1,
   * applied as P A P.
   */
  static void hessenberg(double[] a, int n, double[] u) {
    for (int m = 1; m <= n - 2; m++) {
      double scale = 0.0;
      for (int i = m; i < n; i++) {
        scale += Math.abs(a[i * n + m - 1]);
      }
      if (scale == 0.0) {
        continue;
      }
      double h = 0.0;
      for (int i = n - 1; i >= m; i--) {
        u[i] = a[i * n + m - 1] / scale;
        h += u[i] * u[i];
      }
      double g = Math.sqrt(h);
      if (u[m] > 0.0) {
        g = -g;
      }
      h -= u[m] * g;
      u[m] -= g;
      for (int j = m; j < n; j++) {      // A = P A
        double f = 0.0;
        for (int i = n - 1; i >= m; i--) {
          f += u[i] * a[i * n + j];
        }
        f /= h;
        for (int i = m; i < n; i++) {
          a[i * n + j] -= f * u[i];
        }
      }
      for (int i = 0; i < n; i++) {      // A = A P
        double f = 0.0;
        for (int j = n - 1; j >= m; j--) {
          f += u[j] * a[i * n + j];
        }
        f /= h;
        for (int j = m; j < n; j++) {
          a[i * n + j] -= f * u[j];
        }
      }
      a[m * n + m - 1] = scale * g;
      for (int i = m + 1; i < n; i++) {
        a[i * n + m - 1] = 0.0;
      }
    }
  }

  /**
   * Eigenvalues of the upper Hessenberg matrix {@code a} (destroyed) by the Francis double-shift QR
   * iteration with deflation of 1x1 and 2x2 blocks and exceptional shifts after 10, 20, ...
   * iterations without deflation; into {@code ev} as (re, im) pairs.
   */
  static void hqr(double[] a, int n, double[] ev) {
    double norm = 0.0;
    for (int i = 0; i < n; i++) {
      for (int j = Math.max(i - 1, 0); j < n; j++) {
        norm += Math.abs(a[i * n + j]);
      }
    }
    int nn = n - 1;
    double shift = 0.0;  // sum of exceptional shifts applied to the diagonal
    int its = 0;
    while (nn >= 0) {
      int l = nn;
      for (; l >= 1; l--) {  // a negligible subdiagonal element splits the matrix at l
        double s = Math.abs(a[(l - 1) * n + l - 1]) + Math.abs(a[l * n + l]);
        if (s == 0.0) {
          s = norm;
        }
        if (Math.abs(a[l * n + l - 1]) + s == s) {
          a[l * n + l - 1] = 0.0;
          break;
        }
      }
      double x = a[nn * n + nn];
      if (l == nn) {  // a 1x1 block: one real eigenvalue
        ev[2 * nn] = x + shift;
        ev[2 * nn + 1] = 0.0;
        nn--;
        its = 0;
        continue;
      }
      double y = a[(nn - 1) * n + nn - 1];
      double w = a[nn * n + nn - 1] * a[(nn - 1) * n + nn];
      if (l == nn - 1) {  // a 2x2 block: a real pair or a complex-conjugate pair
        double p = 0.5 * (y - x);
        double q = p * p + w;
        double z = Math.sqrt(Math.abs(q));
        x += shift;
        if (q >= 0.0) {
          z = p >= 0.0 ? p + z : p - z;
          ev[2 * (nn - 1)] = x + z;
          ev[2 * nn] = z != 0.0 ? x - w / z : x + z;
          ev[2 * (nn - 1) + 1] = 0.0;
          ev[2 * nn + 1] = 0.0;
        } else {
          ev[2 * (nn - 1)] = x + p;
          ev[2 * nn] = x + p;
          ev[2 * (nn - 1) + 1] = -z;
          ev[2 * nn + 1] = z;
        }
        nn -= 2;
        its = 0;
        continue;
      }
      if (its == MAX_ITERATIONS) {
        throw new ArithmeticException("QR iteration did not converge for eigenvalue " + nn + " of " + n);
      }
      if (its > 0 && its % 10 == 0) {  // exceptional shift, to break a cycle
        shift += x;
        for (int i = 0; i <= nn; i++) {
          a[i * n + i] -= x;
        }
        double s = Math.abs(a[nn * n + nn - 1]) + Math.abs(a[(nn - 1) * n + nn - 2]);
        x = 0.75 * s;
        y = x;
        w = -0.4375 * s * s;
      }
      its++;
      // the double shift's first column, and where it starts: two small consecutive subdiagonals
      int m = nn - 2;
      double p = 0.0;
      double q = 0.0;
      double r = 0.0;
      for (; m >= l; m--) {
        double z = a[m * n + m];
        double rr = x - z;
        double ss = y - z;
        p = (rr * ss - w) / a[(m + 1) * n + m] + a[m * n + m + 1];
        q = a[(m + 1) * n + m + 1] - z - rr - ss;
        r = a[(m + 2) * n + m + 1];
        double s = Math.abs(p) + Math.abs(q) + Math.abs(r);
        p /= s;
        q /= s;
        r /= s;
        if (m == l) {
          break;
        }
        double u = Math.abs(a[m * n + m - 1]) * (Math.abs(q) + Math.abs(r));
        double v = Math.abs(p) * (Math.abs(a[(m - 1) * n + m - 1]) + Math.abs(z) + Math.abs(a[(m + 1) * n + m + 1]));
        if (u + v == v) {
          break;
        }
      }
      for (int i = m + 2; i <= nn; i++) {
        a[i * n + i - 2] = 0.0;
        if (i != m + 2) {
          a[i * n + i - 3] = 0.0;
        }
      }
      // the double QR step on rows l..nn, chasing the bulge with 3x3 reflectors
      for (int k = m; k <= nn - 1; k++) {
        if (k != m) {
          p = a[k * n + k - 1];
          q = a[(k + 1) * n + k - 1];
          r = k != nn - 1 ? a[(k + 2) * n + k - 1] : 0.0;
          x = Math.abs(p) + Math.abs(q) + Math.abs(r);
          if (x != 0.0) {
            p /= x;
            q /= x;
            r /= x;
          }
        }
        double s = Math.sqrt(p * p + q * q + r * r);
        if (p < 0.0) {
          s = -s;
        }
        if (s == 0.0) {
          continue;
        }
        if (k == m) {
          if (l != m) {
            a[k * n + k - 1] = -a[k * n + k - 1];
          }
        } else {
          a[k * n + k - 1] = -s * x;
        }
        p += s;
        x = p / s;
        y = q / s;
        double z = r / s;
        q /= p;
        r /= p;
        for (int j = k; j <= nn; j++) {  // rows k..k+2
          double t = a[k * n + j] + q * a[(k + 1) * n + j];
          if (k != nn - 1) {
            t += r * a[(k + 2) * n + j];
            a[(k + 2) * n + j] -= t * z;
          }
          a[(k + 1) * n + j] -= t * y;
          a[k * n + j] -= t * x;
        }
        int last = Math.min(nn, k + 3);
        for (int i = l; i <= last; i++) {  // columns k..k+2
          double t = x * a[i * n + k] + y * a[i * n + k + 1];
          if (k != nn - 1) {
            t += z * a[i * n + k + 2];
            a[i * n + k + 2] -= t * r;
          }
          a[i * n + k + 1] -= t * q;
          a[i * n + k] -= t;
        }
      }
    }
  }

  /**
   * Householder tridiagonalisation of the symmetric n x n matrix {@code a} (overwritten): the
   * diagonal into {@code w[d..d+n)}, the subdiagonal into {@code w[e..e+n-1)}; {@code w[v..]} and
   * {@code w[p..]} are scratch of n each. Each step is A = P A P with P = I - v v^T / h, done as the
   * symmetric rank-2 update A -= v q^T + q v^T, q = A v / h - (v^T A v / 2h^2) v, which keeps A
   * exactly symmetric (both halves get the same sums).
   */
  static void tridiagonalize(double[] a, int n, double[] w, int d, int e, int v, int p) {
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
  static double largestTridiagonalEigenvalue(double[] w, int d, int e, int n) {
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
