package org.rnnlab.cluster;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What one {@code submit} put in the queue.
 *
 * @param arrayJob the job array of trials, or null when every trial already had a result
 * @param aggregateJob the job that writes the report
 * @param layout how the trials map onto the array's tasks, or null with no array
 * @param trials how many trials were submitted
 * @param run the run submitted
 * @param reportBefore the report's modification time before submitting (null if there was none), so that
 *     waiting can tell a new report from an old one
 */
public record Submission(JobId arrayJob, JobId aggregateJob, ArrayLayout layout, int trials, SlurmRun run,
    FileTime reportBefore) {

  /** The job ids, the array first. */
  public List<String> jobIds() {
    List<String> ids = new ArrayList<>();
    if (arrayJob != null) {
      ids.add(arrayJob.id());
    }
    ids.add(aggregateJob.id());
    return ids;
  }

  /** The aggregate job's log file. */
  public Path aggregateLog() {
    return run.logDir().resolve(aggregateJob.id() + "-aggregate.out");
  }
}
