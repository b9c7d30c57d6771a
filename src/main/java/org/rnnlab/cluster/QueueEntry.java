package org.rnnlab.cluster;

/**
 * One line of {@code squeue -r}: a job, or one task of a job array, still in the queue.
 *
 * @param jobId the job id, for an array task the array's job id
 * @param taskId the array task id, or null for a job that is not an array
 * @param state PENDING, RUNNING, COMPLETING, ...
 * @param reason why it is pending (Resources, Priority, Dependency, ...), or "None"
 */
public record QueueEntry(String jobId, Integer taskId, String state, String reason) {}
