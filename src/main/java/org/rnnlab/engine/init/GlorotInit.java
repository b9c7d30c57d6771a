package org.rnnlab.engine.init;

import org.rnnlab.config.Hyper;
import org.rnnlab.engine.Rng;

/** Glorot and Bengio (2010) uniform: +-gain*sqrt(6/(fan_in+fan_out)), per gate block. */
public record GlorotInit(
    @Hyper(doc = "Scale factor on the bound; 1 for tanh/sigmoid units.", min = 0, exclusiveMin = true,
        defaultValue = "1.0") Double gain) implements Initializer {
  public GlorotInit {
    gain = gain == null ? 1.0 : gain;
  }

  @Override
  public void fill(double[] v, int off, int rows, int cols, double defaultBound, Rng rng) {
    double b = gain * Math.sqrt(6.0 / (rows + cols));
    for (int i = 0; i < rows * cols; i++) {
      v[off + i] = rng.uniform(-b, b);
    }
  }
}
