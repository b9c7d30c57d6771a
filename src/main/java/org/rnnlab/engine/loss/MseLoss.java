package org.rnnlab.engine.loss;

/** Mean squared error, averaged over target positions and output units (PyTorch's MSELoss). */
public record MseLoss() implements Loss {
  @Override
  public /*f64*/double evaluate(double[] out, int n, int outputs, /*f64*/double[] targets, int[] labels,
                         int posOff, /*f64*/double[] w, double[] dOut) {
    if (targets == null) {
      throw new IllegalArgumentException("mse needs real-valued targets");
    }
    /*f64*/double total = 0.0;
    for (int p = 0; p < n; p++) {
      total += w == null ? 1.0 : w[p];
    }
    if (total == 0.0) {
      java.util.Arrays.fill(dOut, 0, n * outputs, 0.0);
      return 0.0;
    }
    /*f64*/double scale = 1.0 / (total * outputs);
    /*f64*/double sum = 0.0;
    for (int p = 0; p < n; p++) {
      /*f64*/double wp = w == null ? 1.0 : w[p];
      for (int o = 0; o < outputs; o++) {
        /*f64*/double e = out[p * outputs + o] - targets[(posOff + p) * outputs + o];
        sum += wp * e * e;
        dOut[p * outputs + o] = (double) (2.0 * wp * e * scale);  // float32: rounded once
      }
    }
    return sum * scale;
  }

  @Override
  public boolean classification() {
    return false;
  }
}
