package org.rnnlab.cluster;

/**
 * What {@code scontrol show job} says of a job or an array task, while the controller still remembers it
 * (MinJobAge, 300 s by default, after the end; nothing here needs the accounting database).
 *
 * @param jobId the job's own id
 * @param arrayTaskId the array task id, or null
 * @param state COMPLETED, FAILED, CANCELLED, TIMEOUT, PENDING, RUNNING, ...
 * @param exitCode Slurm's "status:signal"
 */
public record JobState(String jobId, Integer arrayTaskId, String state, String exitCode) {
  /** Whether the job ended well. */
  public boolean completed() {
    return state.equals("COMPLETED");
  }
}
