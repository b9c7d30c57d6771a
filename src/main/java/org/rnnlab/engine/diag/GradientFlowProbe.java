package org.rnnlab.engine.diag;

import java.util.List;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.cell.StepGradientHook;
import org.rnnlab.engine.clip.GradientClip;

/**
 * Gradient flow through time (seed 000, 7.3, eq. 7.5 and Lemma 7.3.1): ||dL/dh_t|| at every step t
 * of every layer for a loss at the last step, on a fixed probe batch; for the LSTM also
 * ||dL/dc_t||. Call {@link #measure} at initialisation and at chosen intervals of training.
 *
 * <p>A measurement is one forward and backward pass over the probe batch with only the probe's
 * hook installed: clipping rules on the model neither act on it nor count it, and the model's
 * gradient buffer is restored afterwards, so measuring changes nothing in the training that
 * follows (same bits as without it). With an every-step readout, the probe's loss is that of
 * the last step alone (a mask on the other steps).
 */
public final class GradientFlowProbe {
  private final SequenceModel model;
  private final Batch batch;
  private final double[] savedGrads;
  private final int parts;
  private double[][] hidden;
  private double[][] cell;

  private final StepGradientHook recorder = (layer, t, dh, dc, off, len) -> {
    hidden[layer][t] = GradientClip.norm(dh, off, len);
    if (dc != null) {
      cell[layer][t] = GradientClip.norm(dc, off, len);
    }
  };

  /**
   * @param probe a batch of full-length sequences with targets for the model's readout (with an
   *              every-step readout, only its last step's targets are used)
   */
  public GradientFlowProbe(SequenceModel model, Batch probe) {
    if (!probe.uniformLength()) {
      throw new IllegalArgumentException("the gradient-flow probe needs a batch of full-length sequences");
    }
    this.model = model;
    this.batch = model.readout() == ReadoutMode.EVERY_STEP ? lastStepOnly(probe) : probe;
    this.savedGrads = new double[model.params().size()];
    this.parts = model.layers().get(0).stateParts();
  }

  /** The same sequences with the every-step targets masked to the last step. */
  static Batch lastStepOnly(Batch b) {
    double[] mask = new double[b.steps() * b.size()];
    java.util.Arrays.fill(mask, (b.steps() - 1) * b.size(), mask.length, 1.0);
    return new Batch(b.steps(), b.size(), b.inputSize(), b.inputs(), b.lengths(), b.targets(), b.labels(), mask);
  }

  /** Measures the flow with the model's current parameters. */
  public GradientFlow measure() {
    int layers = model.layers().size();
    int steps = batch.steps();
    hidden = new double[layers][steps];
    cell = parts > 1 ? new double[layers][steps] : null;
    double[] g = model.params().grads();
    System.arraycopy(g, 0, savedGrads, 0, g.length);
    List<StepGradientHook> hooks = model.stepGradientHooks();
    model.setStepGradientHooks(List.of(recorder));
    double loss;
    try {
      model.params().zeroGrads();
      loss = model.forwardBackward(batch, 0, steps, null);
    } finally {
      model.setStepGradientHooks(hooks);
      System.arraycopy(savedGrads, 0, g, 0, g.length);
    }
    return new GradientFlow(loss, hidden, cell);
  }
}
