// Generated from src/main/java/org/rnnlab/engine/layer/BidirectionalLayer.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change BidirectionalLayer.java and run `make generate`.
package org.rnnlab.engine.layer;

import java.util.List;
import org.rnnlab.engine.ParamsF32;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.cell.CellConfigF32;
import org.rnnlab.engine.cell.RecurrentLayerF32;
import org.rnnlab.engine.cell.StepGradientHookF32;
import org.rnnlab.engine.init.Initializer;

/**
 * A bidirectional recurrent layer (seed 000, 7.2.3; Schuster and Paliwal 1997), any cell, with
 * PyTorch's semantics and names ({@code bidirectional=True}): a forward direction
 * ({@code weight_ih_l{k}}, ...) reads x_1..x_T and a reverse direction
 * ({@code weight_ih_l{k}_reverse}, ...) reads x_T..x_1, both from zero (or given) states; the
 * output at step t is [h_t^(f); h_t^(b)] (CONCAT, PyTorch's layout, 2 x hidden wide) or
 * h_t^(f) + h_t^(b) (SUM, hidden wide).
 *
 * <p>Ragged batches: each sequence is reversed within its own length, so its reverse direction
 * starts at its own last token, and padding stays at the end (as PyTorch's packed sequences).
 * Past its length a sequence's output is the final state of each direction (frozen, as in a
 * unidirectional layer). {@link #summary()}, what a last-step readout reads, is
 * [h_T^(f); h_1^(b)] (or their sum): each direction's state after it has read the whole
 * sequence, PyTorch's {@code h_n} of both directions.
 *
 * <p>Backward, the seed's five steps: (1, 2) the forward pass ran both directions in separate
 * passes and merged their outputs; (3) the caller gives dL/d(outputs) (and dL/d(summary)); (4)
 * they are split between the directions and each runs its own BPTT, the forward one from t=T
 * down to 1, the reverse one from t=1 up to T, each accumulating the gradients of its own
 * weights; (5) dL/dx, the one quantity the directions share, is the sum of both. Needs whole
 * sequences: truncated BPTT is refused.
 */
public final class BidirectionalLayerF32 implements SequenceLayerF32 {
  /** How the two directions' outputs are combined. */
  public enum Merge {
    /** [h^(f); h^(b)], 2 x hidden (PyTorch). With a linear readout this is the seed's y = W^(f) h^(f) + W^(b) h^(b). */
    CONCAT,
    /** h^(f) + h^(b), hidden (Keras' merge_mode="sum"): one readout matrix shared by both directions. */
    SUM
  }

  private final RecurrentLayerF32 fwd;
  private final RecurrentLayerF32 rev;
  private final int index;
  private final int in;
  private final int hid;
  private final int width;
  private final int parts;
  private final Merge merge;
  private boolean training = true;

  private int steps;
  private int batch;
  private int[] lengths;
  // every buffer is sized for one batch shape and reused
  private float[] xRev = new float[0];     // steps x batch x in: each sequence reversed within its length
  private float[] out = new float[0];      // steps x batch x width
  private float[] summary = new float[0];  // batch x width
  private float[] dF = new float[0];       // steps x batch x hid: the forward direction's share (CONCAT)
  private float[] dR = new float[0];       // steps x batch x hid: the reverse direction's, in its own time
  private float[] dxRev = new float[0];    // steps x batch x in: dL/dx of the reverse direction, in its own time
  private float[] sF = new float[0];       // batch x hid: dL/d(summary)'s forward half (CONCAT)
  private float[] sR = new float[0];       // batch x hid: its reverse half (CONCAT)
  private final float[][] initF;
  private final float[][] initR;
  private final float[][] finF;
  private final float[][] finR;
  private final float[][] dFinF;
  private final float[][] dFinR;
  private final float[][] dInit;

