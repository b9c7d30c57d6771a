package org.rnnlab.engine.init;

import java.util.Arrays;
import org.rnnlab.engine.Rng;

/**
 * Random sparse matrices for echo-state weights (seed 000, 7.4: "a number of connections in
 * W_hh can be sampled to be non-zero and others are set to 0"): a fixed number of non-zero
 * inputs per row (Jaeger 2001; Sutskever et al. 2013), or a fixed fraction of all entries
 * (reservoirpy's {@code connectivity}: exactly round(density * rows * cols) non-zeros).
 */
public final class SparseDraw {
  private SparseDraw() {}

  /** The distribution of the non-zero values. */
  public enum Values {
    /** Standard normal N(0, 1) (reservoirpy's {@code normal}, Sutskever et al. 2013). */
    NORMAL,
    /** Uniform on [-1, 1) (Jaeger 2001; Lukosevicius 2012). */
    UNIFORM,
    /** -1 or +1 with probability 1/2 each (reservoirpy's input {@code bernoulli}). */
    BERNOULLI;

    double draw(Rng rng) {
      switch (this) {
        case NORMAL:
          return rng.gaussian();
        case UNIFORM:
          return rng.uniform(-1.0, 1.0);
        default:
          return rng.nextDouble() < 0.5 ? -1.0 : 1.0;
      }
    }
  }

  /**
   * Fills the n x n block at off with min(fanIn, n) non-zeros per row at distinct random columns
   * (a partial Fisher-Yates shuffle per row), each value drawn right after its column, all from
   * {@code rng}.
   */
  public static void fixedFanIn(double[] v, int off, int n, int fanIn, Values values, Rng rng) {
    int k = Math.min(fanIn, n);
    Arrays.fill(v, off, off + n * n, 0.0);
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        perm[j] = j;
      }
      for (int j = 0; j < k; j++) {
        int pick = j + rng.nextInt(n - j);
        int t = perm[j];
        perm[j] = perm[pick];
        perm[pick] = t;
        v[off + i * n + perm[j]] = values.draw(rng);
      }
    }
  }

  /**
   * Fills the rows x cols block at off with exactly round(density * rows * cols) non-zeros at
   * uniformly random distinct positions (selection sampling, Knuth TAOCP 3.4.2 Algorithm S, from
   * {@code rng.child("pattern")}), their values drawn in row-major order from
   * {@code rng.child("values")}.
   */
  public static void density(double[] v, int off, int rows, int cols, double density, Values values, Rng rng) {
    if (!(density >= 0.0 && density <= 1.0)) {
      throw new IllegalArgumentException("density must be in [0, 1], got " + density);
    }
    long total = (long) rows * cols;
    long want = Math.round(density * total);
    Rng pattern = rng.child("pattern");
    Rng vals = rng.child("values");
    Arrays.fill(v, off, off + rows * cols, 0.0);
    long chosen = 0;
    for (long idx = 0; idx < total && chosen < want; idx++) {
      // select with probability (still wanted) / (still available)
      if (pattern.nextDouble() * (total - idx) < want - chosen) {
        v[off + (int) idx] = values.draw(vals);
        chosen++;
      }
    }
  }
}
