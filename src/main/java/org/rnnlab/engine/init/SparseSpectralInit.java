package org.rnnlab.engine.init;

import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.rnnlab.config.Hyper;
import org.rnnlab.engine.Rng;

/**
 * The echo-state recipe (seed 000, 7.4; Jaeger 2001; Sutskever et al. 2013): a sparse Gaussian
 * matrix with a fixed number of non-zero inputs per unit, rescaled so that its spectral radius
 * (largest |eigenvalue|) is the given value. Square blocks only.
 */
public record SparseSpectralInit(
    @Hyper(doc = "Target spectral radius; near 1 for long memory (1.1 in Sutskever et al. 2013).",
        min = 0, exclusiveMin = true, defaultValue = "1.1") Double spectralRadius,
    @Hyper(doc = "Non-zero incoming weights per unit (15 in Sutskever et al. 2013).", min = 1,
        defaultValue = "15") Integer inputsPerUnit) implements Initializer {
  public SparseSpectralInit {
    spectralRadius = spectralRadius == null ? 1.1 : spectralRadius;
    inputsPerUnit = inputsPerUnit == null ? 15 : inputsPerUnit;
  }

  @Override
  public void fill(double[] v, int off, int rows, int cols, double defaultBound, Rng rng) {
    if (rows != cols) {
      throw new IllegalArgumentException("sparse_spectral needs a square block, got " + rows + "x" + cols);
    }
    int n = rows;
    int fanIn = Math.min(inputsPerUnit, n);
    java.util.Arrays.fill(v, off, off + n * n, 0.0);
    int[] cols0 = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        cols0[j] = j;
      }
      for (int j = 0; j < fanIn; j++) { // partial Fisher-Yates: fanIn distinct columns
        int pick = j + rng.nextInt(n - j);
        int t = cols0[j];
        cols0[j] = cols0[pick];
        cols0[pick] = t;
        v[off + i * n + cols0[j]] = rng.gaussian();
      }
    }
    double radius = spectralRadius(v, off, n);
    if (radius == 0.0) {
      return;
    }
    double s = spectralRadius / radius;
    for (int i = 0; i < n * n; i++) {
      v[off + i] *= s;
    }
  }

  /** Largest |eigenvalue| of the n x n block at off (EJML's general eigen-decomposition). */
  public static double spectralRadius(double[] v, int off, int n) {
    DMatrixRMaj m = new DMatrixRMaj(n, n);
    System.arraycopy(v, off, m.data, 0, n * n);
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false);
    if (!eig.decompose(m)) {
      throw new IllegalStateException("eigen-decomposition failed");
    }
    double max = 0.0;
    for (int i = 0; i < eig.getNumberOfEigenvalues(); i++) {
      Complex_F64 e = eig.getEigenvalue(i);
      max = Math.max(max, StrictMath.hypot(e.real, e.imaginary));
    }
    return max;
  }
}