  /** Declares layer {@code index} in both directions, {@code hidden} units each. */
  public BidirectionalLayerF32(ParamsF32.Builder params, CellConfigF32 cell, int index, int inputSize, int hidden, Merge merge) {
    this.fwd = cell.create(params, index, "", inputSize, hidden);
    this.rev = cell.create(params, index, "_reverse", inputSize, hidden);
    this.index = index;
    this.in = inputSize;
    this.hid = hidden;
    this.merge = merge;
    this.width = merge == Merge.CONCAT ? 2 * hidden : hidden;
    this.parts = fwd.stateParts();
    this.initF = new float[parts][];
    this.initR = new float[parts][];
    this.finF = new float[parts][];
    this.finR = new float[parts][];
    this.dFinF = new float[parts][];
    this.dFinR = new float[parts][];
    this.dInit = new float[2 * parts][];
  }

  /** How the directions are merged. */
  public Merge merge() {
    return merge;
  }

  @Override
  public int inputSize() {
    return in;
  }

  @Override
  public int outputSize() {
    return width;
  }

  /** The forward direction's parts (h, and c for LSTM), then the reverse direction's. */
  @Override
  public int stateParts() {
    return 2 * parts;
  }

  @Override
  public int stateWidth() {
    return hid;
  }

  @Override
  public boolean bidirectional() {
    return true;
  }

  @Override
  public List<RecurrentLayerF32> directions() {
    return List.of(fwd, rev);
  }

  /** Streams {@code layer{k}} (the same weights a unidirectional layer k draws) and {@code layer{k}_reverse}. */
  @Override
  public void initialize(float[] values, Initializer weightInit, Initializer recurrentInit, Rng rng) {
    fwd.initialize(values, weightInit, recurrentInit, rng.child("layer" + index));
    rev.initialize(values, weightInit, recurrentInit, rng.child("layer" + index + "_reverse"));
  }

  private void ensure(int steps, int batch) {
    int rows = steps * batch;
    if (xRev.length < rows * in) {
      xRev = new float[rows * in];
      dxRev = new float[rows * in];
    }
    if (out.length < rows * width) {
      out = new float[rows * width];
      dR = new float[rows * hid];
      dF = merge == Merge.CONCAT ? new float[rows * hid] : dF;
    }
    if (summary.length < batch * width) {
      summary = new float[batch * width];
      if (merge == Merge.CONCAT) {
        sF = new float[batch * hid];
        sR = new float[batch * hid];
      }
    }
    this.steps = steps;
    this.batch = batch;
  }

  /** Step of sequence b that the reverse direction reads at its step t (an involution). */
  private int mirror(int t, int b) {
    int len = lengths == null ? steps : lengths[b];
    return t < len ? len - 1 - t : t;
  }

