package org.rnnlab.procedure;

import java.util.ArrayList;
import java.util.List;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.task.BatchStream;
import org.rnnlab.task.Task;

/**
 * Batch normalisation's population statistics re-estimated with the current weights before an
 * evaluation, as Cooijmans et al. 2017 do (their {@code nowwithpopulationstatistics}): forget the
 * running statistics ({@link SequenceModel#resetStatistics resetStatistics(true)}), then pass a
 * fixed set of training batches forward in training mode, so that every step's statistics become
 * the exact average of those batches' (the k-th weighs 1/k; docs/normalisation.md). The batches
 * ({@code bn_statistics_batches} of {@code batch_size} sequences) are drawn once per trial from
 * the task's training data with the trial's stream {@code "bn_statistics"}: random minibatches of a
 * dataset's training split, fresh sequences of a generated task. Only the buffers change; the
 * weights, the optimiser, the training data and the initial-state noise of training passes are
 * untouched (these passes draw their noise from {@code "bn_statistics/state_noise"}, child
 * {@code step}), so training is bit for bit the same with or without it.
 */
final class BatchNormStatistics {
  private final List<Batch> batches;
  private final Rng noise;
  private long estimatedAt = Long.MIN_VALUE;

  private BatchNormStatistics(List<Batch> batches, Rng noise) {
    this.batches = batches;
    this.noise = noise;
  }

  /**
   * The re-estimation of {@code cfg} for {@code model}, or null if none is asked for or the model
   * keeps no running statistics (no batch norm: its buffers are batch norm's only).
   */
  static BatchNormStatistics of(BpttTraining cfg, SequenceModel model, Task task, Rng trialRoot) {
    if (cfg.bnStatisticsBatches() == null || model.params().buffers().isEmpty()) {
      return null;
    }
    BatchStream s = task.data().training(cfg.batchSize(), cfg.trainSize(), trialRoot.child("bn_statistics"));
    List<Batch> out = new ArrayList<>(cfg.bnStatisticsBatches());
    for (int i = 0; i < cfg.bnStatisticsBatches(); i++) {
      out.add(s.next());
    }
    return new BatchNormStatistics(List.copyOf(out), trialRoot.child("bn_statistics").child("state_noise"));
  }

  /** Re-estimates the statistics for the weights after update {@code step}, unless already done for it. */
  void before(long step, SequenceModel model) {
    if (step == estimatedAt) {
      return;
    }
    boolean was = model.training();
    // the passes' initial-state noise (if any) comes from a stream of their own, fixed per step, so
    // that the training passes draw exactly what they would without these
    Rng training = model.setStateNoise(noise.child(step));
    model.resetStatistics(true);
    model.setTraining(true);
    for (Batch b : batches) {
      model.predict(b, b.size());
    }
    model.setTraining(was);
    model.setStateNoise(training);
    estimatedAt = step;
  }
}
