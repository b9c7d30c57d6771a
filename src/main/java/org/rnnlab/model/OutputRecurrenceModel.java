package org.rnnlab.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.engine.FloatKernels;
import org.rnnlab.engine.Precision;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.clip.GradientClip;
import org.rnnlab.engine.init.Initializer;
import org.rnnlab.engine.init.PyTorchInit;
import org.rnnlab.engine.optim.OptimizerConfig;
import org.rnnlab.engine.outrec.OutputRecurrence;
import org.rnnlab.engine.outrec.OutputRecurrenceNetwork;
import org.rnnlab.engine.outrec.OutputRecurrenceNetworkF32;
import org.rnnlab.engine.outrec.OutputRecurrentNet;
import org.rnnlab.engine.outrec.OutputRecurrentNetF32;
import org.rnnlab.task.SequenceTask;
import org.rnnlab.task.TaskConfig;

/**
 * {@code "model": {"type": "output_recurrence", "hidden_size": 32}}: a network whose only recurrence
 * goes from its output back to its hidden layer (Goodfellow et al. 2016, fig. 10.4; Jordan-style),
 * h_t = tanh(W e(x_t) + U e(y_{t-1}) + b), o_t = V h_t + c, for tasks of token inputs with a class
 * target at every step ({@link OutputRecurrentNet}). Trained by the {@code bptt} procedure with
 * teacher forcing (y_{t-1} the previous target, a constant: no gradient flows through time), measured
 * running free (its own previous argmax fed; the plain metrics) and teacher-forced (metrics of the set
 * {@code <set>_tf}).
 */
public record OutputRecurrenceModel(
    @Hyper(doc = "Units of the hidden layer.", min = 1) Integer hiddenSize,
    @Hyper(doc = "Initialiser of W, U and b (bound 1/sqrt(hidden_size)) and of the readout (bound "
        + "1/sqrt(hidden_size)).", defaultValue = "{\"type\": \"pytorch\"}") Initializer weightInit,
    @OptionalKey @Hyper(doc = "Arithmetic of the network and its training: float64 (the reference; absent means "
        + "float64) or float32 (the generated float32 engine; initial weights are the float64 ones rounded).",
        allowed = {"float64", "float32"}) String precision)
    implements ModelConfig {
  /** This model's type name, as registered and written in its canonical config. */
  public static final String TYPE = "output_recurrence";

  public OutputRecurrenceModel {
    if (hiddenSize == null) {
      throw new IllegalArgumentException("an output_recurrence model needs hidden_size");
    }
    if (hiddenSize < 1) {
      throw new IllegalArgumentException("output_recurrence hidden_size must be >= 1, got " + hiddenSize);
    }
    weightInit = weightInit == null ? new PyTorchInit() : weightInit;
    // float64 is left out of the resolved config: trials planned before precision existed keep their hashes
    precision = Precision.of(precision) == Precision.FLOAT64 ? null : precision;
  }

  /** A float64 model (the settings before precision existed). */
  public OutputRecurrenceModel(Integer hiddenSize, Initializer weightInit) {
    this(hiddenSize, weightInit, null);
  }

  /** The arithmetic of the network and its training. */
  @Override
  public Precision arithmetic() {
    return Precision.of(precision);
  }

  /** The type id, written into the canonical config (the model's "type" is an existing property). */
  @JsonProperty("type")
  public String type() {
    return TYPE;
  }

  /** The network for {@code task}'s tokens and classes, initialised from {@code rng}. */
  public OutputRecurrentNet build(SequenceTask task, Rng rng) {
    if (task.vocabularySize() == 0 || task.inputSize() != 0 || !task.classification()
        || task.readout() != org.rnnlab.engine.ReadoutMode.EVERY_STEP) {
      throw new IllegalArgumentException("an output_recurrence model needs a task of token inputs alone with a class "
          + "target at every step; " + task.describe() + " is not");
    }
    OutputRecurrentNet net = new OutputRecurrentNet(task.vocabularySize(), task.outputSize(), hiddenSize);
    net.initialize(weightInit, rng);
    return net;
  }

  /**
   * The network for {@code task} in this model's precision, initialised from {@code rng} as {@link #build} (in
   * float32: the same draws, rounded), trained by {@code optimizer} with {@code clip} (null: none).
   */
  public OutputRecurrence network(SequenceTask task, Rng rng, OptimizerConfig optimizer, GradientClip clip) {
    OutputRecurrentNet net = build(task, rng);
    if (arithmetic() == Precision.FLOAT64) {
      return new OutputRecurrenceNetwork(net, optimizer, clip);
    }
    OutputRecurrentNetF32 f32 = new OutputRecurrentNetF32(task.vocabularySize(), task.outputSize(), hiddenSize);
    FloatKernels.toFloat(net.params().values(), 0, f32.params().values(), 0, net.params().size());
    f32.params().markChanged();
    return new OutputRecurrenceNetworkF32(f32, optimizer, clip);
  }

  /**
   * The task must read token ids; a generated task (cheap to create) must also have a class target
   * at every step and no real features. A dataset's task is checked when the trial starts.
   */
  @Override
  public List<ModelProblem> check(TaskConfig task) {
    List<ModelProblem> out = new ArrayList<>();
    if (!task.tokenInputs()) {
      out.add(new ModelProblem("/type", "an output_recurrence model feeds back a class at every step of a task of "
          + "token inputs (e.g. echo, delayed_recall); this task's inputs are real features"));
      return out;
    }
    if (task.datasets().isEmpty() && task.create() instanceof SequenceTask t
        && (t.inputSize() != 0 || !t.classification() || t.readout() != org.rnnlab.engine.ReadoutMode.EVERY_STEP)) {
      out.add(new ModelProblem("/type", "an output_recurrence model needs a class target at every step and token "
          + "ids alone as input; " + t.describe() + " is not such a task"));
    }
    return out;
  }
}
