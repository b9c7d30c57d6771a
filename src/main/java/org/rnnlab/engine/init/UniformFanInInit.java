package org.rnnlab.engine.init;

import org.rnnlab.engine.Rng;

/** Uniform in +-1/sqrt(r), r the number of columns (fan-in) of the matrix (seed 000, 7.2.2). */
public record UniformFanInInit() implements Initializer {
  @Override
  public void fill(double[] v, int off, int rows, int cols, double defaultBound, Rng rng) {
    double b = 1.0 / Math.sqrt(cols);
    for (int i = 0; i < rows * cols; i++) {
      v[off + i] = rng.uniform(-b, b);
    }
  }
}
