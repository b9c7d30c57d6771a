package org.rnnlab.engine.diag;

import java.util.List;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.cell.RecurrentLayer;
import org.rnnlab.engine.cell.StepGradientHook;
import org.rnnlab.engine.linalg.SymmetricEigen;

/**
 * Norms of the products of per-step Jacobians, d h_{T-1} / d s_t for every t (seed 000, 7.3:
 * Lemma 7.3.1 is about the powers of this Jacobian; for the tanh RNN each factor is
 * diag(1 - h_s^2) W_hh). Exact, for any cell: the layer is run on H copies of one probe sequence
 * (its input from the layers below held fixed) and back-propagated from the unit vectors e_1..e_H
 * at h_{T-1}; at step t, copy b's error is row b of the product, so the hook sees the whole
 * H x (parts H) matrix at every t in one backward pass. Rows are rescaled by exact powers of two
 * whenever they leave [2^-64, 2^64], and the scale is carried in the logarithm, so products that
 * vanish or explode far beyond the range of doubles are measured all the same.
 *
 * <p>Cost per sequence: one forward and backward pass of the layer on a batch of H, plus O(H^2)
 * per step for the Frobenius norm, or O(H^3) per step with the spectral norm (Gram matrix and
 * its largest eigenvalue, {@link Spectral}). Like {@link GradientFlowProbe}, a measurement runs
 * with only its own hook and touches neither the model's parameters nor its gradient.
 */
public final class JacobianProductProbe {
  private static final double LN2 = StrictMath.log(2.0);
  private static final int RANGE = 64;
  private final SequenceModel model;
  private final Batch batch;
  private final int sequences;
  private final double[] scratchGrads;

  private RecurrentLayer target;
  private int seq;
  private int scaleExp;
  private double[][] logFro;
  private double[][] logSpec;
  private double[] gram = new double[0];
  private double[] work = new double[0];

  private final StepGradientHook recorder = this::onStep;

  /**
   * @param probe     full-length sequences; the first {@code sequences} of them are measured
   * @param sequences how many sequences to measure (each costs a backward pass on a batch of H)
   */
  public JacobianProductProbe(SequenceModel model, Batch probe, int sequences) {
    if (!probe.uniformLength()) {
      throw new IllegalArgumentException("the Jacobian probe needs a batch of full-length sequences");
    }
    if (sequences < 1 || sequences > probe.size()) {
      throw new IllegalArgumentException("sequences must be in 1.." + probe.size() + ", got " + sequences);
    }
    this.model = model;
    this.batch = probe;
    this.sequences = sequences;
    this.scratchGrads = new double[model.params().size()];
  }

  /** The recurrence of layer {@code k}; the products are those of one direction in time only. */
  private RecurrentLayer unidirectional(int k) {
    List<RecurrentLayer> d = model.layers().get(k).directions();
    if (d.size() != 1) {
      throw new IllegalArgumentException("Jacobian products are defined for unidirectional layers; layer " + k
          + " is bidirectional");
    }
    return d.get(0);
  }

  /** Measures layer {@code layer} with the model's current parameters; with {@code spectral} also the spectral norms. */
  public JacobianProducts measure(int layer, boolean spectral) {
    target = unidirectional(layer);
    int hid = target.hiddenSize();
    int parts = target.stateParts();
    int steps = batch.steps();
    double[] v = model.params().values();
    logFro = new double[sequences][steps];
    logSpec = spectral ? new double[sequences][steps] : null;
    if (spectral && gram.length < hid * hid) {
      gram = new double[hid * hid];
      work = new double[4 * hid];
    }
    double[][] dFinal = new double[parts][hid * hid];
    List<StepGradientHook> hooks = model.stepGradientHooks();
    model.setStepGradientHooks(List.of(recorder));
    try {
      for (seq = 0; seq < sequences; seq++) {
        double[] x = inputOf(layer, seq, v);
        int in = target.inputSize();
        double[] rep = new double[steps * hid * in];
        for (int t = 0; t < steps; t++) {
          for (int b = 0; b < hid; b++) {
            System.arraycopy(x, t * in, rep, (t * hid + b) * in, in);
          }
        }
        target.forward(v, rep, 0, steps, hid, null, 0, null);
        for (double[] d : dFinal) {
          java.util.Arrays.fill(d, 0.0);
        }
        for (int b = 0; b < hid; b++) {
          dFinal[0][b * hid + b] = 1.0;
        }
        scaleExp = 0;
        target.backward(scratchGrads, null, 0, dFinal, null, 0);
      }
    } finally {
      model.setStepGradientHooks(hooks);
    }
    return new JacobianProducts(layer, logFro, logSpec);
  }

  /** The input of layer {@code layer} for sequence s of the probe batch, {@code steps x inputSize}. */
  private double[] inputOf(int layer, int s, double[] v) {
    int steps = batch.steps();
    int in0 = batch.inputSize();
    double[] x = new double[steps * in0];
    for (int t = 0; t < steps; t++) {
      System.arraycopy(batch.inputs(), (t * batch.size() + s) * in0, x, t * in0, in0);
    }
    for (int j = 0; j < layer; j++) {
      RecurrentLayer l = unidirectional(j);
      l.forward(v, x, 0, steps, 1, null, 0, null);
      x = java.util.Arrays.copyOfRange(l.output(), l.outputOffset(), l.outputOffset() + steps * l.hiddenSize());
    }
    return x;
  }

  /** Only the target layer runs a backward pass, so every call is from it. */
  private void onStep(int layer, int t, double[] dh, double[] dc, int off, int len) {
    double s = 0.0;
    for (int i = off; i < off + len; i++) {
      s = Math.fma(dh[i], dh[i], s);
    }
    if (dc != null) {
      for (int i = off; i < off + len; i++) {
        s = Math.fma(dc[i], dc[i], s);
      }
    }
    logFro[seq][t] = 0.5 * StrictMath.log(s) + scaleExp * LN2;
    if (logSpec != null) {
      int h = target.hiddenSize();
      for (int a = 0; a < h; a++) {
        for (int b = 0; b <= a; b++) {
          double g = 0.0;
          for (int j = 0; j < h; j++) {
            g = Math.fma(dh[off + a * h + j], dh[off + b * h + j], g);
          }
          if (dc != null) {
            for (int j = 0; j < h; j++) {
              g = Math.fma(dc[off + a * h + j], dc[off + b * h + j], g);
            }
          }
          gram[a * h + b] = g;
          gram[b * h + a] = g;
        }
      }
      double lambda = Math.max(0.0, SymmetricEigen.largest(gram, h, work));
      logSpec[seq][t] = 0.5 * StrictMath.log(lambda) + scaleExp * LN2;
    }
    rescale(dh, dc, off, len);
  }

  /** Multiplies the rows by 2^-e (exact) when their largest entry 2^e leaves [2^-RANGE, 2^RANGE]. */
  private void rescale(double[] dh, double[] dc, int off, int len) {
    double m = 0.0;
    for (int i = off; i < off + len; i++) {
      m = Math.max(m, Math.abs(dh[i]));
      if (dc != null) {
        m = Math.max(m, Math.abs(dc[i]));
      }
    }
    if (m == 0.0 || !Double.isFinite(m)) {
      return;
    }
    int e = Math.getExponent(m);
    if (e >= -RANGE && e <= RANGE) {
      return;
    }
    double f = Math.scalb(1.0, -e);
    for (int i = off; i < off + len; i++) {
      dh[i] *= f;
      if (dc != null) {
        dc[i] *= f;
      }
    }
    scaleExp += e;
  }
}
