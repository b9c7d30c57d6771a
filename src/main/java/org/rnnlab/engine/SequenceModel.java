package org.rnnlab.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rnnlab.engine.Params.Param;
import org.rnnlab.engine.cell.CellConfig;
import org.rnnlab.engine.cell.RecurrentLayer;
import org.rnnlab.engine.cell.StepGradientHook;
import org.rnnlab.engine.init.Initializer;
import org.rnnlab.engine.loss.Loss;

/**
 * A stack of recurrent layers (seed 000, 7.2.4: layer k reads layer k-1's hidden states) with a
 * linear readout at every step or at each sequence's last step (seed 000, fig. 7.3), and a loss.
 * {@link #forwardBackward} runs BPTT over a span of steps from a given state, which is all that
 * full and truncated BPTT (seed 000, 7.2.2) need. Buffers are kept between calls of the same
 * shape, so training allocates nothing per step.
 */
public final class SequenceModel {
  private final Params params;
  private final List<RecurrentLayer> layers;
  private final Param wOut;
  private final Param bOut;
  private final int inputSize;
  private final int hidden;
  private final int outputs;
  private final ReadoutMode readout;
  private final Loss loss;
  private final double[] wOutT;
  private boolean inputGradient;
  private boolean training = true;

  private double[] out = new double[0];
  private double[] dOut = new double[0];
  private double[] weights = new double[0];
  private double[] dTop = new double[0];
  private double[] dxA = new double[0];
  private double[] dxB = new double[0];
  private double[] dx = new double[0];
  private double[][] dFinal;
  private State lastState;
  private int lastSteps;
  private int lastBatch;

  /** The recurrent state of every layer: {@code [layer][part][batch x hidden]}. */
  public record State(double[][][] parts) {
    /** A deep copy. */
    public State copy() {
      double[][][] c = new double[parts.length][][];
      for (int i = 0; i < parts.length; i++) {
        c[i] = new double[parts[i].length][];
        for (int k = 0; k < parts[i].length; k++) {
          c[i][k] = parts[i][k].clone();
        }
      }
      return new State(c);
    }
  }

  /**
   * Declares a model; call {@link #initialize} before use.
   *
   * @param outputs regression outputs or number of classes
   */
  public SequenceModel(CellConfig cell, int inputSize, int hiddenSize, int numLayers, int outputs,
                       ReadoutMode readout, Loss loss) {
    if (inputSize < 1 || hiddenSize < 1 || numLayers < 1 || outputs < 1) {
      throw new IllegalArgumentException("sizes must be positive");
    }
    Params.Builder b = new Params.Builder();
    this.layers = new ArrayList<>();
    for (int k = 0; k < numLayers; k++) {
      layers.add(cell.create(b, k, "", k == 0 ? inputSize : hiddenSize, hiddenSize));
    }
    this.wOut = b.add("readout.weight", outputs, hiddenSize, Params.Kind.OUTPUT_WEIGHT, 1);
    this.bOut = b.add("readout.bias", 1, outputs, Params.Kind.BIAS, 1);
    this.params = b.build();
    this.inputSize = inputSize;
    this.hidden = hiddenSize;
    this.outputs = outputs;
    this.readout = readout;
    this.loss = loss;
    this.wOutT = new double[hiddenSize * outputs];
    this.dFinal = new double[layers.get(0).stateParts()][];
  }

  /** Draws initial weights: input and readout weights from weightInit, recurrent from recurrentInit. */
  public void initialize(Initializer weightInit, Initializer recurrentInit, Rng rng) {
    double[] v = params.values();
    for (int k = 0; k < layers.size(); k++) {
      layers.get(k).initialize(v, weightInit, recurrentInit, rng.child("layer" + k));
    }
    double bound = 1.0 / Math.sqrt(hidden);
    weightInit.fill(v, wOut.offset(), outputs, hidden, bound, rng.child("readout.weight"));
    weightInit.fillBias(v, bOut.offset(), outputs, bound, rng.child("readout.bias"));
  }

  /** All parameters and their gradient. */
  public Params params() {
    return params;
  }

  /** The recurrent layers, bottom first. */
  public List<RecurrentLayer> layers() {
    return layers;
  }

  /** Where the readout sits. */
  public ReadoutMode readout() {
    return readout;
  }

  /** The loss. */
  public Loss loss() {
    return loss;
  }

  /** Outputs (regression) or classes. */
  public int outputs() {
    return outputs;
  }

  /** Installs a hook on dL/dh_t of every layer (per-timestep clipping, diagnostics), or null. */
  public void setStepGradientHook(StepGradientHook hook) {
    for (RecurrentLayer l : layers) {
      l.setStepGradientHook(hook);
    }
  }

