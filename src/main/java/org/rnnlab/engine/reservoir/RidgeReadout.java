package org.rnnlab.engine.reservoir;

/**
 * A linear readout {@code y = b + W f} on feature rows f (reservoir states, optionally with the
 * input), the trained part of an echo-state network (seed 000, 7.4), fitted by {@link RidgeFitter}.
 * Each output is one fused multiply-add chain over the features in increasing order starting
 * from its bias, the same bits whether one row or many are predicted.
 */
public final class RidgeReadout {
  private final int features;
  private final int outputs;
  private final double[] beta; // (1 + features) x outputs: row 0 the bias, row 1 + f feature f's weights
  private final double lambda;

  /**
   * A readout from coefficients {@code beta}, {@code (1 + features) x outputs} row-major: row 0
   * holds the biases, row 1 + f the weights of feature f (the layout of the normal equations).
   */
  public RidgeReadout(int features, int outputs, double[] beta, double lambda) {
    if (beta.length != (1 + features) * outputs) {
      throw new IllegalArgumentException("beta has " + beta.length + " values, expected (1+" + features + ")*" + outputs);
    }
    this.features = features;
    this.outputs = outputs;
    this.beta = beta.clone();
    this.lambda = lambda;
  }

  /** A readout from weights {@code outputs x features} (row-major, PyTorch's layout) and biases. */
  public static RidgeReadout of(double[] weights, double[] bias, int features, int outputs) {
    double[] b = new double[(1 + features) * outputs];
    for (int o = 0; o < outputs; o++) {
      b[o] = bias[o];
      for (int f = 0; f < features; f++) {
        b[(1 + f) * outputs + o] = weights[o * features + f];
      }
    }
    return new RidgeReadout(features, outputs, b, Double.NaN);
  }

  /** Features per row. */
  public int features() {
    return features;
  }

  /** Outputs per row. */
  public int outputs() {
    return outputs;
  }

  /** The ridge parameter it was fitted with (NaN if given explicitly). */
  public double lambda() {
    return lambda;
  }

  /** Bias of output o. */
  public double bias(int o) {
    return beta[o];
  }

  /** Weight of feature f for output o. */
  public double weight(int o, int f) {
    return beta[(1 + f) * outputs + o];
  }

  /** The weights as {@code outputs x features}, row-major (PyTorch's readout.weight layout). */
  public double[] weights() {
    double[] w = new double[outputs * features];
    for (int o = 0; o < outputs; o++) {
      for (int f = 0; f < features; f++) {
        w[o * features + f] = weight(o, f);
      }
    }
    return w;
  }

  /**
   * Predicts {@code rows} rows of features ({@code x[xOff + r*ldx + f]}) into
   * {@code out[outOff + r*outputs + o]}.
   */
  public void predict(double[] x, int xOff, int ldx, int rows, double[] out, int outOff) {
    for (int r = 0; r < rows; r++) {
      int xr = xOff + r * ldx;
      for (int o = 0; o < outputs; o++) {
        double s = beta[o];
        for (int f = 0, bi = outputs + o; f < features; f++, bi += outputs) {
          s = Math.fma(x[xr + f], beta[bi], s);
        }
        out[outOff + r * outputs + o] = s;
      }
    }
  }

  /** Predictions for {@code rows} rows of features, {@code rows x outputs}. */
  public double[] predict(double[] x, int xOff, int ldx, int rows) {
    double[] out = new double[rows * outputs];
    predict(x, xOff, ldx, rows, out, 0);
    return out;
  }
}
