package org.rnnlab.procedure.bptt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.engine.clip.GradientClip;
import org.rnnlab.engine.optim.OptimizerConfig;
import org.rnnlab.model.SequenceModelConfig;
import org.rnnlab.procedure.ConfigProblem;
import org.rnnlab.procedure.EvaluationConfig;
import org.rnnlab.procedure.Procedure;
import org.rnnlab.procedure.ProcedureConfig;
import org.rnnlab.procedure.TrialConfig;
import org.rnnlab.results.MeasureName;
import org.rnnlab.results.Measures;

/**
 * {@code "training": {"type": "bptt", ...}}: gradient descent with backpropagation through time
 * (seed 000, 7.2.2), full or truncated, one optimiser update per minibatch (per segment when
 * truncated), and the {@link Callbacks} a trial adds to that loop. Non-null after construction
 * except the optional settings.
 */
public record BpttTraining(
    @Hyper(doc = "The optimiser, chosen by \"type\".") OptimizerConfig optimizer,
    @OptionalKey @Hyper(doc = "Gradient clipping, chosen by \"type\"; absent: none.") GradientClip clipping,
    @Hyper(doc = "Sequences per optimiser update.", min = 1, max = 1_000_000) Integer batchSize,
    @Hyper(doc = "Optimiser updates (not epochs).", min = 1, max = 1_000_000_000) Integer steps,
    @OptionalKey @Hyper(doc = "Truncated BPTT: length of the segments gradients flow through; absent: full "
        + "BPTT over the whole sequence.", min = 1) Integer truncation,
    @OptionalKey @Hyper(doc = "A fixed training set: a generated task draws this many sequences once; a dataset "
        + "uses the first this many of its training split; absent: a fresh batch at every step (generated tasks) "
        + "or the whole split (datasets).", min = 1) Integer trainSize,
    @OptionalKey @Hyper(doc = "What the trial adds to the training loop, keyed by callback name; absent: none.")
    Callbacks callbacks) implements ProcedureConfig {
  /**
   * The update of the first evaluation at which the task counts as solved: of the test set if it is
   * tracked, else of the validation set if that is tracked (null if neither is, or never solved).
   */
  public static final String STEPS_TO_SOLVE = Measures.STEPS_TO_SOLVE;

  public BpttTraining {
    if (optimizer == null || batchSize == null || steps == null) {
      throw new IllegalArgumentException("bptt needs optimizer, batch_size and steps");
    }
    if (batchSize < 1 || steps < 1 || (truncation != null && truncation < 1) || (trainSize != null && trainSize < 1)) {
      throw new IllegalArgumentException("bptt batch_size, steps, truncation and train_size must be >= 1");
    }
  }

  /** The configured callbacks by key, in calling order (empty if none). */
  public Map<String, CallbackConfig> callbackConfigs() {
    return callbacks == null ? Map.of() : callbacks.byKey();
  }

  @Override
  public Procedure create() {
    return new BpttLoop(this);
  }

  /** Test loss and task metrics, steps_to_solve, then every other set's loss and metrics, then the callbacks'. */
  @Override
  public List<String> metrics(TrialConfig config) {
    List<String> out = new ArrayList<>();
    for (String set : config.evaluation().setNames()) {
      out.add(EvaluationConfig.metricName(set, Measures.LOSS));
      config.taskMetrics(set).forEach(m -> out.add(EvaluationConfig.metricName(set, m)));
      if (set.equals(EvaluationConfig.TEST)) {
        out.add(STEPS_TO_SOLVE);
      }
    }
    callbackConfigs().values().forEach(c -> out.addAll(c.metrics(config, this)));
    return out;
  }

  /** The metrics recorded in the learning curve at every evaluation (what callbacks may watch). */
  public static List<String> trackedMetrics(TrialConfig config) {
    List<String> out = new ArrayList<>();
    for (String set : config.evaluation().track()) {
      out.add(EvaluationConfig.metricName(set, Measures.LOSS));
      config.taskMetrics(set).forEach(m -> out.add(EvaluationConfig.metricName(set, m)));
    }
    return out;
  }

  /** train_loss and grad_norm, then the tracked sets' metrics, at every evaluation. */
  @Override
  public List<MeasureName> curve(TrialConfig config) {
    List<MeasureName> out = new ArrayList<>();
    out.add(MeasureName.exact(Measures.TRAIN_LOSS));
    out.add(MeasureName.exact(Measures.GRAD_NORM));
    trackedMetrics(config).forEach(m -> out.add(MeasureName.exact(m)));
    return out;
  }

  /** The callbacks' series. */
  @Override
  public List<MeasureName> series(TrialConfig config) {
    List<MeasureName> out = new ArrayList<>();
    callbackConfigs().values().forEach(c -> out.addAll(c.series(config, this)));
    return out;
  }

  @Override
  public List<ConfigProblem> check(TrialConfig config) {
    List<ConfigProblem> out = new ArrayList<>(config.evaluation().check(config));
    if (trainSize != null && trainSize < batchSize) {
      out.add(new ConfigProblem("/training/train_size", "train_size " + trainSize + " is smaller than batch_size "
          + batchSize));
    }
    out.addAll(config.checkModel(SequenceModelConfig.class, "bptt training trains a model by gradient (type rnn); "
        + "an esn model is a fixed reservoir: fit its readout with {\"type\": \"ridge\"} training (for an "
        + "echo-state-initialised RNN trained by BPTT use an rnn model with recurrent_init sparse_spectral)"));
    if (config.model().bidirectional() && truncation != null) {
      out.add(new ConfigProblem("/training/truncation", "truncated BPTT cannot train a bidirectional layer "
          + "(model.bidirectional is true): leave truncation out"));
    }
    callbackConfigs().forEach((key, c) -> out.addAll(c.check(config, this, "/training/callbacks/" + key)));
    return out;
  }

  /** Updates x batch x sequence length x the recurrent products' size per step. */
  @Override
  public double cost(TrialConfig config) {
    double h = config.model().hiddenSize();
    double perStep = config.model().numLayers() * h * (h + 8.0) * (config.model().bidirectional() ? 2 : 1);
    return (double) steps * batchSize * config.task().typicalLength() * perStep;
  }
}
