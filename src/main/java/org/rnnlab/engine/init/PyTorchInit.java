package org.rnnlab.engine.init;

import org.rnnlab.engine.Rng;

/**
 * PyTorch's default for nn.RNN/LSTM/GRU and nn.Linear: every weight and bias uniform in
 * +-1/sqrt(hidden_size) (recurrent) or +-1/sqrt(fan_in) (linear).
 */
public record PyTorchInit() implements Initializer {
  @Override
  public void fill(double[] v, int off, int rows, int cols, double defaultBound, Rng rng) {
    for (int i = 0; i < rows * cols; i++) {
      v[off + i] = rng.uniform(-defaultBound, defaultBound);
    }
  }

  @Override
  public void fillBias(double[] v, int off, int n, double defaultBound, Rng rng) {
    for (int i = 0; i < n; i++) {
      v[off + i] = rng.uniform(-defaultBound, defaultBound);
    }
  }
}
