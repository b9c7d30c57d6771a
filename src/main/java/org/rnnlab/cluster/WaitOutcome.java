package org.rnnlab.cluster;

import java.util.List;

/**
 * How a waited-for submission ended.
 *
 * @param submission what was waited for
 * @param aggregateState the aggregate job's final state, or "unknown" if the controller had already forgotten it
 * @param reportWritten whether the report file is new or changed since the submission
 * @param unsuccessfulTasks array tasks the controller remembers as not completed ("31_4 TIMEOUT"); best effort,
 *     the trials' own status is the results directory's
 */
public record WaitOutcome(Submission submission, String aggregateState, boolean reportWritten,
    List<String> unsuccessfulTasks) {

  public WaitOutcome {
    unsuccessfulTasks = List.copyOf(unsuccessfulTasks);
  }

  /** Whether the report was written (it lists the trials that are missing or failed). */
  public boolean ok() {
    return reportWritten;
  }

  /** Whether no array task is known to have ended other than COMPLETED (best effort: see the results too). */
  public boolean allTasksCompleted() {
    return unsuccessfulTasks.isEmpty();
  }

  /** One line for the user. */
  public String message() {
    String tasks = unsuccessfulTasks.isEmpty() ? ""
        : "; array tasks that did not complete: " + String.join(", ", unsuccessfulTasks);
    if (reportWritten) {
      return "slurm: the report is written: " + SlurmExecutor.shown(submission.run().reportFile()) + tasks;
    }
    return "slurm: job " + submission.aggregateJob() + " ended (" + aggregateState + ") without writing "
        + SlurmExecutor.shown(submission.run().reportFile()) + "; see its log "
        + SlurmExecutor.shown(submission.aggregateLog()) + tasks;
  }
}
