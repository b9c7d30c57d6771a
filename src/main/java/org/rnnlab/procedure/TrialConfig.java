package org.rnnlab.procedure;

import java.util.ArrayList;
import java.util.List;
import org.rnnlab.config.Hyper;
import org.rnnlab.model.ModelConfig;
import org.rnnlab.model.ModelProblem;
import org.rnnlab.task.TaskConfig;

/** The fully resolved, typed configuration of one trial: base, variant and sweep point applied. */
public record TrialConfig(
    @Hyper(doc = "The task, chosen by \"type\".") TaskConfig task,
    @Hyper(doc = "The network, chosen by \"type\": rnn (a recurrent stack trained by gradient; the default), esn "
        + "(an echo-state reservoir whose readout is fitted in closed form) or encoder_decoder (a source read into a "
        + "context, a target written from it).") ModelConfig model,
    @Hyper(doc = "How the network is fitted, chosen by \"type\": bptt (gradient descent through time), ridge "
        + "(an echo-state network's readout in closed form) or seq2seq (an encoder-decoder on pairs).")
    ProcedureConfig training,
    @Hyper(doc = "How the network is measured.") EvaluationConfig evaluation) {
  public TrialConfig {
    if (task == null || model == null || training == null || evaluation == null) {
      throw new IllegalArgumentException("a trial needs task, model, training and evaluation");
    }
  }

  /** The metric names of the task of evaluation set {@code set}: the trial's own for test and validation. */
  public List<String> taskMetrics(String set) {
    return set.equals(EvaluationConfig.TEST) || set.equals(EvaluationConfig.VALIDATION) ? task.metricNames()
        : evaluation.sets().get(set).task().metricNames();
  }

  /**
   * What cannot work in this combination of task, model, training and evaluation, each with the
   * JSON pointer it belongs to: the procedure's own checks (which include its check of the model).
   */
  public List<ConfigProblem> check() {
    return training.check(this);
  }

  /**
   * The model as the kind a procedure fits. The procedure's {@link #checkModel} refused every other
   * kind at validate, so a mismatch here is a bug, not a spec error.
   */
  public <M extends ModelConfig> M model(Class<M> kind) {
    if (!kind.isInstance(model)) {
      throw new IllegalStateException("the procedure " + training.getClass().getSimpleName() + " fits a "
          + kind.getSimpleName() + ", the trial's model is a " + model.getClass().getSimpleName()
          + " (validate refuses this)");
    }
    return kind.cast(model);
  }

  /**
   * A procedure's check of the task kind: one problem at {@code /task/type} saying {@code why} if the
   * trial's task is not a {@code kind}, one at {@code /evaluation/sets/NAME/task/type} for each extra
   * evaluation set's task that is not; empty if all are.
   */
  public List<ConfigProblem> checkTask(Class<? extends TaskConfig> kind, String why) {
    List<ConfigProblem> out = new ArrayList<>();
    if (!kind.isInstance(task)) {
      out.add(new ConfigProblem("/task/type", why));
    }
    evaluation.sets().forEach((name, set) -> {
      if (!kind.isInstance(set.task())) {
        out.add(new ConfigProblem("/evaluation/sets/" + name + "/task/type", why));
      }
    });
    return out;
  }

  /**
   * A procedure's check of the model: if it is not a {@code kind} (what the procedure fits), one
   * problem at {@code /model/type} saying {@code why} (which types it fits, and what to use instead);
   * else the model's own problems for this trial's task, under {@code /model}.
   */
  public List<ConfigProblem> checkModel(Class<? extends ModelConfig> kind, String why) {
    if (!kind.isInstance(model)) {
      return List.of(new ConfigProblem("/model/type", why));
    }
    List<ConfigProblem> out = new ArrayList<>();
    for (ModelProblem p : model.check(task)) {
      out.add(new ConfigProblem("/model" + p.pointer(), p.message()));
    }
    return out;
  }
}
