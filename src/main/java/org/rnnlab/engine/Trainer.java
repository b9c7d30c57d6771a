package org.rnnlab.engine;

import org.rnnlab.engine.clip.GradientClip;
import org.rnnlab.engine.optim.Optimizer;

/**
 * One optimiser update per minibatch with full BPTT, or, with a truncation length k, one
 * update per segment of k steps, the state carried forward from segment to segment but not
 * differentiated through (truncated BPTT, seed 000, 7.2.2, non-overlapping segments).
 */
public final class Trainer {
  private final SequenceModel model;
  private final Optimizer optimizer;
  private final GradientClip clip;
  private final int truncation;
  private SequenceModel.State carry;
  private SequenceModel.State next;
  private int carryBatch = -1;

  /** Outcome of one minibatch: mean loss over the spans with targets, and the largest gradient norm before clipping. */
  public record StepResult(double loss, double gradNorm) {}

  /**
   * @param clip       applied to the whole gradient before every update, or null
   * @param truncation segment length for truncated BPTT, or 0 for full BPTT
   */
  public Trainer(SequenceModel model, Optimizer optimizer, GradientClip clip, int truncation) {
    if (truncation > 0 && model.bidirectional()) {
      throw new IllegalArgumentException("truncated BPTT (truncation " + truncation + ") cannot train a bidirectional "
          + "layer: its reverse direction starts at each sequence's end; use full BPTT (no truncation)");
    }
    this.model = model;
    this.optimizer = optimizer;
    this.clip = clip;
    this.truncation = truncation;
  }

  /** Trains on one minibatch. */
  public StepResult step(Batch b) {
    Params p = model.params();
    int span = truncation > 0 ? truncation : b.steps();
    if (carryBatch != b.size()) {
      carry = model.zeroState(b.size());
      next = model.zeroState(b.size());
      carryBatch = b.size();
    }
    double lossSum = 0.0;
    int counted = 0;
    double maxNorm = 0.0;
    for (int t0 = 0; t0 < b.steps(); t0 += span) {
      int len = Math.min(span, b.steps() - t0);
      p.zeroGrads();
      double l = model.forwardBackward(b, t0, len, t0 == 0 ? null : carry);
      model.finalStateInto(next);
      SequenceModel.State s = carry;
      carry = next;
      next = s;
      boolean hasTarget = model.readout() == ReadoutMode.EVERY_STEP || t0 + len == b.steps();
      if (!hasTarget) {
        continue;
      }
      double norm = clip != null ? clip.apply(p.grads()) : GradientClip.norm(p.grads());
      maxNorm = Math.max(maxNorm, norm);
      optimizer.step(p.values(), p.grads());
      lossSum += l;
      counted++;
    }
    return new StepResult(counted == 0 ? 0.0 : lossSum / counted, maxNorm);
  }
}
