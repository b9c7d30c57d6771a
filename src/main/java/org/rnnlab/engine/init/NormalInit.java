package org.rnnlab.engine.init;

import org.rnnlab.config.Hyper;
import org.rnnlab.engine.Rng;

/** Gaussian N(0, std^2), e.g. input weights 0.001*N(0,1) in Sutskever et al. (2013). */
public record NormalInit(
    @Hyper(doc = "Standard deviation of every weight.", min = 0, defaultValue = "0.01") Double std)
    implements Initializer {
  public NormalInit {
    std = std == null ? 0.01 : std;
  }

  @Override
  public void fill(double[] v, int off, int rows, int cols, double defaultBound, Rng rng) {
    for (int i = 0; i < rows * cols; i++) {
      v[off + i] = std * rng.gaussian();
    }
  }
}
