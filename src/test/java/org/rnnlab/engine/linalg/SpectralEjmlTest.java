package org.rnnlab.engine.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Rng;

/**
 * The reproducible spectral routines against EJML (accuracy) and against matrices whose spectrum
 * is known exactly, including a dominant complex-conjugate pair; and their bits against recorded
 * fingerprints (which hold on every JVM and machine: the code is IEEE-exact operations only).
 */
class SpectralEjmlTest {
  static final int[] SIZES = {1, 2, 3, 5, 11, 32, 64};

  static double[] gaussian(int rows, int cols, long seed) {
    Rng r = Rng.of(seed).child("matrix");
    double[] a = new double[rows * cols];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.gaussian() / Math.sqrt(cols);
    }
    return a;
  }

  static double ejmlRadius(double[] a, int n) {
    DMatrixRMaj m = new DMatrixRMaj(n, n);
    System.arraycopy(a, 0, m.data, 0, n * n);
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false);
    assertTrue(eig.decompose(m));
    double max = 0.0;
    for (int i = 0; i < n; i++) {
      Complex_F64 e = eig.getEigenvalue(i);
      max = Math.max(max, StrictMath.hypot(e.real, e.imaginary));
    }
    return max;
  }

  static double ejmlSigmaMax(double[] a, int rows, int cols) {
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    System.arraycopy(a, 0, m.data, 0, rows * cols);
    SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(rows, cols, false, false, true);
    assertTrue(svd.decompose(m));
    double max = 0.0;
    for (double s : svd.getSingularValues()) {
      max = Math.max(max, s);
    }
    return max;
  }

  @Test
  void spectralRadiusAgreesWithEjmlOnRandomMatrices() {
    for (int n : SIZES) {
      for (long seed = 1; seed <= 5; seed++) {
        double[] a = gaussian(n, n, seed * 100 + n);
        double ours = Spectral.radius(a, 0, n);
        assertEquals(ejmlRadius(a, n), ours, 1e-11 * ours, "n=" + n + " seed " + seed);
      }
    }
  }

  @Test
  void allEigenvaluesAgreeWithEjml() {
    for (int n : new int[] {5, 11, 32}) {
      double[] a = gaussian(n, n, 7 + n);
      Spectral.Eigenvalues ours = Spectral.eigenvalues(a, 0, n);
      DMatrixRMaj m = new DMatrixRMaj(n, n);
      System.arraycopy(a, 0, m.data, 0, n * n);
      EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false);
      assertTrue(eig.decompose(m));
      double[][] x = new double[n][];
      double[][] y = new double[n][];
      for (int i = 0; i < n; i++) {
        x[i] = new double[] {ours.re()[i], ours.im()[i]};
        y[i] = new double[] {eig.getEigenvalue(i).real, eig.getEigenvalue(i).imaginary};
      }
      java.util.Comparator<double[]> byValue = (p, q) -> p[0] != q[0] ? Double.compare(p[0], q[0]) : Double.compare(p[1], q[1]);
      Arrays.sort(x, byValue);
      Arrays.sort(y, byValue);
      for (int i = 0; i < n; i++) {
        assertEquals(y[i][0], x[i][0], 1e-10, "n=" + n + " re " + i);
        assertEquals(y[i][1], x[i][1], 1e-10, "n=" + n + " im " + i);
      }
    }
  }

  @Test
  void largestSingularValueAgreesWithEjml() {
    for (int n : SIZES) {
      for (int cols : new int[] {n, 2 * n + 1}) {
        double[] a = gaussian(n, cols, 31 * n + cols);
        double ours = Spectral.largestSingularValue(a, 0, n, cols);
        assertEquals(ejmlSigmaMax(a, n, cols), ours, 1e-13 * ours, n + "x" + cols);
        double[] t = transpose(a, n, cols);
        assertEquals(ours, Spectral.largestSingularValue(t, 0, cols, n), 1e-13 * ours, "transpose of " + n + "x" + cols);
      }
    }
  }

  static double[] transpose(double[] a, int rows, int cols) {
    double[] t = new double[a.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        t[j * rows + i] = a[i * cols + j];
      }
    }
    return t;
  }

  /** A random orthogonal matrix (Gram-Schmidt of a Gaussian one). */
  static double[] orthogonal(int n, long seed) {
    double[] q = gaussian(n, n, seed);
    for (int j = 0; j < n; j++) {
      for (int k = 0; k < j; k++) {
        double d = 0;
        for (int i = 0; i < n; i++) {
          d += q[i * n + j] * q[i * n + k];
        }
        for (int i = 0; i < n; i++) {
          q[i * n + j] -= d * q[i * n + k];
        }
      }
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += q[i * n + j] * q[i * n + j];
      }
      s = Math.sqrt(s);
      for (int i = 0; i < n; i++) {
        q[i * n + j] /= s;
      }
    }
    return q;
  }

  /** Q B Q^T. */
  static double[] similar(double[] b, double[] q, int n) {
    return product(product(q, b, n, false), q, n, true);
  }

  /** x y, or x y^T. */
  static double[] product(double[] x, double[] y, int n, boolean transposeY) {
    double[] r = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += x[i * n + k] * (transposeY ? y[j * n + k] : y[k * n + j]);
        }
        r[i * n + j] = s;
      }
    }
    return r;
  }

  /**
   * The case power iteration cannot do: the dominant eigenvalues a complex pair r e^{+-i theta}
   * (a scaled rotation block), hidden by an orthogonal change of basis among smaller real and
   * complex eigenvalues.
   */
  @Test
  void dominantComplexPair() {
    int n = 9;
    double r = 1.3;
    double th = 0.7;
    double[] b = new double[n * n];
    b[0] = r * StrictMath.cos(th);
    b[1] = -r * StrictMath.sin(th);
    b[n] = r * StrictMath.sin(th);
    b[n + 1] = r * StrictMath.cos(th);
    b[2 * n + 2] = 0.2;
    b[2 * n + 3] = -0.9;  // a smaller complex pair 0.2 +- 0.9i (|.| = 0.922)
    b[3 * n + 2] = 0.9;
    b[3 * n + 3] = 0.2;
    double[] diag = {-1.1, 0.5, 1.0, -0.3, 0.0};
    for (int i = 0; i < 5; i++) {
      b[(4 + i) * n + 4 + i] = diag[i];
    }
    b[4 * n + 5] = 0.7; // non-normal
    double[] a = similar(b, orthogonal(n, 3), n);
    assertEquals(r, Spectral.radius(a, 0, n), 1e-13);
    Spectral.Eigenvalues ev = Spectral.eigenvalues(a, 0, n);
    int pairs = 0;
    for (int i = 0; i < n; i++) {
      if (Math.abs(ev.modulus(i) - r) < 1e-12) {
        assertEquals(r * StrictMath.sin(th), Math.abs(ev.im()[i]), 1e-12);
        pairs++;
      }
    }
    assertEquals(2, pairs, Arrays.toString(ev.re()) + Arrays.toString(ev.im()));
  }

  @Test
  void knownSpectra() {
    assertEquals(0.0, Spectral.radius(new double[16], 0, 4), 0.0, "zero");
    double[] id = new double[25];
    for (int i = 0; i < 5; i++) {
      id[i * 5 + i] = 1.0;
    }
    assertEquals(1.0, Spectral.radius(id, 0, 5), 0.0, "identity");
    double[] nil = new double[16];
    nil[1] = 5.0;
    nil[6] = 3.0;
    nil[11] = 2.0;
    assertEquals(0.0, Spectral.radius(nil, 0, 4), 0.0, "nilpotent");
    // companion matrix of (x - 1)(x + 2)(x - 3) = x^3 - 2x^2 - 5x + 6
    double[] comp = {2, 5, -6, 1, 0, 0, 0, 1, 0};
    assertEquals(3.0, Spectral.radius(comp, 0, 3), 1e-13);
    double[] sym = similar(new double[] {2, 0, 0, 0, -3.5, 0, 0, 0, 1}, orthogonal(3, 5), 3);
    assertEquals(3.5, Spectral.radius(sym, 0, 3), 1e-13, "symmetric: the largest |eigenvalue|");
    assertEquals(3.5, Spectral.largestSingularValue(sym, 0, 3, 3), 1e-13, "symmetric: equal to sigma_max");
    // an offset block inside a larger array
    double[] padded = new double[3 + 9];
    System.arraycopy(comp, 0, padded, 3, 9);
    assertEquals(Spectral.radius(comp, 0, 3), Spectral.radius(padded, 3, 3), 0.0);
    assertTrue(Double.isNaN(Spectral.radius(new double[] {1, Double.NaN, 0, 1}, 0, 2)), "a diverged matrix has no radius");
  }

  /** sigma_max bounds the spectral radius (Lemma 7.3.1's strict bound uses it). */
  @Test
  void largestSingularValueBoundsTheSpectralRadius() {
    for (int n : SIZES) {
      double[] a = gaussian(n, n, 5 * n);
      assertTrue(Spectral.radius(a, 0, n) <= Spectral.largestSingularValue(a, 0, n, n) * (1 + 1e-14));
    }
  }

  static long mix(long h, double v) {
    long z = h ^ Double.doubleToLongBits(v);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Bits of every eigenvalue and sigma_max of a fixed set of matrices. */
  static long fingerprint() {
    long h = 0x5bd1e995L;
    for (int n : SIZES) {
      double[] a = gaussian(n, n, 1000 + n);
      Spectral.Eigenvalues e = Spectral.eigenvalues(a, 0, n);
      for (int i = 0; i < n; i++) {
        h = mix(mix(h, e.re()[i]), e.im()[i]);
      }
      h = mix(h, Spectral.largestSingularValue(a, 0, n, n));
      h = mix(h, Spectral.largestSingularValue(gaussian(n, 2 * n + 3, 2000 + n), 0, n, 2 * n + 3));
    }
    return h;
  }

  @Test
  void bitsAreTheRecordedOnes() {
    assertEquals(fingerprint(), fingerprint(), "two runs");
    assertEquals(String.format("0x%016x", GOLDEN), String.format("0x%016x", fingerprint()),
        "the bits changed; if the numerics were changed on purpose, re-record with main()");
  }

  static final long GOLDEN = 0x406252430a48615bL; // sigma_max by SymmetricEigen, eigenvalues by HessenbergQr

  public static void main(String[] args) {
    System.out.printf("0x%016xL%n", fingerprint());
  }
}
