package org.rnnlab.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import org.rnnlab.config.Hyper;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.init.Initializer;
import org.rnnlab.engine.init.PyTorchInit;
import org.rnnlab.engine.outrec.OutputRecurrentNet;
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
        + "1/sqrt(hidden_size)).", defaultValue = "{\"type\": \"pytorch\"}") Initializer weightInit)
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
