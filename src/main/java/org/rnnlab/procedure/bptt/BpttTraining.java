package org.rnnlab.procedure.bptt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.rnnlab.task.SequenceTaskConfig;
import org.rnnlab.data.Datasets;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.engine.cell.CellConfig;
import org.rnnlab.engine.cell.GruLayer;
import org.rnnlab.engine.cell.LstmLayer;
import org.rnnlab.engine.clip.GradientClip;
import org.rnnlab.engine.clip.PerTimestepClip;
import org.rnnlab.engine.optim.OptimizerConfig;
import org.rnnlab.engine.norm.RecurrentBatchNorm;
import org.rnnlab.model.OutputRecurrenceModel;
import org.rnnlab.model.RnnModel;
import org.rnnlab.model.SequenceModelConfig;
import org.rnnlab.procedure.ConfigProblem;
import org.rnnlab.procedure.EvaluationConfig;
import org.rnnlab.procedure.Procedure;
import org.rnnlab.procedure.ProcedureConfig;
import org.rnnlab.procedure.Trial;
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
    Callbacks callbacks,
    @OptionalKey @Hyper(doc = "Save the whole training state (weights, optimiser moments, random streams, data "
        + "position, callbacks) every this many updates, so that a killed trial resumes there to the same bits; "
        + "absent: every 1000 updates. Not part of what a trial computes: the numbers are the same for any value.",
        min = 1) Integer checkpointEvery,
    @OptionalKey @Hyper(doc = "Which trained model the trial keeps (model.json, for evaluate): final (the weights "
        + "the final metrics were measured with: the last update's, or with best_on_validation the best "
        + "evaluation's) or none; absent: final.", allowed = {"final", "none"}) String keepModel)
    implements ProcedureConfig {
  /**
   * The update of the first evaluation at which the task counts as solved: of the test set if it is
   * tracked, else of the validation set if that is tracked (null if neither is, or never solved).
   */
  public static final String STEPS_TO_SOLVE = Measures.STEPS_TO_SOLVE;
  /** Updates between checkpoints when the spec does not say. */
  public static final int DEFAULT_CHECKPOINT_EVERY = 1000;

  public BpttTraining {
    if ((checkpointEvery != null && checkpointEvery < 1)
        || (keepModel != null && !(keepModel.equals("final") || keepModel.equals("none")))) {
      throw new IllegalArgumentException("bptt checkpoint_every must be >= 1 and keep_model final or none");
    }
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

  /** Whether the trial keeps its trained model. */
  public boolean keepsModel() {
    return keepModel == null || keepModel.equals("final");
  }

  /** Updates between two checkpoints of the training state. */
  public int checkpointInterval() {
    return checkpointEvery == null ? DEFAULT_CHECKPOINT_EVERY : checkpointEvery;
  }

  @Override
  public Map<String, Double> evaluate(Trial trial, ObjectNode stateDict) {
    return BpttLoop.evaluate(trial, stateDict);
  }

  @Override
  public Procedure create() {
    return new BpttLoop(this);
  }

  /**
   * Test loss and task metrics, steps_to_solve, then every other set's loss and metrics, then the callbacks'.
   * An output_recurrence model's plain metrics are those running free; each set's teacher-forced loss and
   * metrics follow them as the set {@code <set>_tf}.
   */
  @Override
  public List<String> metrics(TrialConfig config) {
    List<String> out = new ArrayList<>();
    for (String set : config.evaluation().setNames()) {
      setMetrics(config, set, out);
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
      setMetrics(config, set, out);
    }
    return out;
  }

  /** The loss and task metrics of {@code set}, then for an output_recurrence model those of {@code <set>_tf}. */
  private static void setMetrics(TrialConfig config, String set, List<String> out) {
    List<String> sets = config.model() instanceof OutputRecurrenceModel
        ? List.of(set, OutputRecurrenceLoop.teacherForcedSet(set)) : List.of(set);
    for (String s : sets) {
      out.add(EvaluationConfig.metricName(s, Measures.LOSS));
      config.taskMetrics(set).forEach(m -> out.add(EvaluationConfig.metricName(s, m)));
    }
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
    List<ConfigProblem> kind = config.checkTask(SequenceTaskConfig.class, "bptt training trains on sequence tasks; "
        + "a sequence-to-sequence task trains with {\"type\": \"seq2seq\"} training");
    if (!kind.isEmpty()) {
      out.addAll(kind);
      return out;
    }
    boolean outputRecurrence = config.model() instanceof OutputRecurrenceModel;
    if (outputRecurrence) {
      out.addAll(config.checkModel(OutputRecurrenceModel.class, ""));
    } else {
      out.addAll(config.checkModel(SequenceModelConfig.class, "bptt training trains a model by gradient (type rnn "
          + "or output_recurrence); an esn model is a fixed reservoir: fit its readout with {\"type\": \"ridge\"} "
          + "training (for an echo-state-initialised RNN trained by BPTT use an rnn model with recurrent_init "
          + "sparse_spectral)"));
    }
    if (trainSize != null && !config.task().datasets().isEmpty()
        && config.task().datasets().stream().allMatch(d -> Datasets.missing(d) == null)) {
      OptionalInt n = ((SequenceTaskConfig) config.task()).create().trainingSplitSize();
      if (n.isPresent() && trainSize > n.getAsInt()) {
        out.add(new ConfigProblem("/training/train_size", "train_size " + trainSize + " is more than the "
            + n.getAsInt() + " sequences of the task's training split"));
      }
    }
    if (clipping != null && clipping.calibrationLength() >= steps) {
      out.add(new ConfigProblem("/training/clipping/calibration_updates", "the rule calibrates on "
          + clipping.calibrationLength() + " updates, but training makes only " + steps + ": it would never clip"));
    }
    if (outputRecurrence) {
      out.addAll(checkOutputRecurrence());
      return out;
    }
    if (batchSize == 1 && config.model() instanceof RnnModel rnn && rnn.cell().norm() instanceof RecurrentBatchNorm.Config) {
      out.add(new ConfigProblem("/training/batch_size", "batch norm normalises over the batch: with batch_size 1 "
          + "every normalised value is 0 (use batch_size >= 2, or layer norm)"));
    }
    if (config.model().bidirectional() && truncation != null) {
      out.add(new ConfigProblem("/training/truncation", "truncated BPTT cannot train a bidirectional layer "
          + "(model.bidirectional is true): leave truncation out"));
    }
    callbackConfigs().forEach((key, c) -> out.addAll(c.check(config, this, "/training/callbacks/" + key)));
    return out;
  }

  /** What an output_recurrence model's teacher-forced training cannot do: the settings of a recurrent stack's BPTT. */
  private List<ConfigProblem> checkOutputRecurrence() {
    List<ConfigProblem> out = new ArrayList<>();
    String why = "an output_recurrence model trains with teacher forcing, parallel over steps: no gradient flows "
        + "through time";
    if (truncation != null) {
      out.add(new ConfigProblem("/training/truncation", why + ", so there is nothing to truncate: leave truncation "
          + "out"));
    }
    if (clipping instanceof PerTimestepClip) {
      out.add(new ConfigProblem("/training/clipping/type", why + ", so per_timestep clipping (inside BPTT) has "
          + "nothing to act on: use a rule on the whole gradient (global_norm, value, per_matrix_norm)"));
    }
    if (!callbackConfigs().isEmpty()) {
      out.add(new ConfigProblem("/training/callbacks", "callbacks watch a recurrent stack's training; an "
          + "output_recurrence model has none: leave callbacks out"));
    }
    return out;
  }

  /**
   * Updates x batch x sequence length x the recurrent products' size per step, which grows with the
   * cell's gate blocks: an LSTM step multiplies 4 blocks of hidden^2, a GRU 3, a tanh RNN 1 (measured
   * on lstm-vs-gru's ci trials at hidden 64: LSTM 3.6x and GRU 2.7x a tanh RNN's wall time).
   */
  @Override
  public double cost(TrialConfig config) {
    double h = config.model().hiddenSize();
    int gates = config.model() instanceof RnnModel rnn ? gateBlocks(rnn.cell()) : 1;
    double perStep = config.model().numLayers() * gates * h * (h + 8.0) * (config.model().bidirectional() ? 2 : 1);
    return (double) steps * batchSize * config.task().typicalLength() * perStep;
  }

  /** The hidden x hidden blocks a cell's step multiplies: 4 for an LSTM, 3 for a GRU, 1 otherwise. */
  public static int gateBlocks(CellConfig cell) {
    if (cell instanceof LstmLayer.Config) {
      return 4;
    }
    return cell instanceof GruLayer.Config ? 3 : 1;
  }
}
