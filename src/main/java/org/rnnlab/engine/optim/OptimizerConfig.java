package org.rnnlab.engine.optim;

import org.rnnlab.config.Component;

/** The spec record of an optimiser. */
public interface OptimizerConfig extends Component {
  /** A fresh optimiser for {@code n} parameters. */
  Optimizer create(int n);

  /** The same for a float32 model (the generated twin of the update arithmetic). */
  OptimizerF32 createF32(int n);
}
