package org.rnnlab.engine.linalg;

/**
 * Eigenvalues of a general real matrix: balancing (Parlett and Reinsch 1969, by powers of 2),
 * Householder reduction to upper Hessenberg form, then Francis' implicit double-shift QR
 * iteration (Golub and Van Loan, Matrix Computations, 4th ed., 7.4-7.5; the EISPACK routines
 * balanc, orthes and hqr of Wilkinson and Reinsch 1971, eigenvalues only).
 *
 * <p>Why our own code and not EJML: EJML's QR iteration takes exceptional shifts from
 * {@code Math.pow} and {@code Math.sin}/{@code Math.cos}, which the JVM may evaluate differently
 * by an ulp on different processors (see docs/reservoirs.md). Here every operation is +, -, *, /,
 * {@code Math.sqrt} or {@code Math.abs}, in a fixed order, single-threaded, with the classic
 * fixed-formula exceptional shifts, so the eigenvalues are the same bits on every Java 17+ JVM
 * and machine (JLS 15.4: floating-point arithmetic is strict).
 */
final class HessenbergQr {
  private HessenbergQr() {}

  /** Iterations allowed per eigenvalue before giving up (EISPACK allows 30; exceptional shifts every 10). */
  private static final int MAX_ITERATIONS = 60;

  /**
   * Overwrites {@code a} (n x n, row-major, destroyed) and writes the eigenvalues' real and
   * imaginary parts into wr and wi (complex ones as conjugate pairs, positive imaginary first).
   */
  static void eigenvalues(double[] a, int n, double[] wr, double[] wi) {
    balance(a, n);
    hessenberg(a, n, new double[n]);
    hqr(a, n, wr, wi);
  }

  /** Scales rows and columns by powers of 2 (exact) until their off-diagonal 1-norms are similar. */
  private static void balance(double[] a, int n) {
    final double radix = 2.0;
    final double sqrdx = radix * radix;
    boolean done = false;
    while (!done) {
      done = true;
      for (int i = 0; i < n; i++) {
        double r = 0.0;
        double c = 0.0;
        for (int j = 0; j < n; j++) {
          if (j != i) {
            c += Math.abs(a[j * n + i]);
            r += Math.abs(a[i * n + j]);
          }
        }
        if (c != 0.0 && r != 0.0) {
          double g = r / radix;
          double f = 1.0;
          double s = c + r;
          while (c < g) {
            f *= radix;
            c *= sqrdx;
          }
          g = r * radix;
          while (c > g) {
            f /= radix;
            c /= sqrdx;
          }
          if ((c + r) / f < 0.95 * s) {
            done = false;
            g = 1.0 / f;
            for (int j = 0; j < n; j++) {
              a[i * n + j] *= g;
            }
            for (int j = 0; j < n; j++) {
              a[j * n + i] *= f;
            }
          }
        }
      }
    }
  }

  /**
   * Householder similarity reduction to upper Hessenberg form (EISPACK orthes); entries below
   * the subdiagonal are set to zero.
   */
  private static void hessenberg(double[] a, int n, double[] v) {
    double[] w = new double[n];
    for (int m = 1; m < n - 1; m++) {
      double scale = 0.0;
      for (int i = m; i < n; i++) {
        scale += Math.abs(a[i * n + m - 1]);
      }
      if (scale == 0.0) {
        continue;
      }
      double h = 0.0;
      for (int i = n - 1; i >= m; i--) {
        v[i] = a[i * n + m - 1] / scale;
        h = Math.fma(v[i], v[i], h);
      }
      double g = v[m] >= 0 ? -Math.sqrt(h) : Math.sqrt(h);
      h -= v[m] * g;
      v[m] -= g;
      // from the left, (I - v v^T / h) A on columns m..n-1: w_j = sum_i v_i a_ij, row by row
      java.util.Arrays.fill(w, m, n, 0.0);
      for (int i = m; i < n; i++) {
        double vi = v[i];
        int row = i * n;
        for (int j = m; j < n; j++) {
          w[j] = Math.fma(vi, a[row + j], w[j]);
        }
      }
      for (int j = m; j < n; j++) {
        w[j] /= h;
      }
      for (int i = m; i < n; i++) {
        double vi = -v[i];
        int row = i * n;
        for (int j = m; j < n; j++) {
          a[row + j] = Math.fma(vi, w[j], a[row + j]);
        }
      }
      // from the right, A (I - v v^T / h) on every row
      for (int i = 0; i < n; i++) {
        int row = i * n;
        double f = 0.0;
        for (int j = m; j < n; j++) {
          f = Math.fma(v[j], a[row + j], f);
        }
        f = -(f / h);
        for (int j = m; j < n; j++) {
          a[row + j] = Math.fma(f, v[j], a[row + j]);
        }
      }
      a[m * n + m - 1] = scale * g;
      for (int i = m + 1; i < n; i++) {
        a[i * n + m - 1] = 0.0;
      }
    }
  }

