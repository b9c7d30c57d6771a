package org.rnnlab.procedure;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.rnnlab.config.Hyper;
import org.rnnlab.engine.norm.RecurrentBatchNorm;
import org.rnnlab.engine.ModelConfig;
import org.rnnlab.task.TaskConfig;

/** The fully resolved, typed configuration of one trial: base, variant and sweep point applied. */
public record TrialConfig(
    @Hyper(doc = "The task, chosen by \"type\".") TaskConfig task,
    @Hyper(doc = "The network.") ModelConfig model,
    @Hyper(doc = "How the network is fitted, chosen by \"type\": bptt (gradient descent through time) "
        + "or ridge (an echo-state network's readout in closed form).")
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
   * JSON pointer it belongs to: the model's and the procedure's own checks.
   */
  public List<ConfigProblem> check() {
    List<ConfigProblem> out = new ArrayList<>(modelProblems());
    out.addAll(training.check(this));
    return out;
  }

  private List<ConfigProblem> modelProblems() {
    List<ConfigProblem> out = new ArrayList<>();
    if (task.tokenInputs() && model.embeddingDim() == null) {
      out.add(new ConfigProblem("/model/embedding_dim", "the task's inputs are token ids: give the embedding's "
          + "dimension"));
    }
    if (model.cell().norm() instanceof RecurrentBatchNorm.Config bn) {
      OptionalInt longest = task.longestSequence();
      if (longest.isPresent() && bn.maxSteps() < longest.getAsInt()) {
        out.add(new ConfigProblem("/model/cell/norm/max_steps", "batch norm max_steps " + bn.maxSteps()
            + " is shorter than the task's longest training sequence (" + longest.getAsInt() + " steps): give "
            + "max_steps >= " + longest.getAsInt()));
      }
    }
    return out;
  }
}
