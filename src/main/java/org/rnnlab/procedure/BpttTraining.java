package org.rnnlab.procedure;

import java.util.ArrayList;
import java.util.List;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.engine.clip.GradientClip;
import org.rnnlab.engine.norm.RecurrentBatchNorm;
import org.rnnlab.engine.optim.OptimizerConfig;

/**
 * {@code "training": {"type": "bptt", ...}}: gradient descent with backpropagation through time
 * (seed 000, 7.2.2), full or truncated, one optimiser update per minibatch (per segment when
 * truncated). Non-null after construction except the optional settings.
 *
 * <p>A model with batch normalisation is measured with population statistics re-estimated before
 * every evaluation when {@code bn_statistics_batches} is given (Cooijmans et al. 2017; see
 * {@link BatchNormStatistics}); other models are never touched by it.
 */
public record BpttTraining(
    @Hyper(doc = "The optimiser, chosen by \"type\".") OptimizerConfig optimizer,
    @OptionalKey @Hyper(doc = "Gradient clipping, chosen by \"type\"; absent: none.") GradientClip clipping,
    @Hyper(doc = "Sequences per optimiser update.", min = 1) Integer batchSize,
    @Hyper(doc = "Optimiser updates (not epochs).", min = 1) Integer steps,
    @OptionalKey @Hyper(doc = "Truncated BPTT: length of the segments gradients flow through; absent: full "
        + "BPTT over the whole sequence.", min = 1) Integer truncation,
    @OptionalKey @Hyper(doc = "A fixed training set: a generated task draws this many sequences once; a dataset "
        + "uses the first this many of its training split; absent: a fresh batch at every step (generated tasks) "
        + "or the whole split (datasets).", min = 1) Integer trainSize,
    @OptionalKey @Hyper(doc = "Batch normalisation: before every evaluation, re-estimate the population statistics "
        + "with the current weights as the exact average over this many training batches (batch_size sequences "
        + "each, drawn once per trial from the stream \"bn_statistics\"), passed in training mode (Cooijmans et "
        + "al. 2017); absent: evaluate with the running statistics (moving average) kept during training. Models "
        + "without batch norm are unaffected.", min = 1) Integer bnStatisticsBatches) implements ProcedureConfig {
  /**
   * The update of the first evaluation at which the task counts as solved: of the test set if it is
   * tracked, else of the validation set if that is tracked (null if neither is, or never solved).
   */
  public static final String STEPS_TO_SOLVE = "steps_to_solve";

  public BpttTraining {
    if (optimizer == null || batchSize == null || steps == null) {
      throw new IllegalArgumentException("bptt needs optimizer, batch_size and steps");
    }
    if (batchSize < 1 || steps < 1 || (truncation != null && truncation < 1) || (trainSize != null && trainSize < 1)
        || (bnStatisticsBatches != null && bnStatisticsBatches < 1)) {
      throw new IllegalArgumentException("bptt batch_size, steps, truncation, train_size and bn_statistics_batches "
          + "must be >= 1");
    }
  }

  @Override
  public Procedure create() {
    return new BpttProcedure(this);
  }

  /** Test loss and task metrics, steps_to_solve, then every other set's loss and metrics. */
  @Override
  public List<String> metrics(TrialConfig config) {
    List<String> out = new ArrayList<>();
    for (String set : config.evaluation().setNames()) {
      List<String> taskMetrics = set.equals(EvaluationConfig.TEST) || set.equals(EvaluationConfig.VALIDATION)
          ? config.task().metricNames() : config.evaluation().sets().get(set).task().metricNames();
      out.add(EvaluationConfig.metricName(set, "loss"));
      taskMetrics.forEach(m -> out.add(EvaluationConfig.metricName(set, m)));
      if (set.equals(EvaluationConfig.TEST)) {
        out.add(STEPS_TO_SOLVE);
      }
    }
    return out;
  }

  @Override
  public List<ConfigProblem> check(TrialConfig config) {
    List<ConfigProblem> out = new ArrayList<>();
    if (config.task().datasets().isEmpty()) {
      if (config.evaluation().testSize() == null) {
        out.add(new ConfigProblem("/evaluation/test_size", "a generated task needs test_size (how many test "
            + "sequences to draw)"));
      }
      if (config.evaluation().track().contains(EvaluationConfig.VALIDATION)
          && config.evaluation().validationSize() == null) {
        out.add(new ConfigProblem("/evaluation/validation_size", "a generated task with a tracked validation set "
            + "needs validation_size"));
      }
      if (trainSize != null && trainSize < batchSize) {
        out.add(new ConfigProblem("/training/train_size", "train_size " + trainSize + " is smaller than batch_size "
            + batchSize));
      }
    }
    if (config.model().bidirectional() && truncation != null) {
      out.add(new ConfigProblem("/training/truncation", "truncated BPTT cannot train a bidirectional layer "
          + "(model.bidirectional is true): leave truncation out"));
    }
    if (config.task().tokenInputs() && config.model().embeddingDim() == null) {
      out.add(new ConfigProblem("/model/embedding_dim", "the task's inputs are token ids: give the embedding's "
          + "dimension"));
    }
    config.evaluation().sets().forEach((name, set) -> {
      if (set.task().datasets().isEmpty() && set.size() == null) {
        out.add(new ConfigProblem("/evaluation/sets/" + name + "/size", "a generated task needs the set's size"));
      }
    });
    if (!config.task().datasets().isEmpty() && trainSize != null && trainSize < batchSize) {
      out.add(new ConfigProblem("/training/train_size", "train_size " + trainSize + " is smaller than batch_size "
          + batchSize));
    }
    if (config.model().cell().norm() instanceof RecurrentBatchNorm.Config bn) {
      java.util.OptionalInt longest = config.task().maxLength();
      if (longest.isPresent() && bn.maxSteps() < longest.getAsInt()) {
        out.add(new ConfigProblem("/model/cell/norm/max_steps", "batch norm max_steps " + bn.maxSteps()
            + " is shorter than the task's longest training sequence (" + longest.getAsInt() + " steps): give "
            + "max_steps >= " + longest.getAsInt()));
      }
    }
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
