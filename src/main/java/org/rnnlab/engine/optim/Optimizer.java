package org.rnnlab.engine.optim;

/** Updates parameters in place from their gradient; holds its own state (moments, velocity). */
public interface Optimizer {
  /** One update of {@code params} from {@code grads} (same length as at creation). */
  void step(double[] params, double[] grads);
}
