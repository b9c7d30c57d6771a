package org.rnnlab.spec;

import org.rnnlab.config.Hyper;
import org.rnnlab.task.TaskConfig;

/** The fully resolved, typed configuration of one cell: base, variant and sweep point applied. */
public record RunConfig(
    @Hyper(doc = "The task, chosen by \"type\".") TaskConfig task,
    @Hyper(doc = "The network.") ModelSpec model,
    @Hyper(doc = "How the network is trained.") TrainingSpec training,
    @Hyper(doc = "How the network is measured.") EvaluationSpec evaluation) {
  public RunConfig {
    if (task == null || model == null || training == null || evaluation == null) {
      throw new IllegalArgumentException("a run needs task, model, training and evaluation");
    }
  }
}
