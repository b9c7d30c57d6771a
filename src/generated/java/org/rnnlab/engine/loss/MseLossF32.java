// Generated from src/main/java/org/rnnlab/engine/loss/MseLoss.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change MseLoss.java and run `make generate`.
package org.rnnlab.engine.loss;

/** Mean squared error, averaged over target positions and output units (PyTorch's MSELoss). */
public record MseLossF32() implements LossF32 {
  @Override
  public double evaluate(float[] out, int n, int outputs, double[] targets, int[] labels,
                         int posOff, double[] w, float[] dOut) {
    if (targets == null) {
      throw new IllegalArgumentException("mse needs real-valued targets");
    }
    double total = 0.0;
    for (int p = 0; p < n; p++) {
      total += w == null ? 1.0f : w[p];
    }
    if (total == 0.0f) {
      java.util.Arrays.fill(dOut, 0, n * outputs, 0.0f);
      return 0.0f;
    }
    double scale = 1.0 / (total * outputs);
    double sum = 0.0;
    for (int p = 0; p < n; p++) {
      double wp = w == null ? 1.0 : w[p];
      for (int o = 0; o < outputs; o++) {
        double e = out[p * outputs + o] - targets[(posOff + p) * outputs + o];
        sum += wp * e * e;
        dOut[p * outputs + o] = (float) (2.0f * wp * e * scale);  // float32: rounded once
      }
    }
    return sum * scale;
  }

  @Override
  public boolean classification() {
    return false;
  }
}
