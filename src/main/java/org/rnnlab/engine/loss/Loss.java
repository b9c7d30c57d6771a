package org.rnnlab.engine.loss;

import org.rnnlab.config.Component;

/** A loss over the readout's outputs, averaged over the positions that carry a target. */
public interface Loss extends Component {
  /**
   * The weighted mean loss over {@code n} positions, and its gradient.
   *
   * @param out     outputs, {@code n x outputs}
   * @param targets regression targets (position p at {@code (posOff + p) * outputs}), or null
   * @param labels  class labels (position p at {@code posOff + p}), or null
   * @param w       weight per position (0 = no target), or null for all 1
   * @param dOut    receives dL/d(out), {@code n x outputs}
   * @return the loss, sum_p w_p l_p / sum_p w_p (0 when no position has weight)
   */
  // the float32 twin (codegen) keeps targets, weights and the loss in double: a batch's targets
  // are double, and the sums over positions are where float would lose accuracy
  /*f64*/double evaluate(double[] out, int n, int outputs, /*f64*/double[] targets, int[] labels, int posOff,
                  /*f64*/double[] w, double[] dOut);

  /** Whether this loss takes class labels (true) or real targets (false). */
  boolean classification();
}