  private static double sign(double magnitude, double of) {
    return of >= 0.0 ? Math.abs(magnitude) : -Math.abs(magnitude);
  }

  /** Eigenvalues of an upper Hessenberg matrix by the implicit double-shift QR iteration (EISPACK hqr). */
  private static void hqr(double[] a, int n, double[] wr, double[] wi) {
    double anorm = 0.0;
    for (int i = 0; i < n; i++) {
      for (int j = Math.max(i - 1, 0); j < n; j++) {
        anorm += Math.abs(a[i * n + j]);
      }
    }
    int nn = n - 1;
    double t = 0.0; // accumulated exceptional shifts
    while (nn >= 0) {
      int its = 0;
      int l;
      do {
        // look for a negligible subdiagonal element a[l][l-1]
        for (l = nn; l >= 1; l--) {
          double s = Math.abs(a[(l - 1) * n + l - 1]) + Math.abs(a[l * n + l]);
          if (s == 0.0) {
            s = anorm;
          }
          if (Math.abs(a[l * n + l - 1]) + s == s) {
            a[l * n + l - 1] = 0.0;
            break;
          }
        }
        double x = a[nn * n + nn];
        if (l == nn) { // one root
          wr[nn] = x + t;
          wi[nn] = 0.0;
          nn--;
        } else {
          double y = a[(nn - 1) * n + nn - 1];
          double w = a[nn * n + nn - 1] * a[(nn - 1) * n + nn];
          if (l == nn - 1) { // two roots
            double p = 0.5 * (y - x);
            double q = p * p + w;
            double z = Math.sqrt(Math.abs(q));
            x += t;
            if (q >= 0.0) {
              z = p + sign(z, p);
              wr[nn - 1] = x + z;
              wr[nn] = z != 0.0 ? x - w / z : x + z;
              wi[nn - 1] = 0.0;
              wi[nn] = 0.0;
            } else {
              wr[nn - 1] = x + p;
              wr[nn] = x + p;
              wi[nn - 1] = z;
              wi[nn] = -z;
            }
            nn -= 2;
          } else {
            if (its == MAX_ITERATIONS) {
              throw new ArithmeticException("QR iteration did not converge after " + its + " iterations");
            }
            if (its > 0 && its % 10 == 0) { // exceptional shift
              t += x;
              for (int i = 0; i <= nn; i++) {
                a[i * n + i] -= x;
              }
              double s = Math.abs(a[nn * n + nn - 1]) + Math.abs(a[(nn - 1) * n + nn - 2]);
              x = 0.75 * s;
              y = x;
              w = -0.4375 * s * s;
            }
            its++;
            doubleShiftStep(a, n, l, nn, x, y, w);
          }
        }
      } while (l < nn - 1);
    }
  }

  /** One Francis double-shift step on the active block [l, nn] with shifts given by x, y, w. */
  private static void doubleShiftStep(double[] a, int n, int l, int nn, double x, double y, double w) {
    double p = 0.0;
    double q = 0.0;
    double r = 0.0;
    int m;
    // find two consecutive small subdiagonal elements, where the bulge can start
    for (m = nn - 2; m >= l; m--) {
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
    // chase the bulge down with 3 x 3 Householder reflections
    for (int k = m; k <= nn - 1; k++) {
      double xx = 0.0;
      if (k != m) {
        p = a[k * n + k - 1];
        q = a[(k + 1) * n + k - 1];
        r = k != nn - 1 ? a[(k + 2) * n + k - 1] : 0.0;
        xx = Math.abs(p) + Math.abs(q) + Math.abs(r);
        if (xx != 0.0) {
          p /= xx;
          q /= xx;
          r /= xx;
        }
      }
      double s = sign(Math.sqrt(p * p + q * q + r * r), p);
      if (s == 0.0) {
        continue;
      }
      if (k == m) {
        if (l != m) {
          a[k * n + k - 1] = -a[k * n + k - 1];
        }
      } else {
        a[k * n + k - 1] = -s * xx;
      }
      p += s;
      double hx = p / s;
      double hy = q / s;
      double hz = r / s;
      q /= p;
      r /= p;
      boolean three = k != nn - 1;
      for (int j = k; j <= nn; j++) { // rows k..k+2
        double f = a[k * n + j] + q * a[(k + 1) * n + j];
        if (three) {
          f += r * a[(k + 2) * n + j];
          a[(k + 2) * n + j] -= f * hz;
        }
        a[(k + 1) * n + j] -= f * hy;
        a[k * n + j] -= f * hx;
      }
      int last = Math.min(nn, k + 3);
      for (int i = l; i <= last; i++) { // columns k..k+2
        double f = hx * a[i * n + k] + hy * a[i * n + k + 1];
        if (three) {
          f += hz * a[i * n + k + 2];
          a[i * n + k + 2] -= f * r;
        }
        a[i * n + k + 1] -= f * q;
        a[i * n + k] -= f;
      }
    }
  }
}
