package org.rnnlab.engine.clip;

import org.rnnlab.config.Component;

/**
 * A clipping rule applied to the whole gradient after backpropagation (seed 000, 7.3).
 * Rules that act inside BPTT, on the error at every time step, implement
 * {@link org.rnnlab.engine.cell.StepGradientHook} instead.
 */
public interface GradientClip extends Component {
  /** Clips {@code grads} in place and returns its L2 norm before clipping. */
  double apply(double[] grads);

  /** The L2 norm, summed in index order so that it is the same on every machine. */
  static double norm(double[] g) {
    double s = 0.0;
    for (double x : g) {
      s = Math.fma(x, x, s);
    }
    return Math.sqrt(s);
  }
}
