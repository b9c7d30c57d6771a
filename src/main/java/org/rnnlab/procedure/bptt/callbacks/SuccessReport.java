package org.rnnlab.procedure.bptt.callbacks;

import java.util.List;
import org.rnnlab.procedure.Recorder;
import org.rnnlab.procedure.TrialConfig;
import org.rnnlab.procedure.bptt.BpttTraining;
import org.rnnlab.procedure.bptt.CallbackConfig;
import org.rnnlab.procedure.bptt.FinalState;
import org.rnnlab.procedure.bptt.TrainingCallback;
import org.rnnlab.procedure.bptt.TrainingRun;
import org.rnnlab.results.Measures;
import org.rnnlab.task.SequenceTask;

/**
 * {@code "success_report": {}}: the task's own success criterion on the final test metrics
 * ({@code success}: 1 or 0, so that the mean over seeds is the success rate) and the training
 * sequences seen until the task was first solved ({@code sequences_to_solve} = steps_to_solve x
 * batch_size, Hochreiter and Schmidhuber 1997's "sequences until solved"). Observes only.
 */
public record SuccessReport() implements CallbackConfig {
  /** 1 if the task's success criterion holds on the final test metrics, else 0. */
  public static final String SUCCESS = Measures.SUCCESS;
  /** steps_to_solve x batch_size: training sequences seen until solved. */
  public static final String SEQUENCES_TO_SOLVE = Measures.SEQUENCES_TO_SOLVE;

  @Override
  public boolean observesOnly() {
    return true;
  }

  @Override
  public List<String> metrics(TrialConfig config, BpttTraining training) {
    return List.of(SUCCESS, SEQUENCES_TO_SOLVE);
  }

  @Override
  public TrainingCallback create(TrainingRun run) {
    SequenceTask task = run.task();
    int batch = run.training().batchSize();
    return new TrainingCallback() {
      @Override
      public void atEnd(FinalState state, Recorder recorder) {
        recorder.metric(SUCCESS, task.solved(state.test()) ? 1.0 : 0.0);
        recorder.metric(SEQUENCES_TO_SOLVE, state.solvedAt() == null ? null : (double) state.solvedAt() * batch);
      }
    };
  }
}
