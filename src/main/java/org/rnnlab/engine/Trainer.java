package org.rnnlab.engine;

import java.util.ArrayList;
import java.util.List;
import org.rnnlab.engine.cell.StepGradientHook;
import org.rnnlab.engine.clip.ClipStats;
import org.rnnlab.engine.clip.Clipper;
import org.rnnlab.engine.clip.GradientClip;
import org.rnnlab.engine.clip.NoClip;
import org.rnnlab.engine.optim.Optimizer;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;

/**
 * One optimiser update per minibatch with full BPTT, or, with a truncation length k, one
 * update per segment of k steps, the state carried forward from segment to segment but not
 * differentiated through (truncated BPTT, seed 000, 7.2.2, non-overlapping segments). Every
 * update's gradient passes through the run's clipping rule (seed 000, 7.3) before the optimiser.
 */
public final class Trainer {
  private final SequenceModel model;
  private final Optimizer optimizer;
  private final Clipper clipper; // f32: private final org.rnnlab.engine.clip.WideClipper clipper;
  private final StepGradientHook clipHook;
  private final int truncation;
  private SequenceModel.State carry;
  private SequenceModel.State next;
  private int carryBatch = -1;

  /**
   * A trainer whose clipping rule is installed on the model: a rule acting inside BPTT adds its
   * hook to the model for the trainer's lifetime (see {@link #detach}).
   *
   * @param clip       the clipping rule ({@link NoClip} for none; null is read as none)
   * @param truncation segment length for truncated BPTT, or 0 for full BPTT
   */
  public Trainer(SequenceModel model, Optimizer optimizer, GradientClip clip, int truncation) {
    if (truncation > 0 && model.bidirectional()) {
      throw new IllegalArgumentException("truncated BPTT (truncation " + truncation + ") cannot train a bidirectional "
          + "layer: its reverse direction starts at each sequence's end; use full BPTT (no truncation)");
    }
    this.model = model;
    this.optimizer = optimizer;
    this.clipper = (clip == null ? new NoClip() : clip).create(model.params()); // f32: this.clipper = new org.rnnlab.engine.clip.WideClipper(clip == null ? new NoClip() : clip, model.params());
    this.clipHook = clipper.stepHook();
    this.truncation = truncation;
    if (clipHook != null) {
      model.addStepGradientHook(clipHook);
    }
  }

  /** The run's clipping rule (its thresholds, once calibrated). */
  public Clipper clipper() { return clipper; } // f32: public org.rnnlab.engine.clip.WideClipper clipper() { return clipper; }

  /** Removes this trainer's in-BPTT clipping hook from the model, so the model can be trained by another. */
  public void detach() {
    if (clipHook != null) {
      model.removeStepGradientHook(clipHook);
    }
  }

  /**
   * Writes the training state this trainer mutates, between two {@link #step}s: the model
   * ({@link SequenceModel#saveState}), then the optimiser and the clipping rule (groups
   * {@code optimizer}, {@code clipping}). The state carried to a continuing minibatch is saved
   * too (group {@code carry}). The caller adds what lies outside (data position, loop counters, callbacks).
   */
  public void saveState(StateWriter out) {
    model.saveState(out);
    out.begin("optimizer");
    optimizer.save(out);
    out.end();
    out.begin("clipping");
    clipper.save(out);
    out.end();
    out.begin("carry").writeInt("batch", carryBatch);
    if (carryBatch > 0) {
      double[][][] parts = carry.parts();
      for (int i = 0; i < parts.length; i++) {
        for (int j = 0; j < parts[i].length; j++) {
          out.writeDoubles("part" + i + "_" + j, parts[i][j]);
        }
      }
    }
    out.end();
  }

  /**
   * Restores what {@link #saveState} wrote into this trainer of the same model, optimiser and rule
   * configs; then {@link #step} continues bit for bit. On a
   * {@link org.rnnlab.engine.state.StateFormatException} the model, optimiser and rule may be partly
   * restored: discard them and start again from fresh ones.
   */
  public void restoreState(StateReader in) {
    model.restoreState(in);
    in.begin("optimizer");
    optimizer.restore(in);
    in.end();
    in.begin("clipping");
    clipper.restore(in);
    in.end();
    in.begin("carry");
    int batch = in.readInt("batch");
    if (batch > 0) {
      carry = model.zeroState(batch);
      next = model.zeroState(batch);
      double[][][] parts = carry.parts();
      for (int i = 0; i < parts.length; i++) {
        for (int j = 0; j < parts[i].length; j++) {
          in.readDoublesInto("part" + i + "_" + j, parts[i][j]);
        }
      }
    }
    carryBatch = batch;
    in.end();
  }

  /** Trains on one minibatch whose sequences start afresh (zero initial state). */
  public StepResult step(Batch b) {
    return step(b, false);
  }

  /**
   * Trains on one minibatch. {@code continues}: its sequences continue those of the previous
   * minibatch (a language model's parallel streams, seed 000, 7.2.2): the state is carried over
   * from where the previous one ended, and gradients stop at the boundary.
   */
  public StepResult step(Batch b, boolean continues) {
    Params p = model.params();
    int span = truncation > 0 ? truncation : b.steps();
    if (continues && carryBatch != b.size()) {
      throw new IllegalArgumentException("a continuing minibatch of " + b.size() + " sequences follows one of "
          + carryBatch);
    }
    if (carryBatch != b.size()) {
      carry = model.zeroState(b.size());
      next = model.zeroState(b.size());
      carryBatch = b.size();
    }
    /*f64*/double lossSum = 0.0;
    int counted = 0;
    /*f64*/double maxNorm = 0.0;
    List<ClipStats> clips = new ArrayList<>(1);
    for (int t0 = 0; t0 < b.steps(); t0 += span) {
      int len = Math.min(span, b.steps() - t0);
      p.zeroGrads();
      clipper.beginUpdate();
      /*f64*/double l = model.forwardBackward(b, t0, len, t0 == 0 && !continues ? null : carry);
      model.finalStateInto(next);
      SequenceModel.State s = carry;
      carry = next;
      next = s;
      boolean hasTarget = model.readout() == ReadoutMode.EVERY_STEP || t0 + len == b.steps();
      if (!hasTarget) {
        continue;
      }
      ClipStats c = clipper.clip(p);
      clips.add(c);
      maxNorm = Math.max(maxNorm, c.normBefore());
      optimizer.step(p.values(), p.grads());
      lossSum += l;
      counted++;
    }
    return new StepResult(counted == 0 ? 0.0 : lossSum / counted, maxNorm, clips);
  }
}
