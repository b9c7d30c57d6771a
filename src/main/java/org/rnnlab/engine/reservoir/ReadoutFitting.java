package org.rnnlab.engine.reservoir;

import org.rnnlab.engine.Batch;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.SequenceModel;

/**
 * Data-dependent readouts for a trained recurrent model (seed 000, 7.4: "initialize the recurrent
 * network by using its echo-state variant to train the output layer"; Sutskever et al. 2013,
 * Table 4: output bias = the mean target). Both write {@code readout.weight} / {@code readout.bias}
 * of the model's parameters; regression targets only.
 */
public final class ReadoutFitting {
  private ReadoutFitting() {}

  /** Positions of the readout that carry a target: weight 1 (mask and length); other weights are refused. */
  private static boolean[] targeted(SequenceModel m, Batch b) {
    if (b.targets() == null) {
      throw new IllegalArgumentException("a closed-form readout needs regression targets");
    }
    int n = b.size();
    if (m.readout() != ReadoutMode.EVERY_STEP) {
      boolean[] all = new boolean[n];
      java.util.Arrays.fill(all, true);
      return all;
    }
    boolean[] use = new boolean[b.steps() * n];
    for (int t = 0; t < b.steps(); t++) {
      for (int i = 0; i < n; i++) {
        double w = b.weight(t, i);
        if (w != 0.0 && w != 1.0) {
          throw new IllegalArgumentException("target weight " + w + " at step " + t + ": only 0/1 masks are supported");
        }
        use[t * n + i] = w == 1.0;
      }
    }
    return use;
  }

  /** Sets the readout bias to the mean target of {@code train} (per output; weighted positions only). */
  public static void setOutputBiasToMeanTarget(SequenceModel m, Batch train) {
    boolean[] use = targeted(m, train);
    int o = m.outputs();
    double[] sum = new double[o];
    long count = 0;
    for (int p = 0; p < use.length; p++) {
      if (use[p]) {
        for (int k = 0; k < o; k++) {
          sum[k] += train.targets()[p * o + k];
        }
        count++;
      }
    }
    Params.Param bias = m.params().get("readout.bias");
    for (int k = 0; k < o; k++) {
      m.params().values()[bias.offset() + k] = sum[k] / count;
    }
  }

  /**
   * Fits the readout by ridge regression on the model's top hidden states over {@code train}
   * (bias unpenalised) and installs it; returns the fit.
   */
  public static RidgeReadout fitRidge(SequenceModel m, Batch train, double lambda) {
    boolean[] use = targeted(m, train);
    double[] h = m.readoutInputs(train);
    int hidden = h.length / use.length;
    int o = m.outputs();
    int rows = 0;
    for (boolean u : use) {
      rows += u ? 1 : 0;
    }
    double[] x = new double[rows * hidden];
    double[] y = new double[rows * o];
    int r = 0;
    for (int p = 0; p < use.length; p++) {
      if (use[p]) {
        System.arraycopy(h, p * hidden, x, r * hidden, hidden);
        System.arraycopy(train.targets(), p * o, y, r * o, o);
        r++;
      }
    }
    RidgeReadout fit = new RidgeFitter(hidden, o, false).fit(RidgeFitter.Samples.rows(x, hidden, y, o, 0, rows), lambda);
    double[] v = m.params().values();
    Params.Param w = m.params().get("readout.weight");
    System.arraycopy(fit.weights(), 0, v, w.offset(), o * hidden);
    Params.Param bias = m.params().get("readout.bias");
    for (int k = 0; k < o; k++) {
      v[bias.offset() + k] = fit.bias(k);
    }
    return fit;
  }
}