  @Override
  public void forward(float[] values, float[] x, int xOff, int steps, int batch, int[] lengths, int lenShift,
                      float[][] init) {
    if (lenShift != 0) {
      throw new IllegalArgumentException("bidirectional layer " + index + " needs whole sequences, got a segment "
          + "starting at step " + lenShift + " (truncated BPTT cannot train a bidirectional layer)");
    }
    ensure(steps, batch);
    this.lengths = lengths;
    // step 1: the two directions in separate passes; the reverse one reads each sequence backwards
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < batch; b++) {
        System.arraycopy(x, xOff + (mirror(t, b) * batch + b) * in, xRev, (t * batch + b) * in, in);
      }
    }
    if (init != null) {
      for (int k = 0; k < parts; k++) {
        initF[k] = init[k];
        initR[k] = init[parts + k];
      }
    }
    fwd.forward(values, x, xOff, steps, batch, lengths, 0, init == null ? null : initF);
    rev.forward(values, xRev, 0, steps, batch, lengths, 0, init == null ? null : initR);
    // step 2: merge both directions at every step, and their final states for the summary
    float[] hf = fwd.output();
    float[] hr = rev.output();
    int fo = fwd.outputOffset();
    int ro = rev.outputOffset();
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < batch; b++) {
        int r = t * batch + b;
        mergeRow(hf, fo + r * hid, hr, ro + (mirror(t, b) * batch + b) * hid, out, r * width);
      }
    }
    int last = (steps - 1) * batch * hid;
    for (int b = 0; b < batch; b++) {
      mergeRow(hf, fo + last + b * hid, hr, ro + last + b * hid, summary, b * width);
    }
  }

  private void mergeRow(float[] hf, int f, float[] hr, int r, float[] dst, int d) {
    if (merge == Merge.CONCAT) {
      System.arraycopy(hf, f, dst, d, hid);
      System.arraycopy(hr, r, dst, d + hid, hid);
    } else {
      for (int j = 0; j < hid; j++) {
        dst[d + j] = hf[f + j] + hr[r + j];
      }
    }
  }

  @Override
  public float[] output() {
    return out;
  }

  @Override
  public int outputOffset() {
    return 0;
  }

  @Override
  public float[] summary() {
    return summary;
  }

  @Override
  public int summaryOffset() {
    return 0;
  }

  @Override
  public void finalState(float[][] dst) {
    for (int k = 0; k < parts; k++) {
      finF[k] = dst[k];
      finR[k] = dst[parts + k];
    }
    fwd.finalState(finF);
    rev.finalState(finR);
  }

  @Override
  public void backward(float[] grads, float[] dOut, int dOutOff, float[] dSummary, float[] dx, int dxOff) {
    // step 3 is the caller's (dOut, dSummary); step 4: split them between the directions ...
    float[] dFwd = null;
    int dFwdOff = 0;
    float[] dRev = null;
    if (dOut != null) {
      for (int t = 0; t < steps; t++) {
        for (int b = 0; b < batch; b++) {
          int r = t * batch + b;
          int s = (mirror(t, b) * batch + b) * hid;
          if (merge == Merge.CONCAT) {
            System.arraycopy(dOut, dOutOff + r * width, dF, r * hid, hid);
            System.arraycopy(dOut, dOutOff + r * width + hid, dR, s, hid);
          } else {
            System.arraycopy(dOut, dOutOff + r * width, dR, s, hid);
          }
        }
      }
      dFwd = merge == Merge.CONCAT ? dF : dOut;
      dFwdOff = merge == Merge.CONCAT ? 0 : dOutOff;
      dRev = dR;
    }
    float[][] finalF = null;
    float[][] finalR = null;
    if (dSummary != null) {
      if (merge == Merge.CONCAT) {
        for (int b = 0; b < batch; b++) {
          System.arraycopy(dSummary, b * width, sF, b * hid, hid);
          System.arraycopy(dSummary, b * width + hid, sR, b * hid, hid);
        }
        dFinF[0] = sF;
        dFinR[0] = sR;
      } else {
        dFinF[0] = dSummary;
        dFinR[0] = dSummary;
      }
      finalF = dFinF;
      finalR = dFinR;
    }
    // ... and each direction back-propagates through its own time, into its own weights
    fwd.backward(grads, dFwd, dFwdOff, finalF, dx, dxOff);
    rev.backward(grads, dRev, 0, finalR, dx == null ? null : dxRev, 0);
    // step 5: x is shared by both directions: dL/dx is the sum of their shares
    if (dx != null) {
      for (int t = 0; t < steps; t++) {
        for (int b = 0; b < batch; b++) {
          int d = dxOff + (t * batch + b) * in;
          int s = (mirror(t, b) * batch + b) * in;
          for (int j = 0; j < in; j++) {
            dx[d + j] += dxRev[s + j];
          }
        }
      }
    }
  }

  @Override
  public float[][] initialStateGradient() {
    float[][] f = fwd.initialStateGradient();
    float[][] r = rev.initialStateGradient();
    for (int k = 0; k < parts; k++) {
      dInit[k] = f[k];
      dInit[parts + k] = r[k];
    }
    return dInit;
  }

  /** Both directions report as layer k; the reverse direction's t counts its own steps, from each sequence's end. */
  @Override
  public void setStepGradientHook(StepGradientHookF32 hook) {
    fwd.setStepGradientHook(hook);
    rev.setStepGradientHook(hook);
  }

  /** Training or evaluation mode of both directions (batch norm: batch or running statistics). */
  @Override
  public void setTraining(boolean training) {
    this.training = training;
    fwd.setTraining(training);
    rev.setTraining(training);
  }

  @Override
  public void resetStatistics(boolean exact) {
    fwd.resetStatistics(exact);
    rev.resetStatistics(exact);
  }

  /** The mode last set. */
  public boolean training() {
    return training;
  }
}
