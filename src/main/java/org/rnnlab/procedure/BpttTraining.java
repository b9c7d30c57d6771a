package org.rnnlab.procedure;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.engine.clip.GradientClip;
import org.rnnlab.engine.norm.RecurrentBatchNorm;
import org.rnnlab.engine.optim.OptimizerConfig;
import org.rnnlab.results.MeasureName;
import org.rnnlab.results.Measures;

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
    @OptionalKey @Hyper(doc = "true: also report the final metrics success (1 if the task's own success criterion "
        + "holds on the test set at the end of training, else 0, so that the mean over seeds is the success rate) and "
        + "sequences_to_solve (steps_to_solve x batch_size); absent: not reported.") Boolean reportSuccess,
    @OptionalKey @Hyper(doc = "Gradient diagnostics recorded as series (gradient flow, spectra of W_hh, Jacobian "
        + "products, per-update clipping statistics); absent: none, at no cost.") BpttDiagnostics diagnostics,
    @OptionalKey @Hyper(doc = "Fit the readout from training data before BPTT (seed 000, 7.4; Sutskever et al. 2013): "
        + "a data-dependent readout initialisation; absent: the readout keeps model.readout_init.")
    ReadoutPretraining pretrainReadout,
    @OptionalKey @Hyper(doc = "Batch normalisation: before every evaluation, re-estimate the population statistics "
        + "with the current weights as the exact average over this many training batches (batch_size sequences "
        + "each, drawn once per trial from the stream \"bn_statistics\"), passed in training mode (Cooijmans et "
        + "al. 2017); absent: evaluate with the running statistics (moving average) kept during training. Models "
        + "without batch norm are unaffected.", min = 1) Integer bnStatisticsBatches) implements ProcedureConfig {
  /**
   * The update of the first evaluation at which the task counts as solved: of the test set if it is
   * tracked, else of the validation set if that is tracked (null if neither is, or never solved).
   */
  public static final String STEPS_TO_SOLVE = Measures.STEPS_TO_SOLVE;
  /** 1 if the task's success criterion holds on the final test metrics, else 0 ({@code report_success}). */
  public static final String SUCCESS = Measures.SUCCESS;
  /** steps_to_solve x batch_size: training sequences seen until solved ({@code report_success}). */
  public static final String SEQUENCES_TO_SOLVE = Measures.SEQUENCES_TO_SOLVE;

  /**
   * {@code "pretrain_readout": {"fit": "bias", "sequences": 1000}}: the readout's data-dependent start.
   * {@code bias}: the output bias is the mean training target and the weights keep their initialiser
   * (Sutskever et al. 2013, Table 4); {@code ridge}: weights and bias are the ridge regression of the
   * targets on the initial network's hidden states (echo-state pretraining, seed 000, 7.4), then BPTT
   * trains every weight. The sequences are drawn like the training data: a fixed training set's first
   * ones (stream {@code data}), else fresh ones from the stream {@code pretrain}.
   */
  public record ReadoutPretraining(
      @Hyper(doc = "What is fitted: bias (output bias = mean training target; weights keep readout_init) or ridge "
          + "(readout weights and bias by ridge regression on the initial hidden states).", allowed = {"bias", "ridge"},
          defaultValue = "\"bias\"") String fit,
      @Hyper(doc = "Training sequences the fit reads (at most train_size when that is given).", min = 1,
          defaultValue = "1000") Integer sequences,
      @Hyper(doc = "Ridge parameter lambda (absolute, on sums over sequences; fit ridge only).", min = 0,
          defaultValue = "0.0001") Double lambda) {
    public ReadoutPretraining {
      fit = fit == null ? "bias" : fit;
      sequences = sequences == null ? 1000 : sequences;
      lambda = lambda == null ? 1e-4 : lambda;
      if (!fit.equals("bias") && !fit.equals("ridge")) {
        throw new IllegalArgumentException("pretrain_readout fit must be bias or ridge, got " + fit);
      }
      if (sequences < 1 || !(lambda >= 0.0)) {
        throw new IllegalArgumentException("pretrain_readout needs sequences >= 1 and lambda >= 0");
      }
    }
  }

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

  /**
   * Test loss and task metrics, steps_to_solve (and success, sequences_to_solve with report_success),
   * then every other set's loss and metrics, then the diagnostics' metrics.
   */
  @Override
  public List<String> metrics(TrialConfig config) {
    List<String> out = new ArrayList<>();
    for (String set : config.evaluation().setNames()) {
      out.add(EvaluationConfig.metricName(set, Measures.LOSS));
      config.taskMetrics(set).forEach(m -> out.add(EvaluationConfig.metricName(set, m)));
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
  public List<MeasureName> curve(TrialConfig config) {
    return BpttMeasures.curve(this, config);
  }

  @Override
  public List<MeasureName> series(TrialConfig config) {
    return BpttMeasures.series(this, config);
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
    if (config.model().cell() instanceof org.rnnlab.engine.reservoir.ReservoirConfig) {
      out.add(new ConfigProblem("/model/cell/type", "an esn cell is a fixed reservoir: fit its readout with "
          + "{\"type\": \"ridge\"} training (for an echo-state-initialised RNN trained by BPTT use an elman cell "
          + "with recurrent_init sparse_spectral)"));
    }
    if (pretrainReadout != null
        && config.task().datasets().stream().allMatch(d -> org.rnnlab.data.Datasets.missing(d) == null)
        && config.task().create().classification()) {
      out.add(new ConfigProblem("/training/pretrain_readout", "the readout is fitted to real-valued targets; the "
          + "task has classes"));
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
    if (!config.task().datasets().isEmpty() && trainSize != null && trainSize < batchSize) {
      out.add(new ConfigProblem("/training/train_size", "train_size " + trainSize + " is smaller than batch_size "
          + batchSize));
    }
    if (config.model().cell().norm() instanceof RecurrentBatchNorm.Config bn) {
      OptionalInt longest = config.task().longestSequence();
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
