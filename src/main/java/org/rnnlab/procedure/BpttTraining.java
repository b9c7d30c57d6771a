package org.rnnlab.procedure;

import java.util.ArrayList;
import java.util.List;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.engine.clip.GradientClip;
import org.rnnlab.engine.optim.OptimizerConfig;

/**
 * {@code "training": {"type": "bptt", ...}}: gradient descent with backpropagation through time
 * (seed 000, 7.2.2), full or truncated, one optimiser update per minibatch (per segment when
 * truncated). Non-null after construction except the optional settings.
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
    @OptionalKey @Hyper(doc = "true: also report the final metrics success (1 if the task's own success criterion "
        + "holds on the test set at the end of training, else 0, so that the mean over seeds is the success rate) and "
        + "sequences_to_solve (steps_to_solve x batch_size); absent: not reported.") Boolean reportSuccess,
    @OptionalKey @Hyper(doc = "Gradient diagnostics recorded as series (gradient flow, spectra of W_hh, Jacobian "
        + "products, per-update clipping statistics); absent: none, at no cost.") BpttDiagnostics diagnostics)
    implements ProcedureConfig {
  /** The metric of the first test evaluation at which the task counts as solved. */
  public static final String STEPS_TO_SOLVE = "steps_to_solve";
  /** 1 if the task's success criterion holds on the final test metrics, else 0 ({@code report_success}). */
  public static final String SUCCESS = "success";
  /** steps_to_solve x batch_size: training sequences seen until solved ({@code report_success}). */
  public static final String SEQUENCES_TO_SOLVE = "sequences_to_solve";

  public BpttTraining {
    if (optimizer == null || batchSize == null || steps == null) {
      throw new IllegalArgumentException("bptt needs optimizer, batch_size and steps");
    }
    if (batchSize < 1 || steps < 1 || (truncation != null && truncation < 1) || (trainSize != null && trainSize < 1)) {
      throw new IllegalArgumentException("bptt batch_size, steps, truncation and train_size must be >= 1");
    }
  }

  @Override
  public Procedure create() {
    return new BpttProcedure(this);
  }

  /**
   * Test loss and task metrics, steps_to_solve (and success, sequences_to_solve with report_success),
   * then every other set's loss and metrics, then the diagnostics' metrics.
   */
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
        if (Boolean.TRUE.equals(reportSuccess)) {
          out.add(SUCCESS);
          out.add(SEQUENCES_TO_SOLVE);
        }
      }
    }
    if (diagnostics != null) {
      out.addAll(TrainingProbes.metricNames(diagnostics));
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
    if (diagnostics != null && diagnostics.jacobian()) {
      if (config.model().bidirectional()) {
        out.add(new ConfigProblem("/training/diagnostics/jacobian", "Jacobian products are defined for "
            + "unidirectional layers (model.bidirectional is true)"));
      }
      if (diagnostics.jacobianSequences() > diagnostics.probeSize()) {
        out.add(new ConfigProblem("/training/diagnostics/jacobian_sequences", "jacobian_sequences "
            + diagnostics.jacobianSequences() + " is larger than probe_size " + diagnostics.probeSize()));
      }
    }
    config.evaluation().sets().forEach((name, set) -> {
      if (set.task().datasets().isEmpty() && set.size() == null) {
        out.add(new ConfigProblem("/evaluation/sets/" + name + "/size", "a generated task needs the set's size"));
      }
    });
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
