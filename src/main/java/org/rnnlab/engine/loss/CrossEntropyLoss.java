package org.rnnlab.engine.loss;

import org.rnnlab.engine.DetMath;

/**
 * Softmax cross-entropy on logits (seed 000, 7.2.2, eq. 7.3-7.4): l = -log softmax(y)[label],
 * dl/dy = softmax(y) - onehot(label).
 */
public record CrossEntropyLoss() implements Loss {
  @Override
  public /*f64*/double evaluate(double[] out, int n, int outputs, /*f64*/double[] targets, int[] labels,
                         int posOff, /*f64*/double[] w, double[] dOut) {
    if (labels == null) {
      throw new IllegalArgumentException("cross_entropy needs class labels");
    }
    /*f64*/double total = 0.0;
    for (int p = 0; p < n; p++) {
      total += w == null ? 1.0 : w[p];
    }
    if (total == 0.0) {
      java.util.Arrays.fill(dOut, 0, n * outputs, 0.0);
      return 0.0;
    }
    /*f64*/double sum = 0.0;
    for (int p = 0; p < n; p++) {
      /*f64*/double wp = w == null ? 1.0 : w[p];
      int o0 = p * outputs;
      if (wp == 0.0) {
        java.util.Arrays.fill(dOut, o0, o0 + outputs, 0.0);
        continue;
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int o = 0; o < outputs; o++) {
        max = Math.max(max, out[o0 + o]);
      }
      /*f64*/double s = 0.0;  // the softmax denominator: double in the float32 twin too
      for (int o = 0; o < outputs; o++) {
        double e = DetMath.exp(out[o0 + o] - max);
        dOut[o0 + o] = e;
        s += e;
      }
      int label = labels[posOff + p];
      sum += wp * (max + StrictMath.log(s) - out[o0 + label]);
      /*f64*/double k = wp / total;
      for (int o = 0; o < outputs; o++) {
        dOut[o0 + o] = (double) (k * (dOut[o0 + o] / s - (o == label ? 1.0 : 0.0)));  // float32: rounded once
      }
    }
    return sum / total;
  }

  @Override
  public boolean classification() {
    return true;
  }
}
