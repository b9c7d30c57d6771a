package org.rnnlab.engine.outrec;

import org.rnnlab.engine.Batch;
import org.rnnlab.engine.Precision;
import org.rnnlab.engine.TrainingState;
import org.rnnlab.engine.clip.ClipStats;

/**
 * An {@link OutputRecurrentNet} of either {@link Precision} with its optimiser and clipping rule, as the
 * training loop and evaluation see it: logits, losses and stored weights are doubles at this boundary (a
 * float32 network's widen exactly), so the loop is one code for both precisions.
 */
public interface OutputRecurrence {
  /** The precision the network computes in. */
  Precision precision();

  /** See {@link OutputRecurrentNet#teacherForcing}. */
  int[] teacherForcing(Batch b);

  /** The logits given the fed classes, {@code [steps][size][K]} ({@link OutputRecurrentNet#logits}). */
  double[] logits(Batch b, int[] fed);

  /** The logits running free ({@link OutputRecurrentNet#freeRunning}). */
  double[] freeRunning(Batch b);

  /** The mean cross-entropy of {@code logits} over the steps of {@code b} with a target. */
  double loss(Batch b, double[] logits);

  /**
   * One teacher-forced update on {@code b}: gradient, clipping, optimiser step. Returns the loss and what the rule
   * did (its norm before clipping).
   */
  Update train(Batch b);

  /** What one update measured: the batch's loss and the clipping rule's statistics. */
  record Update(double loss, ClipStats clip) {}

  /** Its parameters, optimiser and clipping rule as training state and stored model. */
  TrainingState state();
}
