package org.rnnlab.procedure;

import org.rnnlab.config.Hyper;
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
  public java.util.List<String> taskMetrics(String set) {
    return set.equals(EvaluationConfig.TEST) || set.equals(EvaluationConfig.VALIDATION) ? task.metricNames()
        : evaluation.sets().get(set).task().metricNames();
  }
}
