// Generated from src/main/java/org/rnnlab/engine/reservoir/Reservoir.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change Reservoir.java and run `make generate`.
package org.rnnlab.engine.reservoir;

import org.rnnlab.engine.DetMathF32;
import org.rnnlab.engine.linalg.SparseMatrixF32;

/**
 * A leaky-integrator echo-state reservoir with fixed weights (seed 000, 7.4; Jaeger 2001;
 * Lukosevicius 2012, "A practical guide to applying echo state networks", eq. 2-3):
 * <pre>
 *   x_t = (1 - a) x_{t-1} + a f(b + W_in u_t + W_fb y_{t-1} + W x_{t-1})
 * </pre>
 * with f = tanh (or the identity), leak rate a, bias b and optional output feedback y_{t-1}
 * (teacher-forced while collecting states; the network's own output when running free). This is
 * reservoirpy's Reservoir equation (its default "internal" form).
 *
 * <p>Bits: each pre-activation is one fused multiply-add chain in a fixed order (bias, input
 * terms, feedback terms, then the recurrent row in increasing column order, {@link SparseMatrix}),
 * tanh is {@link DetMath#tanh} and the leak is {@code (1 - a) * x + a * f}, so states are the same
 * on every machine and vector width. Not thread-safe (scratch buffers); nothing is allocated
 * per step. {@code ReservoirF32} is its generated float32 twin, which flushes subnormal states to zero (a
 * decaying linear reservoir would otherwise reach them).
 */
public final class ReservoirF32 {
  /** The units' nonlinearity. */
  public enum Activation {
    /** tanh (the usual choice; the echo-state property needs a contracting nonlinearity). */
    TANH,
    /** f(z) = z: a linear reservoir (memory-capacity analyses, tests). */
    IDENTITY
  }

  private final int n;
  private final int inputs;
  private final int feedback;
  private final SparseMatrixF32 w;
  private final float[] win;
  private final float[] wfb;
  private final float[] bias;
  private final float leak;
  private final float keep;
  private final Activation activation;
  private final float[] pre;
  private final float[] act;
  private final float[] zeros;

  /**
   * A reservoir from explicit weights.
   *
   * @param w        recurrent weights, n x n
   * @param win      input weights, n x inputs row-major (inputs may be 0)
   * @param wfb      feedback weights, n x feedback row-major, or null for none
   * @param bias     n biases, or null for zeros
   * @param leak     leak rate a in (0, 1]
   */
  public ReservoirF32(SparseMatrixF32 w, float[] win, int inputs, float[] wfb, int feedback, float[] bias,
                   float leak, Activation activation) {
    this.n = w.size();
    if (win.length != n * inputs) {
      throw new IllegalArgumentException("input weights have " + win.length + " values, expected " + n + "*" + inputs);
    }
    if ((wfb == null ? 0 : wfb.length) != n * feedback) {
      throw new IllegalArgumentException("feedback weights do not match " + n + "*" + feedback);
    }
    if (bias != null && bias.length != n) {
      throw new IllegalArgumentException("bias has " + bias.length + " values, expected " + n);
    }
    if (!(leak > 0.0f && leak <= 1.0f)) {
      throw new IllegalArgumentException("leak rate must be in (0, 1], got " + leak);
    }
    this.w = w;
    this.inputs = inputs;
    this.feedback = feedback;
    this.win = win.clone();
    this.wfb = wfb == null ? new float[0] : wfb.clone();
    this.bias = new float[n];
    for (int i = 0; i < n; i++) {
      // + 0.0 turns -0.0 into +0.0: no chain starts at -0.0, which makes zero terms exact no-ops
      this.bias[i] = (bias == null ? 0.0f : bias[i]) + 0.0f;
    }
    this.leak = leak;
    this.keep = 1.0f - leak;
    this.activation = activation;
    this.pre = new float[n];
    this.act = new float[n];
    this.zeros = new float[Math.max(n, feedback)];
  }

  /** Units n. */
  public int units() {
    return n;
  }

  /** Input dimension (0 for a reservoir driven by feedback only). */
  public int inputSize() {
    return inputs;
  }

  /** Dimension of the fed-back output (0: no feedback). */
  public int feedbackSize() {
    return feedback;
  }

  /** The recurrent weights. */
  public SparseMatrixF32 recurrent() {
    return w;
  }

  /** A copy of the input weights, n x inputs row-major. */
  public float[] inputWeights() {
    return win.clone();
  }