  /**
   * Training mode (the default) or evaluation mode, for every layer: batch norm normalises by the
   * batch's statistics and updates its running ones in training, and by the running (population)
   * statistics in evaluation. Switch to evaluation around {@link #predict} of held-out data.
   */
  public void setTraining(boolean on) {
    this.training = on;
    for (RecurrentLayer l : layers) {
      l.setTraining(on);
    }
  }

  /**
   * Forgets batch norm's running statistics. With {@code exact}, the training-mode forward passes
   * that follow (e.g. {@link #predict} over training batches with the final weights) set each
   * step's statistics to the exact average of theirs, as Cooijmans et al. 2017 re-estimate the
   * population statistics before evaluating; else they follow the moving average again.
   */
  public void resetStatistics(boolean exact) {
    for (RecurrentLayer l : layers) {
      l.resetStatistics(exact);
    }
  }

  /** Whether the model is in training mode. */
  public boolean training() {
    return training;
  }

  /** Whether {@link #forwardBackward} also computes dL/dx (for gradient checks and embeddings). */
  public void setInputGradient(boolean on) {
    this.inputGradient = on;
  }

  /** dL/dx of the last {@link #forwardBackward}, {@code steps x batch x inputSize} (if enabled). */
  public double[] inputGradient() {
    return dx;
  }

  /** A zero state for a batch of {@code batch} sequences. */
  public State zeroState(int batch) {
    double[][][] s = new double[layers.size()][][];
    for (int k = 0; k < s.length; k++) {
      s[k] = new double[layers.get(k).stateParts()][batch * hidden];
    }
    return new State(s);
  }

  private void ensure(int steps, int batch) {
    int positions = readout == ReadoutMode.EVERY_STEP ? steps * batch : batch;
    if (out.length < positions * outputs) {
      out = new double[positions * outputs];
      dOut = new double[positions * outputs];
      weights = new double[positions];
    }
    int rows = steps * batch;
    if (dTop.length < rows * hidden) {
      dTop = new double[rows * hidden];
      dxA = new double[rows * hidden];
      dxB = new double[rows * hidden];
    }
    if (inputGradient && dx.length < rows * inputSize) {
      dx = new double[rows * inputSize];
    }
    if (lastState == null || lastBatch != batch) {
      lastState = zeroState(batch);
      for (int k = 0; k < dFinal.length; k++) {
        dFinal[k] = new double[batch * hidden];
      }
    }
    lastSteps = steps;
    lastBatch = batch;
  }

  /**
   * Runs the stack over steps [t0, t0+steps) of the batch from {@code init} (null: zeros) and
   * computes the readout. Returns the number of readout positions.
   */
  private int forward(Batch b, int t0, int steps, State init) {
    ensure(steps, b.size());
    double[] v = params.values();
    int[] lengths = b.uniformLength() ? null : b.lengths();
    double[] in = b.inputs();
    int inOff = t0 * b.size() * inputSize;
    for (int k = 0; k < layers.size(); k++) {
      RecurrentLayer l = layers.get(k);
      l.forward(v, in, inOff, steps, b.size(), lengths, t0, init == null ? null : init.parts()[k]);
      l.finalState(lastState.parts()[k]);
      in = l.output();
      inOff = l.outputOffset();
    }
    for (int i = 0; i < hidden; i++) {
      for (int o = 0; o < outputs; o++) {
        wOutT[i * outputs + o] = v[wOut.offset() + o * hidden + i];
      }
    }
    int positions;
    double[] top;
    int topOff;
    if (readout == ReadoutMode.EVERY_STEP) {
      positions = steps * b.size();
      top = in;
      topOff = inOff;
    } else {
      positions = b.size();
      top = lastState.parts()[layers.size() - 1][0];
      topOff = 0;
    }
    for (int p = 0; p < positions; p++) {
      System.arraycopy(v, bOut.offset(), out, p * outputs, outputs);
    }
    Gemm.mult(positions, outputs, hidden, top, topOff, hidden, 1, wOutT, 0, outputs, out, 0, outputs, true);
    return positions;
  }

  /**
   * Loss over steps [t0, t0+steps) from state {@code init} (null: zeros), and its gradient added
   * to {@code params().grads()}. The state is treated as a constant (truncated BPTT). With a
   * last-step readout, only a span that ends at the batch's last step has a target; other spans
   * give loss 0 and no gradient.
   */
  public double forwardBackward(Batch b, int t0, int steps, State init) {
    int positions = forward(b, t0, steps, init);
    int batch = b.size();
    double value;
    boolean hasTarget = readout == ReadoutMode.EVERY_STEP || t0 + steps == b.steps();
    if (!hasTarget) {
      if (inputGradient) {
        Arrays.fill(dx, 0, steps * batch * inputSize, 0.0);
      }
      return 0.0;
    }
    if (readout == ReadoutMode.EVERY_STEP) {
      for (int t = 0; t < steps; t++) {
        for (int i = 0; i < batch; i++) {
          weights[t * batch + i] = b.weight(t0 + t, i);
        }
      }
      value = loss.evaluate(out, positions, outputs, b.targets(), b.labels(), t0 * batch, weights, dOut);
    } else {
      value = loss.evaluate(out, positions, outputs, b.targets(), b.labels(), 0, null, dOut);
    }
    backward(b, steps, positions);
    return value;
  }

