package org.rnnlab.procedure.seq2seq;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.data.Datasets;
import org.rnnlab.engine.clip.GradientClip;
import org.rnnlab.engine.clip.PerTimestepClip;
import org.rnnlab.engine.optim.OptimizerConfig;
import org.rnnlab.model.EncoderDecoderModel;
import org.rnnlab.procedure.ConfigProblem;
import org.rnnlab.procedure.EvaluationConfig;
import org.rnnlab.procedure.Procedure;
import org.rnnlab.procedure.ProcedureConfig;
import org.rnnlab.procedure.Trial;
import org.rnnlab.procedure.TrialConfig;
import org.rnnlab.results.MeasureName;
import org.rnnlab.results.Measures;
import org.rnnlab.task.PairTask;
import org.rnnlab.task.PairTaskConfig;

/**
 * {@code "training": {"type": "seq2seq", ...}}: an encoder–decoder trained by gradient on pairs
 * (Sutskever et al. 2014; Goodfellow et al. 10.4), maximising log P(y | x) summed over the target's
 * tokens, one optimiser update per minibatch, with what the decoder is fed chosen by
 * {@link Feeding}; measured by greedy decoding during training and beam search at the end.
 */
public record Seq2SeqTraining(
    @Hyper(doc = "The optimiser, chosen by \"type\".") OptimizerConfig optimizer,
    @OptionalKey @Hyper(doc = "Gradient clipping after backpropagation, chosen by \"type\"; absent: none "
        + "(per_timestep clipping acts inside BPTT of one stack and is not available here).") GradientClip clipping,
    @Hyper(doc = "Pairs per optimiser update.", min = 1, max = 1_000_000) Integer batchSize,
    @Hyper(doc = "Optimiser updates (not epochs).", min = 1, max = 1_000_000_000) Integer steps,
    @OptionalKey @Hyper(doc = "A fixed training set: a generated task draws this many pairs once; a dataset uses the "
        + "first this many of its training split; absent: fresh pairs at every step (generated tasks) or the whole "
        + "split (datasets).", min = 1) Integer trainSize,
    @Hyper(doc = "What the decoder is fed while it trains.", defaultValue = "{}") Feeding feeding,
    @Hyper(doc = "How outputs are decoded when the model is measured.", defaultValue = "{}") Decoding decoding,
    @Hyper(doc = "With attention: the attention weights of the final model on this many test sources, each "
        + "decoded greedily, recorded as series attention.<k> (output step x source position) with the source and "
        + "output as text attention (an attention_map chart draws them); 0: none.", min = 0, max = 100,
        defaultValue = "3") Integer attentionMaps,
    @OptionalKey @Hyper(doc = "Save the whole training state every this many updates, so that a killed trial resumes "
        + "there to the same bits; absent: every 1000 updates.", min = 1) Integer checkpointEvery,
    @OptionalKey @Hyper(doc = "Which trained model the trial keeps (model.json, for evaluate and sample): final or "
        + "none; absent: final.", allowed = {"final", "none"}) String keepModel) implements ProcedureConfig {
  /** The update of the first evaluation at which the task counts as solved (null: never). */
  public static final String STEPS_TO_SOLVE = Measures.STEPS_TO_SOLVE;
  /** Curve scalar: the mean probability of feeding the model's own token over the updates since the last evaluation. */
  public static final String MODEL_TOKEN_RATE = Measures.MODEL_TOKEN_RATE;

  public Seq2SeqTraining {
    if (optimizer == null || batchSize == null || steps == null) {
      throw new IllegalArgumentException("seq2seq needs optimizer, batch_size and steps");
    }
    feeding = feeding == null ? Feeding.teacherForcing() : feeding;
    decoding = decoding == null ? Decoding.greedy() : decoding;
    attentionMaps = attentionMaps == null ? 3 : attentionMaps;
  }

  /** Series prefix of the attention maps: attention.0, attention.1, ... */
  public static final String ATTENTION = "attention.";
  /** Text name of the attention maps' sources and outputs. */
  public static final String ATTENTION_TEXT = "attention";

  /** Whether a trial of {@code config} records attention maps. */
  public boolean recordsAttention(TrialConfig config) {
    return attentionMaps > 0 && config.model() instanceof EncoderDecoderModel m && m.attention();
  }

  /** Whether the trial keeps its trained model. */
  public boolean keepsModel() {
    return keepModel == null || keepModel.equals("final");
  }

  /** Updates between two checkpoints of the training state. */
  public int checkpointInterval() {
    return checkpointEvery == null ? 1000 : checkpointEvery;
  }

  @Override
  public Procedure create() {
    return new Seq2SeqLoop(this);
  }

  @Override
  public Map<String, Double> evaluate(Trial trial, ObjectNode stateDict) {
    return Seq2SeqLoop.evaluate(trial, stateDict);
  }

  /** Every set's loss and task metrics (test first, then steps_to_solve), then the test set's per beam width. */
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
    for (int b : decoding.beams()) {
      config.taskMetrics(EvaluationConfig.TEST).forEach(m -> out.add(EvaluationConfig.metricName(Decoding.beamSet(b), m)));
    }
    return out;
  }

  /** train_loss, grad_norm and model_token_rate, then the tracked sets' loss and metrics, at every evaluation. */
  @Override
  public List<MeasureName> curve(TrialConfig config) {
    List<MeasureName> out = new ArrayList<>();
    out.add(MeasureName.exact(Measures.TRAIN_LOSS));
    out.add(MeasureName.exact(Measures.GRAD_NORM));
    out.add(MeasureName.exact(MODEL_TOKEN_RATE));
    for (String set : config.evaluation().track()) {
      out.add(MeasureName.exact(EvaluationConfig.metricName(set, Measures.LOSS)));
      config.taskMetrics(set).forEach(m -> out.add(MeasureName.exact(EvaluationConfig.metricName(set, m))));
    }
    return out;
  }

  /** With attention maps: attention.<k>, the weights of test example k. */
  @Override
  public List<MeasureName> series(TrialConfig config) {
    return recordsAttention(config) ? List.of(MeasureName.family(ATTENTION, "k")) : List.of();
  }

  @Override
  public List<ConfigProblem> check(TrialConfig config) {
    List<ConfigProblem> out = new ArrayList<>();
    List<ConfigProblem> kind = config.checkTask(PairTaskConfig.class, "seq2seq training trains on sequence-to-"
        + "sequence tasks (reversal, addition, g2p_cmudict); a sequence task trains with {\"type\": \"bptt\"}");
    if (kind.isEmpty()) { // the model's own checks read the task as a pair task
      kind.addAll(config.checkModel(EncoderDecoderModel.class, "seq2seq training trains an encoder-decoder: give "
          + "\"model\": {\"type\": \"encoder_decoder\", ...}"));
    }
    if (!kind.isEmpty()) {
      return kind;
    }
    out.addAll(config.evaluation().check(config));
    if (trainSize != null && trainSize < batchSize) {
      out.add(new ConfigProblem("/training/train_size", "train_size " + trainSize + " is smaller than batch_size "
          + batchSize));
    }
    if (clipping instanceof PerTimestepClip) {
      out.add(new ConfigProblem("/training/clipping/type", "per_timestep clipping acts inside the BPTT of one stack; "
          + "an encoder-decoder is clipped after backpropagation: use global_norm, per_matrix_norm or value"));
    }
    if (clipping != null && clipping.calibrationLength() >= steps) {
      out.add(new ConfigProblem("/training/clipping/calibration_updates", "the rule calibrates on "
          + clipping.calibrationLength() + " updates, but training makes only " + steps + ": it would never clip"));
    }
    out.addAll(feeding.check(steps, "/training/feeding"));
    if (config.task().datasets().stream().allMatch(d -> Datasets.missing(d) == null)) {
      PairTask task = ((PairTaskConfig) config.task()).create();
      config.evaluation().sets().forEach((name, set) -> {
        if (set.task().datasets().stream().allMatch(d -> Datasets.missing(d) == null)) {
          PairTask t = ((PairTaskConfig) set.task()).create();
          if (t.sourceCodec().size() != task.sourceCodec().size() || t.targetCodec().size() != task.targetCodec().size()) {
            out.add(new ConfigProblem("/evaluation/sets/" + name + "/task", "the set's task has " + t.sourceCodec().size()
                + " source and " + t.targetCodec().size() + " target symbols, the trial's task " + task.sourceCodec().size()
                + " and " + task.targetCodec().size() + ": the model reads and writes only the trial task's"));
          }
        }
      });
    }
    if (decoding.maxLength() != null && config.task().datasets().stream().allMatch(d -> Datasets.missing(d) == null)) {
      int longest = ((PairTaskConfig) config.task()).create().longestTarget() - 1; // without the end symbol
      for (var set : config.evaluation().sets().values()) {
        if (set.task().datasets().stream().allMatch(d -> Datasets.missing(d) == null)) {
          longest = Math.max(longest, ((PairTaskConfig) set.task()).create().longestTarget() - 1);
        }
      }
      if (decoding.maxLength() < longest) {
        out.add(new ConfigProblem("/training/decoding/max_length", "max_length " + decoding.maxLength()
            + " is shorter than the longest target of the task and its evaluation sets (" + longest + " tokens): give at least " + longest));
      }
    }
    return out;
  }

  /** Updates x pairs x (source + target length) x the cell's recurrent products per step. */
  @Override
  public double cost(TrialConfig config) {
    EncoderDecoderModel m = config.model(EncoderDecoderModel.class);
    double h = m.hiddenSize();
    double perStep = m.numLayers() * org.rnnlab.procedure.bptt.BpttTraining.gateBlocks(m.cell()) * h * (h + 8.0)
        * (m.attention() ? 2 : 1);
    return (double) steps * batchSize * 2 * config.task().typicalLength() * perStep;
  }
}
