package org.rnnlab.engine.loss;

/** Mean squared error, averaged over target positions and output units (PyTorch's MSELoss). */
public record MseLoss() implements Loss {
  @Override
  public double evaluate(double[] out, int n, int outputs, double[] targets, int[] labels, int posOff,
                         double[] w, double[] dOut) {
    if (targets == null) {
      throw new IllegalArgumentException("mse needs real-valued targets");
    }
    double total = 0.0;
    for (int p = 0; p < n; p++) {
      total += w == null ? 1.0 : w[p];
    }
    if (total == 0.0) {
      java.util.Arrays.fill(dOut, 0, n * outputs, 0.0);
      return 0.0;
    }
    double scale = 1.0 / (total * outputs);
    double sum = 0.0;
    for (int p = 0; p < n; p++) {
      double wp = w == null ? 1.0 : w[p];
      for (int o = 0; o < outputs; o++) {
        double e = out[p * outputs + o] - targets[(posOff + p) * outputs + o];
        sum += wp * e * e;
        dOut[p * outputs + o] = 2.0 * wp * e * scale;
      }
    }
    return sum * scale;
  }

  @Override
  public boolean classification() {
    return false;
  }
}
