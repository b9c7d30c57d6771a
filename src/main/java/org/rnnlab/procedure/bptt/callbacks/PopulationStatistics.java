package org.rnnlab.procedure.bptt.callbacks;

import java.util.ArrayList;
import java.util.List;
import org.rnnlab.engine.StepResult;
import org.rnnlab.config.Hyper;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.Network;
import org.rnnlab.procedure.bptt.BpttTraining;
import org.rnnlab.procedure.bptt.CallbackConfig;
import org.rnnlab.procedure.bptt.TrainingCallback;
import org.rnnlab.procedure.bptt.TrainingRun;
import org.rnnlab.task.BatchStream;

/**
 * {@code "bn_statistics": {"batches": 3}}: batch normalisation's population statistics re-estimated
 * with the current weights before every evaluation, as Cooijmans et al. 2017 do (their
 * {@code nowwithpopulationstatistics}): forget the running statistics
 * ({@link Network#resetStatistics resetStatistics(true)}), then pass a fixed set of training
 * batches forward in training mode, so that every step's statistics become the exact average of
 * those batches' (the k-th weighs 1/k; docs/normalisation.md). The batches ({@code batches} of
 * {@code batch_size} sequences) are drawn once per trial from the task's training data with the
 * trial's stream {@code "bn_statistics"}. Only the buffers change; the weights, the optimiser, the
 * training data and the initial-state noise of training passes are untouched (these passes draw
 * their noise from {@code "bn_statistics/state_noise"}, child {@code step}), so training is bit for
 * bit the same with or without it; the measurements differ. Models without batch norm are unaffected.
 */
public record PopulationStatistics(
    @Hyper(doc = "Training batches (batch_size sequences each, drawn once per trial from the stream "
        + "\"bn_statistics\") the statistics are the exact average over.", min = 1, max = 100_000)
    Integer batches) implements CallbackConfig {
  public PopulationStatistics {
    if (batches == null || batches < 1) {
      throw new IllegalArgumentException("bn_statistics needs batches >= 1");
    }
  }

  @Override
  public boolean observesOnly() {
    return false; // training is untouched, but every measurement of a batch-norm model changes
  }

  @Override
  public TrainingCallback create(TrainingRun run) {
    Network model = run.network();
    if (!model.hasBuffers()) {
      return new TrainingCallback() {}; // no batch norm: its buffers are batch norm's only
    }
    BpttTraining t = run.training();
    BatchStream s = run.task().data().training(t.batchSize(), t.trainSize(), run.rng().child("bn_statistics"));
    List<Batch> drawn = new ArrayList<>(batches);
    for (int i = 0; i < batches; i++) {
      drawn.add(s.next());
    }
    return new Estimator(model, List.copyOf(drawn), run.rng().child("bn_statistics").child("state_noise"));
  }

  /** Re-estimates the statistics for the weights of an update, once per update. */
  static final class Estimator implements TrainingCallback {
    private final Network model;
    private final List<Batch> batches;
    private final Rng noise;
    private long estimatedAt = Long.MIN_VALUE;

    Estimator(Network model, List<Batch> batches, Rng noise) {
      this.model = model;
      this.batches = batches;
      this.noise = noise;
    }

    @Override
    public void beforeEvaluation(long step) {
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

    @Override
    public void afterUpdate(long step, org.rnnlab.engine.StepResult result) {
      estimatedAt = Long.MIN_VALUE; // new weights
    }
  }
}
