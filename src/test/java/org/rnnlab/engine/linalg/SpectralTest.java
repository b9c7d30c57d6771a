package org.rnnlab.engine.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.init.SparseDraw;

/** Eigenvalues, spectral radius and largest singular value against known spectra and commons-math. */
class SpectralTest {
  private static double[] random(int n, Rng rng) {
    double[] a = new double[n * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = rng.gaussian();
    }
    return a;
  }

  private static RealMatrix matrix(double[] a, int rows, int cols) {
    double[][] m = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(a, i * cols, m[i], 0, cols);
    }
    return new Array2DRowRealMatrix(m, false);
  }

  /** Every eigenvalue of ours has a distinct partner in (re, im) within tol (greedy matching). */
  private static void assertSameSpectrum(double[] re, double[] im, double[] wantRe, double[] wantIm, double tol) {
    assertEquals(wantRe.length, re.length);
    boolean[] used = new boolean[re.length];
    for (int i = 0; i < re.length; i++) {
      int best = -1;
      double dist = Double.POSITIVE_INFINITY;
      for (int j = 0; j < re.length; j++) {
        double dd = Math.hypot(re[i] - wantRe[j], im[i] - wantIm[j]);
        if (!used[j] && dd < dist) {
          dist = dd;
          best = j;
        }
      }
      used[best] = true;
      assertTrue(dist <= tol, "eigenvalue " + re[i] + "+" + im[i] + "i has no partner within " + tol + " (" + dist + ")");
    }
  }

  @Test
  void knownSpectrumWithAComplexDominantPair() {
    // D = blocks [[a, -b], [b, a]] (eigenvalues a +- ib) and reals; A = S D S^-1
    double[][] pairs = {{0.3, 1.2}, {-0.7, 0.4}, {0.1, 0.05}};
    double[] reals = {0.9, -1.1, 0.0, 0.25, -0.5};
    int n = 2 * pairs.length + reals.length;
    double[] d = new double[n * n];
    double[] wantRe = new double[n];
    double[] wantIm = new double[n];
    int k = 0;
    for (double[] p : pairs) {
      d[k * n + k] = p[0];
      d[k * n + k + 1] = -p[1];
      d[(k + 1) * n + k] = p[1];
      d[(k + 1) * n + k + 1] = p[0];
      wantRe[k] = p[0];
      wantIm[k] = p[1];
      wantRe[k + 1] = p[0];
      wantIm[k + 1] = -p[1];
      k += 2;
    }
    for (double r : reals) {
      d[k * n + k] = r;
      wantRe[k++] = r;
    }
    Rng rng = Rng.of(3);
    double[] s = random(n, rng);
    for (int i = 0; i < n; i++) {
      s[i * n + i] += 4.0; // well conditioned
    }
    RealMatrix sm = matrix(s, n, n);
    RealMatrix a = sm.multiply(matrix(d, n, n)).multiply(new LUDecomposition(sm).getSolver().getInverse());
    double[] flat = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        flat[i * n + j] = a.getEntry(i, j);
      }
    }
    Spectral.Eigenvalues e = Spectral.eigenvalues(flat, 0, n);
    assertSameSpectrum(e.re(), e.im(), wantRe, wantIm, 1e-12);
    assertEquals(Math.hypot(0.3, 1.2), e.radius(), 1e-13, "dominant |0.3 +- 1.2i|");
  }

  @Test
  void agreesWithCommonsMathOnDenseAndSparseMatrices() {
    Rng rng = Rng.of(5);
    for (int n : new int[] {1, 2, 3, 5, 11, 37, 64}) {
      checkAgainstCommonsMath(random(n, rng.child(n)), n);
    }
    for (int n : new int[] {50, 150}) { // reservoir-like: 10% dense, and 10 inputs per unit
      double[] a = new double[n * n];
      SparseDraw.density(a, 0, n, n, 0.1, SparseDraw.Values.NORMAL, rng.child("density" + n));
      checkAgainstCommonsMath(a, n);
      SparseDraw.fixedFanIn(a, 0, n, 10, SparseDraw.Values.UNIFORM, rng.child("fanin" + n));
      checkAgainstCommonsMath(a, n);
    }
  }

  private static void checkAgainstCommonsMath(double[] a, int n) {
    double[] copy = a.clone();
    Spectral.Eigenvalues e = Spectral.eigenvalues(a, 0, n);
    assertEquals(0, java.util.Arrays.compare(copy, a), "input modified");
    EigenDecomposition cm = new EigenDecomposition(matrix(a, n, n));
    double radius = 0.0;
    for (int i = 0; i < n; i++) {
      radius = Math.max(radius, Math.hypot(cm.getRealEigenvalue(i), cm.getImagEigenvalue(i)));
    }
    // sparse matrices have defective zero eigenvalues (Jordan blocks), which no solver gets better
    // than sqrt(eps) * |A|: compare the eigenvalues away from zero
    double floor = 1e-6 * radius;
    assertSameSpectrum(above(e.re(), e.im(), floor, true), above(e.re(), e.im(), floor, false),
        above(cm.getRealEigenvalues(), cm.getImagEigenvalues(), floor, true),
        above(cm.getRealEigenvalues(), cm.getImagEigenvalues(), floor, false), 1e-9 * Math.max(1, radius));
    assertEquals(radius, e.radius(), 1e-11 * radius, "spectral radius n=" + n);
  }

  /** The real (or imaginary) parts of the eigenvalues of modulus above floor. */
  private static double[] above(double[] re, double[] im, double floor, boolean real) {
    return java.util.stream.IntStream.range(0, re.length).filter(i -> Math.hypot(re[i], im[i]) > floor)
        .mapToDouble(i -> real ? re[i] : im[i]).toArray();
  }

  @Test
  void edgeCases() {
    assertEquals(0.0, Spectral.radius(new double[0], 0, 0));
    assertEquals(2.5, Spectral.radius(new double[] {9, -2.5, 9}, 1, 1), "1x1 at an offset");
    assertEquals(0.0, Spectral.radius(new double[16], 0, 4), "zero matrix");
    // upper triangular: the diagonal; a rotation: |e^{i theta}| = 1
    assertEquals(3.0, Spectral.radius(new double[] {1, 5, 7, 0, -3, 2, 0, 0, 2}, 0, 3), 1e-14);
    double c = Math.cos(0.3);
    double s = Math.sin(0.3);
    Spectral.Eigenvalues rot = Spectral.eigenvalues(new double[] {c, -s, s, c}, 0, 2);
    assertEquals(1.0, rot.radius(), 1e-15);
    assertEquals(s, Math.abs(rot.im()[0]), 1e-15);
    assertEquals(-rot.im()[0], rot.im()[1], 0.0, "a conjugate pair");
  }

  @Test
  void largestSingularValueMatchesCommonsMathSvd() {
    Rng rng = Rng.of(9);
    for (int[] rc : new int[][] {{1, 1}, {7, 3}, {3, 7}, {13, 13}, {40, 65}, {65, 40}}) {
      double[] a = new double[rc[0] * rc[1] + 2];
      for (int i = 0; i < a.length; i++) {
        a[i] = rng.gaussian();
      }
      double[] block = java.util.Arrays.copyOfRange(a, 2, a.length);
      double want = new SingularValueDecomposition(matrix(block, rc[0], rc[1])).getSingularValues()[0];
      assertEquals(want, Spectral.largestSingularValue(a, 2, rc[0], rc[1]), 1e-12 * want, rc[0] + "x" + rc[1]);
    }
  }

  @Test
  void sameBitsEveryTime() {
    double[] a = new double[120 * 120];
    SparseDraw.density(a, 0, 120, 120, 0.1, SparseDraw.Values.NORMAL, Rng.of(1));
    Spectral.Eigenvalues e1 = Spectral.eigenvalues(a, 0, 120);
    Spectral.Eigenvalues e2 = Spectral.eigenvalues(a.clone(), 0, 120);
    assertTrue(java.util.Arrays.equals(e1.re(), e2.re()) && java.util.Arrays.equals(e1.im(), e2.im()));
  }
}
