package org.rnnlab.engine.reservoir;

import org.rnnlab.engine.FloatKernels;
import org.rnnlab.engine.Precision;
import org.rnnlab.engine.linalg.SparseMatrixF32;

/**
 * An echo-state network: a fixed {@link Reservoir} and a trained linear {@link RidgeReadout} on
 * feature rows {@code [x_t]} or, with {@code inputToReadout}, {@code [u_t, x_t]} (Lukosevicius
 * 2012, eq. 4; reservoirpy's {@code input_to_readout}). Used as a nonlinear autoregressive model
 * (seed 000, 7.4): teacher-forced, the readout at step t predicts the target of step t (e.g. the
 * input k steps ahead); running free, its output is fed back as the next input (and as the
 * feedback, if the reservoir has any) for a horizon. Not thread-safe; no allocation per step.
 *
 * <p>In float32 the reservoir runs as its generated twin {@link ReservoirF32} on the weights rounded to float,
 * fed the inputs and fed-back outputs rounded to float; its states are widened exactly into the feature rows,
 * and the inputs a readout reads beside them are the rounded ones. The readout stays double: it is fitted by
 * ridge regression, whose normal equations square the condition number of the states.
 */
public final class EchoStateNetwork {
  private final Reservoir reservoir;
  private final boolean inputToReadout;
  private final int n;
  private final int d;
  private final int width;
  private RidgeReadout readout;
  private final ReservoirF32 f32; // null in float64
  private final float[] fx; // free running in float32: the state, the input and the feedback of a step
  private final float[] fu;
  private final float[] ffb;

  /** A float64 network over {@code reservoir}; set its readout with {@link #setReadout} before predicting. */
  public EchoStateNetwork(Reservoir reservoir, boolean inputToReadout) {
    this(reservoir, inputToReadout, Precision.FLOAT64);
  }

  /** A network over {@code reservoir} whose states are computed in {@code precision}. */
  public EchoStateNetwork(Reservoir reservoir, boolean inputToReadout, Precision precision) {
    this.reservoir = reservoir;
    this.inputToReadout = inputToReadout;
    this.n = reservoir.units();
    this.d = reservoir.inputSize();
    this.width = n + (inputToReadout ? d : 0);
    this.f32 = precision == Precision.FLOAT32 ? narrowed(reservoir) : null;
    this.fx = new float[f32 == null ? 0 : n];
    this.fu = new float[f32 == null ? 0 : d];
    this.ffb = new float[f32 == null ? 0 : reservoir.feedbackSize()];
  }

  /** {@code r} with every weight rounded to float (a non-zero stays non-zero: the weights are far from 2^-149). */
  static ReservoirF32 narrowed(Reservoir r) {
    int n = r.units();
    return new ReservoirF32(SparseMatrixF32.fromDense(FloatKernels.toFloats(r.recurrent().toDense()), 0, n), FloatKernels.toFloats(r.inputWeights()),
        r.inputSize(), FloatKernels.toFloats(r.feedbackWeights()), r.feedbackSize(), FloatKernels.toFloats(r.bias()), (float) r.leakRate(),
        ReservoirF32.Activation.valueOf(r.activation().name()));
  }

  /** The arithmetic of the reservoir. */
  public Precision precision() {
    return f32 == null ? Precision.FLOAT64 : Precision.FLOAT32;
  }

  /**
   * {@link Reservoir#run} from a zero state in this network's precision: in float32 on {@code u} and {@code teacher}
   * rounded to float, the states widened into {@code states}.
   */
  private void run(double[] u, int steps, double[] teacher, double[] states, int sOff, int lds) {
    if (f32 == null) {
      reservoir.run(u, 0, steps, teacher, 0, null, 0, states, sOff, lds);
      return;
    }
    float[] uf = FloatKernels.toFloats(java.util.Arrays.copyOf(u, steps * d));
    float[] tf = teacher == null ? null : FloatKernels.toFloats(java.util.Arrays.copyOf(teacher, steps * reservoir.feedbackSize()));
    float[] sf = new float[steps * n];
    f32.run(uf, 0, steps, tf, 0, null, 0, sf, 0, n);
    for (int t = 0; t < steps; t++) {
      FloatKernels.toDouble(sf, t * n, states, sOff + t * lds, n);
    }
  }

  /** An input as the readout reads it: itself, or rounded to float in float32 (what the reservoir read). */
  private double input(double v) {
    return f32 == null ? v : (float) v;
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
    run(u, steps, teacher, f, xCol, width);
    if (inputToReadout && d > 0) {
      for (int t = 0; t < steps; t++) {
        for (int k = 0; k < d; k++) {
          f[t * width + k] = input(u[t * d + k]);
        }
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
          for (int k = 0; k < d; k++) {
            f[(t * batch + b) * width + k] = input(u[(t * batch + b) * d + k]);
          }
        }
      }
      run(ub, steps, tb, f, b * width + xCol, batch * width);
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
        if (f32 == null) {
          reservoir.step(f, xCol, out, prev, fb, prev, f, xCol);
        } else {
          FloatKernels.toFloat(f, xCol, fx, 0, n); // exact: the state is a widened float
          FloatKernels.toFloat(out, prev, fu, 0, d);
          FloatKernels.toFloat(out, prev, ffb, 0, ffb.length);
          f32.step(fx, 0, fu, 0, fb == null ? null : ffb, 0, fx, 0);
          FloatKernels.toDouble(fx, 0, f, xCol, n);
        }
        if (inputToReadout) {
          for (int k = 0; k < d; k++) {
            f[k] = input(out[prev + k]);
          }
        }
      }
      readout.predict(f, 0, width, 1, out, h * o);
    }
    return out;
  }
}
