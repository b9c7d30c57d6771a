package org.rnnlab.engine.init;

import org.rnnlab.config.Hyper;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.linalg.Spectral;

/**
 * The echo-state recipe (seed 000, 7.4; Jaeger 2001; Sutskever et al. 2013): a sparse Gaussian
 * matrix with a fixed number of non-zero inputs per unit, rescaled so that its spectral radius
 * (largest |eigenvalue|, computed reproducibly by {@link Spectral#radius}) is the given value.
 * Square blocks only.
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
    SparseDraw.fixedFanIn(v, off, n, inputsPerUnit, SparseDraw.Values.NORMAL, rng);
    rescale(v, off, n, spectralRadius);
  }

  /**
   * Multiplies the n x n block at off by target / (its spectral radius) and returns the radius it
   * had; a block of radius 0 (nilpotent, e.g. empty) is left as it is.
   */
  public static double rescale(double[] v, int off, int n, double target) {
    double radius = Spectral.radius(v, off, n);
    if (radius == 0.0) {
      return 0.0;
    }
    double s = target / radius;
    for (int i = 0; i < n * n; i++) {
      v[off + i] *= s;
    }
    return radius;
  }
}
