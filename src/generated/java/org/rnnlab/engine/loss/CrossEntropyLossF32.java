// Generated from src/main/java/org/rnnlab/engine/loss/CrossEntropyLoss.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change CrossEntropyLoss.java and run `make generate`.
package org.rnnlab.engine.loss;

import org.rnnlab.engine.DetMathF32;

/**
 * Softmax cross-entropy on logits (seed 000, 7.2.2, eq. 7.3-7.4): l = -log softmax(y)[label],
 * dl/dy = softmax(y) - onehot(label).
 */
public record CrossEntropyLossF32() implements LossF32 {
  @Override
  public double evaluate(float[] out, int n, int outputs, double[] targets, int[] labels,
                         int posOff, double[] w, float[] dOut) {
    if (labels == null) {
      throw new IllegalArgumentException("cross_entropy needs class labels");
    }
    double total = 0.0;
    for (int p = 0; p < n; p++) {
      total += w == null ? 1.0f : w[p];
    }
    if (total == 0.0f) {
      java.util.Arrays.fill(dOut, 0, n * outputs, 0.0f);
      return 0.0f;
    }
    double sum = 0.0;
    for (int p = 0; p < n; p++) {
      double wp = w == null ? 1.0 : w[p];
      int o0 = p * outputs;
      if (wp == 0.0f) {
        java.util.Arrays.fill(dOut, o0, o0 + outputs, 0.0f);
        continue;
      }
      float max = Float.NEGATIVE_INFINITY;
      for (int o = 0; o < outputs; o++) {
        max = Math.max(max, out[o0 + o]);
      }
      double s = 0.0;  // the softmax denominator: double in the float32 twin too
      for (int o = 0; o < outputs; o++) {
        float e = DetMathF32.exp(out[o0 + o] - max);
        dOut[o0 + o] = e;
        s += e;
      }
      int label = labels[posOff + p];
      sum += wp * (max + StrictMath.log(s) - out[o0 + label]);
      double k = wp / total;
      for (int o = 0; o < outputs; o++) {
        dOut[o0 + o] = (float) (k * (dOut[o0 + o] / s - (o == label ? 1.0f : 0.0f)));  // float32: rounded once
      }
    }
    return sum / total;
  }

  @Override
  public boolean classification() {
    return true;
  }
}