  /** A copy of the feedback weights, n x feedback row-major. */
  public float[] feedbackWeights() {
    return wfb.clone();
  }

  /** A copy of the biases. */
  public float[] bias() {
    return bias.clone();
  }

  /** The leak rate a. */
  public float leakRate() {
    return leak;
  }

  /** The units' nonlinearity. */
  public Activation activation() {
    return activation;
  }

  /**
   * One step: from state x (n values at xOff), input u (at uOff; ignored when there are no
   * inputs) and fed-back output fb (at fbOff; null: zeros) writes the next state at out[outOff..].
   * out may be x itself (same offset).
   */
  public void step(float[] x, int xOff, float[] u, int uOff, float[] fb, int fbOff, float[] out, int outOff) {
    for (int i = 0; i < n; i++) {
      float s = bias[i];
      int r = i * inputs;
      for (int k = 0; k < inputs; k++) {
        s = Math.fma(win[r + k], u[uOff + k], s);
      }
      if (fb != null) {
        int f = i * feedback;
        for (int k = 0; k < feedback; k++) {
          s = Math.fma(wfb[f + k], fb[fbOff + k], s);
        }
      }
      pre[i] = s;
    }
    w.multiplyAdd(x, xOff, pre, 0);
    if (activation == Activation.TANH) {
      DetMathF32.tanh(pre, 0, act, 0, n);
    } else {
      System.arraycopy(pre, 0, act, 0, n);
    }
    for (int i = 0; i < n; i++) {
      out[outOff + i] = keep * x[xOff + i] + leak * act[i];
    }
    org.rnnlab.engine.FloatKernels.flushDenormals(out, outOff, n);
  }

  /**
   * Runs one sequence of {@code steps} inputs ({@code steps x inputSize} at u[uOff..]) from the
   * state x0 (at x0Off; null: zeros) and writes state x_t, the state after reading input t, to
   * {@code states[sOff + t*lds ..]} (lds >= n lets the caller interleave other features).
   *
   * @param teacher the desired outputs, {@code steps x feedbackSize} at tOff: step t feeds back
   *                row t-1 (zeros at t = 0); null: no feedback
   */
  public void run(float[] u, int uOff, int steps, float[] teacher, int tOff, float[] x0, int x0Off,
                  float[] states, int sOff, int lds) {
    for (int t = 0; t < steps; t++) {
      float[] prev = t == 0 ? (x0 == null ? zeros : x0) : states;
      int pOff = t == 0 ? (x0 == null ? 0 : x0Off) : sOff + (t - 1) * lds;
      float[] fb = teacher == null || feedback == 0 ? null : (t == 0 ? zeros : teacher);
      int fbOff = t == 0 ? 0 : tOff + (t - 1) * feedback;
      step(prev, pOff, u, uOff + t * inputs, fb, fbOff, states, sOff + t * lds);
    }
  }

  /** The states of one sequence from zeros, {@code steps x n}. */
  public float[] run(float[] u, int steps) {
    float[] states = new float[steps * n];
    run(u, 0, steps, null, 0, null, 0, states, 0, n);
    return states;
  }

  /**
   * Runs a batch of independent sequences from zero states, laid out time-major as the engine's
   * {@code Batch}: inputs {@code [steps][batch][inputSize]}, teacher (null: no feedback)
   * {@code [steps][batch][feedbackSize]}; writes {@code [steps][batch][n]} to states.
   */
  public void runBatch(float[] u, int steps, int batch, float[] teacher, float[] states) {
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < batch; b++) {
        int row = t * batch + b;
        float[] prev = t == 0 ? zeros : states;
        int pOff = t == 0 ? 0 : (row - batch) * n;
        float[] fb = teacher == null || feedback == 0 ? null : (t == 0 ? zeros : teacher);
        int fbOff = t == 0 ? 0 : (row - batch) * feedback;
        step(prev, pOff, u, row * inputs, fb, fbOff, states, row * n);
      }
    }
  }

  @Override
  public String toString() {
    return "Reservoir[n=" + n + ", inputs=" + inputs + ", feedback=" + feedback + ", nnz=" + w.nonZeros()
        + ", leak=" + leak + ", " + activation + ", bias=" + hasBias() + "]";
  }

  private boolean hasBias() {
    for (float b : bias) {
      if (b != 0.0f) {
        return true;
      }
    }
    return false;
  }
}