  private void backward(Batch b, int steps, int positions) {
    double[] g = params.grads();
    double[] v = params.values();
    int batch = b.size();
    int nl = layers.size();
    RecurrentLayer topLayer = layers.get(nl - 1);
    double[] top = readout == ReadoutMode.EVERY_STEP ? topLayer.output() : lastState.parts()[nl - 1][0];
    int topOff = readout == ReadoutMode.EVERY_STEP ? topLayer.outputOffset() : 0;
    Gemm.mult(outputs, hidden, positions, dOut, 0, 1, outputs, top, topOff, hidden, g, wOut.offset(), hidden, true);
    for (int p = 0; p < positions; p++) {
      for (int o = 0; o < outputs; o++) {
        g[bOut.offset() + o] += dOut[p * outputs + o];
      }
    }
    double[] dAbove = null;
    double[][] dFin = null;
    if (readout == ReadoutMode.EVERY_STEP) {
      Gemm.mult(positions, hidden, outputs, dOut, 0, outputs, 1, v, wOut.offset(), hidden, dTop, 0, hidden, false);
      dAbove = dTop;
    } else {
      Gemm.mult(batch, hidden, outputs, dOut, 0, outputs, 1, v, wOut.offset(), hidden, dFinal[0], 0, hidden, false);
      for (int k = 1; k < dFinal.length; k++) {
        Arrays.fill(dFinal[k], 0, batch * hidden, 0.0);
      }
      dFin = dFinal;
    }
    double[] next = dxA;
    for (int k = nl - 1; k >= 0; k--) {
      double[] dxk = k > 0 ? next : (inputGradient ? dx : null);
      layers.get(k).backward(g, dAbove, 0, k == nl - 1 ? dFin : null, dxk, 0);
      dAbove = dxk;
      next = next == dxA ? dxB : dxA;
    }
  }

  /** dL/d(initial state) of every layer after {@link #forwardBackward}. */
  public State initialStateGradient() {
    double[][][] s = new double[layers.size()][][];
    for (int k = 0; k < s.length; k++) {
      double[][] g = layers.get(k).initialStateGradient();
      s[k] = new double[g.length][];
      for (int p = 0; p < g.length; p++) {
        s[k][p] = Arrays.copyOf(g[p], lastBatch * hidden);
      }
    }
    return new State(s);
  }

  /** A copy of the state after the last forward pass (every sequence at its own last step). */
  public State finalState() {
    return lastState.copy();
  }

  /** Copies the state after the last forward pass into {@code dst} (same shape), allocating nothing. */
  public void finalStateInto(State dst) {
    for (int k = 0; k < layers.size(); k++) {
      for (int p = 0; p < dst.parts()[k].length; p++) {
        System.arraycopy(lastState.parts()[k][p], 0, dst.parts()[k][p], 0, lastBatch * hidden);
      }
    }
  }

  /**
   * Outputs for the whole batch, laid out like its targets ({@code [size][outputs]} or
   * {@code [steps][size][outputs]}), computed in chunks of at most {@code chunk} sequences.
   */
  public double[] predict(Batch b, int chunk) {
    int n = b.size();
    int perSeq = readout == ReadoutMode.EVERY_STEP ? b.steps() : 1;
    double[] all = new double[perSeq * n * outputs];
    for (int from = 0; from < n; from += chunk) {
      int to = Math.min(n, from + chunk);
      Batch part = from == 0 && to == n ? b : b.slice(from, to, readout);
      forward(part, 0, part.steps(), null);
      int m = to - from;
      for (int t = 0; t < perSeq; t++) {
        System.arraycopy(out, t * m * outputs, all, (t * n + from) * outputs, m * outputs);
      }
    }
    return all;
  }

  /** The loss of outputs laid out as by {@link #predict}, for the whole batch. */
  public double loss(Batch b, double[] outputsOfBatch) {
    int n = b.size();
    double[] scratch = new double[outputsOfBatch.length];
    if (readout == ReadoutMode.EVERY_STEP) {
      double[] w = new double[b.steps() * n];
      for (int t = 0; t < b.steps(); t++) {
        for (int i = 0; i < n; i++) {
          w[t * n + i] = b.weight(t, i);
        }
      }
      return loss.evaluate(outputsOfBatch, b.steps() * n, outputs, b.targets(), b.labels(), 0, w, scratch);
    }
    return loss.evaluate(outputsOfBatch, n, outputs, b.targets(), b.labels(), 0, null, scratch);
  }
}
