package org.rnnlab.engine.init;

import org.rnnlab.config.Component;
import org.rnnlab.engine.Rng;

/**
 * Fills weight matrices at the start of training. Layers call {@link #fill} once per gate
 * block, so a 4-gate LSTM's recurrent matrix is four {@code hidden x hidden} blocks, each
 * initialised on its own (orthogonal and identity initialisers act per gate).
 */
public interface Initializer extends Component {
  /**
   * Fills a {@code rows x cols} row-major block (rows = fan-out, cols = fan-in).
   *
   * @param defaultBound PyTorch's default bound for the owning module: 1/sqrt(hidden_size) for
   *                     recurrent layers, 1/sqrt(fan_in) for linear layers
   */
  void fill(double[] v, int off, int rows, int cols, double defaultBound, Rng rng);

  /** Fills a bias vector; zero unless the scheme says otherwise. */
  default void fillBias(double[] v, int off, int n, double defaultBound, Rng rng) {
    java.util.Arrays.fill(v, off, off + n, 0.0);
  }

  /** {@link #fill} for a float32 model: the same draws in double, each rounded to float. */
  default void fill(float[] v, int off, int rows, int cols, double defaultBound, Rng rng) {
    double[] d = new double[rows * cols];
    fill(d, 0, rows, cols, defaultBound, rng);
    for (int i = 0; i < d.length; i++) {
      v[off + i] = (float) d[i];
    }
  }

  /** {@link #fillBias} for a float32 model: the same draws in double, each rounded to float. */
  default void fillBias(float[] v, int off, int n, double defaultBound, Rng rng) {
    double[] d = new double[n];
    fillBias(d, 0, n, defaultBound, rng);
    for (int i = 0; i < n; i++) {
      v[off + i] = (float) d[i];
    }
  }
}
