package org.rnnlab.engine.init;

import org.rnnlab.config.Hyper;
import org.rnnlab.engine.Rng;

/** scale * I (Le, Jaitly and Hinton 2015, the IRNN); for rectangular blocks, ones on the diagonal. */
public record IdentityInit(
    @Hyper(doc = "Value on the diagonal; 1 for the IRNN.", defaultValue = "1.0") Double scale)
    implements Initializer {
  public IdentityInit {
    scale = scale == null ? 1.0 : scale;
  }

  @Override
  public void fill(double[] v, int off, int rows, int cols, double defaultBound, Rng rng) {
    java.util.Arrays.fill(v, off, off + rows * cols, 0.0);
    for (int i = 0; i < Math.min(rows, cols); i++) {
      v[off + i * cols + i] = scale;
    }
  }
}
