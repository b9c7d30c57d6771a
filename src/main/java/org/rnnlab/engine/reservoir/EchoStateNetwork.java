package org.rnnlab.engine.reservoir;

/**
 * An echo-state network: a fixed {@link Reservoir} and a trained linear {@link RidgeReadout} on
 * feature rows {@code [x_t]} or, with {@code inputToReadout}, {@code [u_t, x_t]} (Lukosevicius
 * 2012, eq. 4; reservoirpy's {@code input_to_readout}). Used as a nonlinear autoregressive model
 * (seed 000, 7.4): teacher-forced, the readout at step t predicts the target of step t (e.g. the
 * input k steps ahead); running free, its output is fed back as the next input (and as the
 * feedback, if the reservoir has any) for a horizon. Not thread-safe; no allocation per step.
 */
public final class EchoStateNetwork {
  private final Reservoir reservoir;
  private final boolean inputToReadout;
  private final int n;
  private final int d;
  private final int width;
  private RidgeReadout readout;

  /** A network over {@code reservoir}; set its readout with {@link #setReadout} before predicting. */
  public EchoStateNetwork(Reservoir reservoir, boolean inputToReadout) {
    this.reservoir = reservoir;
    this.inputToReadout = inputToReadout;
    this.n = reservoir.units();
    this.d = reservoir.inputSize();
    this.width = n + (inputToReadout ? d : 0);
  }

  /** The reservoir. */
  public Reservoir reservoir() {
    return reservoir;
  }

  /** Values per feature row: units, plus the inputs with {@code inputToReadout}. */
  public int features() {
    return width;
  }

  /** The readout, or null before {@link #setReadout}. */
  public RidgeReadout readout() {
    return readout;
  }

  /** Installs a readout over {@link #features()} values. */
  public void setReadout(RidgeReadout r) {
    if (r.features() != width) {
      throw new IllegalArgumentException("readout reads " + r.features() + " features, the network has " + width);
    }
    this.readout = r;
  }

  /**
   * The feature rows of one sequence from a zero state: {@code steps x features()}, row t =
   * [u_t, x_t] or [x_t]. {@code teacher} as in {@link Reservoir#run} (null: no feedback).
   */
  public double[] features(double[] u, int steps, double[] teacher) {
    double[] f = new double[steps * width];
    int xCol = inputToReadout ? d : 0;
    reservoir.run(u, 0, steps, teacher, 0, null, 0, f, xCol, width);
    if (inputToReadout && d > 0) {
      for (int t = 0; t < steps; t++) {
        System.arraycopy(u, t * d, f, t * width, d);
      }
    }
    return f;
  }

  /**
   * The feature rows of a batch of independent sequences, each from a zero state, laid out
   * time-major like the engine's {@code Batch}: inputs {@code [steps][batch][inputSize]}, teacher
   * (null: no feedback) {@code [steps][batch][feedbackSize]}; returns {@code [steps][batch][features()]}.
   * Sequence b's rows are exactly {@link #features(double[], int, double[])} of its own inputs.
   */
  public double[] features(double[] u, int steps, int batch, double[] teacher) {
    if (batch == 1) {
      return features(u, steps, teacher);
    }
    int fbs = reservoir.feedbackSize();
    double[] f = new double[steps * batch * width];
    double[] ub = new double[steps * d];
    double[] tb = teacher == null ? null : new double[steps * fbs];
    int xCol = inputToReadout ? d : 0;
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < steps; t++) {
        System.arraycopy(u, (t * batch + b) * d, ub, t * d, d);
        if (tb != null) {
          System.arraycopy(teacher, (t * batch + b) * fbs, tb, t * fbs, fbs);
        }
        if (inputToReadout && d > 0) {
          System.arraycopy(u, (t * batch + b) * d, f, (t * batch + b) * width, d);
        }
      }
      reservoir.run(ub, 0, steps, tb, 0, null, 0, f, b * width + xCol, batch * width);
    }
    return f;
  }

  /**
   * Runs free for {@code horizon} steps from feature row {@code row} of {@code features} (the
   * state after reading the last known input u_row): output 0 is the readout of that row, and each
   * output h is fed back as the input of the next step (the reservoir's inputs must then equal the
   * readout's outputs) and as its feedback, if it has any. Returns {@code horizon x outputs};
   * for a one-step-ahead readout, output h predicts u_{row+1+h}.
   */
  public double[] freeRun(double[] features, int row, int horizon) {
    int o = readout.outputs();
    if (d != 0 && d != o) {
      throw new IllegalStateException("free running feeds " + o + " outputs back into " + d + " inputs");
    }
    if (reservoir.feedbackSize() != 0 && reservoir.feedbackSize() != o) {
      throw new IllegalStateException("free running feeds " + o + " outputs back as " + reservoir.feedbackSize()
          + " feedback values");
    }
    double[] out = new double[horizon * o];
    double[] f = new double[width];
    System.arraycopy(features, row * width, f, 0, width);
    int xCol = inputToReadout ? d : 0;
    double[] fb = reservoir.feedbackSize() > 0 ? out : null;
    for (int h = 0; h < horizon; h++) {
      if (h > 0) {
        int prev = (h - 1) * o;
        reservoir.step(f, xCol, out, prev, fb, prev, f, xCol);
        if (inputToReadout) {
          System.arraycopy(out, prev, f, 0, d);
        }
      }
      readout.predict(f, 0, width, 1, out, h * o);
    }
    return out;
  }
}
