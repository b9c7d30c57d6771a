package org.rnnlab.procedure;

import java.util.ArrayList;
import java.util.List;
import org.rnnlab.task.SequenceTaskConfig;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.data.Split;
import org.rnnlab.engine.reservoir.RidgeFitter;
import org.rnnlab.model.EsnModel;
import org.rnnlab.results.MeasureName;
import org.rnnlab.results.Measures;
import org.rnnlab.task.SequenceTask;
import org.rnnlab.task.series.SeriesTask;

/**
 * {@code "training": {"type": "ridge", ...}}: an echo-state network's readout in closed form
 * (seed 000, 7.4: "the objective function would still evaluate to a case of linear regression";
 * Lukosevicius 2012, section 4): the reservoir of the model (type {@code esn}) reads every
 * training sequence from a zero state, the states after the washout are collected, and the readout
 * is the ridge regression of the targets on them for each lambda of the grid; the lambda with the
 * smallest validation mean squared error is kept and the readout refitted with it (by default on
 * training and validation rows together). Then every evaluation set is predicted teacher-forced
 * and, optionally, the network runs free from the end of the validation part into the test part.
 */
public record RidgeTraining(
    @Hyper(doc = "Leading steps of every training sequence whose states are left out of the fit, while the "
        + "reservoir forgets its zero initial state (every-step targets only).", min = 0, defaultValue = "100")
    Integer washout,
    @Hyper(doc = "Ridge parameters lambda (absolute, on sums over rows: reservoirpy's ridge) to choose from by "
        + "validation mean squared error; one value: no choice.",
        defaultValue = "[1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 0.001, 0.01, 0.1]") List<Double> lambdas,
    @Hyper(doc = "Rows the readout is refitted on with the chosen lambda: train_and_validation (the usual hold-out "
        + "practice: the final readout sees every non-test row) or train.",
        allowed = {"train_and_validation", "train"}, defaultValue = "\"train_and_validation\"") String refit,
    @Hyper(doc = "Penalise the readout bias too (D = I); default: the bias is not penalised (reservoirpy's Ridge).",
        defaultValue = "false") Boolean regularizeBias,
    @OptionalKey @Hyper(doc = "Training sequences a generated task draws once (required there); a series task "
        + "uses its training part.", min = 1) Integer trainSize,
    @OptionalKey @Hyper(doc = "Run free (generative prediction: each output fed back as the next input) for this "
        + "many steps from the end of the validation part into the test part, and report free_run_nrmse and "
        + "free_run_horizon (one-step-ahead series tasks); absent: no free run.", min = 1) Integer freeRunHorizon,
    @Hyper(doc = "free_run_horizon is the first free-run step whose absolute error exceeds this many standard "
        + "deviations of the test part's targets (the number of steps run if none does).", min = 0,
        exclusiveMin = true, defaultValue = "0.2") Double freeRunThreshold) implements ProcedureConfig {
  /** The refit choices. */
  static final String TRAIN_AND_VALIDATION = "train_and_validation";
  static final String TRAIN = "train";

  public RidgeTraining {
    washout = washout == null ? 100 : washout;
    lambdas = lambdas == null ? java.util.Arrays.stream(RidgeFitter.decades(-10, -1)).boxed().toList()
        : List.copyOf(lambdas);
    refit = refit == null ? TRAIN_AND_VALIDATION : refit;
    regularizeBias = regularizeBias != null && regularizeBias;
    freeRunThreshold = freeRunThreshold == null ? 0.2 : freeRunThreshold;
    if (washout < 0) {
      throw new IllegalArgumentException("ridge washout must be >= 0, got " + washout);
    }
    if (lambdas.isEmpty() || lambdas.stream().anyMatch(l -> l == null || !(l >= 0.0) || l.isInfinite())) {
      throw new IllegalArgumentException("ridge lambdas must be a non-empty list of finite values >= 0, got "
          + lambdas);
    }
    if (!refit.equals(TRAIN_AND_VALIDATION) && !refit.equals(TRAIN)) {
      throw new IllegalArgumentException("refit must be train_and_validation or train, got " + refit);
    }
    if ((trainSize != null && trainSize < 1) || (freeRunHorizon != null && freeRunHorizon < 1)
        || !(freeRunThreshold > 0.0)) {
      throw new IllegalArgumentException("ridge train_size and free_run_horizon must be >= 1, free_run_threshold > 0");
    }
  }

  @Override
  public Procedure create() {
    return new RidgeProcedure(this);
  }

  /** Whether the fit needs validation rows: a choice of lambda, or a refit on them. */
  boolean needsValidation() {
    return lambdas.size() > 1 || refit.equals(TRAIN_AND_VALIDATION);
  }

  /** The grid as an array. */
  double[] lambdaGrid() {
    return lambdas.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Every set's task metrics (test plain, others with their prefix), lambda, then the free run's. */
  @Override
  public List<String> metrics(TrialConfig config) {
    List<String> out = new ArrayList<>();
    for (String set : config.evaluation().setNames()) {
      config.taskMetrics(set).forEach(m -> out.add(EvaluationConfig.metricName(set, m)));
    }
    out.add(Measures.LAMBDA);
    if (freeRunHorizon != null) {
      out.add(Measures.FREE_RUN_NRMSE);
      out.add(Measures.FREE_RUN_HORIZON);
    }
    return out;
  }

  /** With a lambda grid to choose from: log10_lambda and validation.mse at step k for the k-th lambda. */
  @Override
  public List<MeasureName> curve(TrialConfig config) {
    return needsValidation() ? List.of(MeasureName.exact(Measures.LOG10_LAMBDA),
        MeasureName.exact(Measures.ofSet(Measures.VALIDATION, Measures.MSE))) : List.of();
  }

  /** With a free run: its prediction and the truth. */
  @Override
  public List<MeasureName> series(TrialConfig config) {
    return freeRunHorizon == null ? List.of() : List.of(MeasureName.exact(Measures.FREE_RUN_PREDICTION),
        MeasureName.exact(Measures.FREE_RUN_TRUTH));
  }

  @Override
  public List<ConfigProblem> check(TrialConfig config) {
    List<ConfigProblem> out = new ArrayList<>();
    out.addAll(config.checkModel(EsnModel.class, "ridge training fits the readout of an echo-state "
        + "reservoir: give \"model\": {\"type\": \"esn\", \"hidden_size\": N, ...} (a recurrent model is trained by "
        + "{\"type\": \"bptt\"} training)"));
    if (!(config.model() instanceof EsnModel esn)) {
      return out; // one line: the other rules are about a reservoir
    }
    if (config.evaluation().every() != null) {
      out.add(new ConfigProblem("/evaluation/every", "a closed-form fit has no updates to measure between: leave "
          + "every out"));
    }
    List<ConfigProblem> kind = config.checkTask(SequenceTaskConfig.class, "ridge training fits a readout on "
        + "sequence tasks; a sequence-to-sequence task trains with {\"type\": \"seq2seq\"} training");
    if (!kind.isEmpty()) {
      out.addAll(kind);
      return out;
    }
    boolean generated = config.task().datasets().isEmpty();
    SequenceTask task = generated || config.task().datasets().stream().allMatch(d -> org.rnnlab.data.Datasets.missing(d) == null)
        ? ((SequenceTaskConfig) config.task()).create() : null;
    if (task != null && task.classification()) {
      out.add(new ConfigProblem("/task", "ridge regression needs real-valued targets, the task has classes"));
    }
    SeriesTask series = task instanceof SeriesTask s ? s : null;
    if (task != null && series == null) {
      if (trainSize == null) {
        out.add(new ConfigProblem("/training/train_size", "give train_size: the training sequences are drawn once"));
      }
      if (generated && config.evaluation().testSize() == null) {
        out.add(new ConfigProblem("/evaluation/test_size", "a generated task needs test_size"));
      }
      if (generated && needsValidation() && config.evaluation().validationSize() == null) {
        out.add(new ConfigProblem("/evaluation/validation_size", "choosing lambda (or refitting on validation rows) "
            + "needs validation_size"));
      }
    }
    boolean oneStep = series != null && series.lookAhead() == 1;
    if (task != null && esn.outputFeedback() && !oneStep) {
      out.add(new ConfigProblem("/model/output_feedback", "output feedback is teacher-forced with the true "
          + "previous target, which is only observed in a one-step-ahead series task (look_ahead 1)"));
    }
    if (task != null && freeRunHorizon != null) {
      if (!oneStep) {
        out.add(new ConfigProblem("/training/free_run_horizon", "running free feeds each output back as the next "
            + "input: a one-step-ahead series task (look_ahead 1) only"));
      } else if (freeRunHorizon > series.split().length(Split.TEST)) {
        out.add(new ConfigProblem("/training/free_run_horizon", "free_run_horizon " + freeRunHorizon
            + " is longer than the test part (" + series.split().length(Split.TEST) + " steps)"));
      }
    }
    if (series != null && washout >= series.split().length(Split.TRAIN)) {
      out.add(new ConfigProblem("/training/washout", "washout " + washout + " leaves no training row of the "
          + series.split().length(Split.TRAIN)));
    }
    return out;
  }

  /** States (sparse product and tanh per step) plus the Gram matrix and one factorisation per lambda. */
  @Override
  public double cost(TrialConfig config) {
    double n = config.model().hiddenSize();
    double density = config.model() instanceof EsnModel c
        ? (c.inputsPerUnit() != null ? Math.min(1.0, c.inputsPerUnit() / n) : c.density()) : 1.0;
    double rows = (double) config.task().typicalLength() * (trainSize == null ? 1 : trainSize);
    return rows * (density * n * n + 2 * n) * 3 + rows * n * n / 2 + lambdas.size() * n * n * n / 3;
  }
}
