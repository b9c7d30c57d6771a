package org.rnnlab.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * How the trials to run map onto the tasks of one job array. Task {@code t} runs the trials
 * {@code offset + t + slot * stride} for {@code slot < trialsPerTask}, up to {@code lastTrial}; with one trial per
 * task that is {@code SLURM_ARRAY_TASK_ID + offset}. The offset is 0 whenever the trials' indices fit below
 * MaxArraySize, so that a task's id is its trial's index ({@code scancel 31_7} cancels trial 7).
 *
 * <p>A cluster's MaxArraySize bounds the task ids (0 to MaxArraySize - 1). When the trials span more than that,
 * several trials share a task (packing) rather than being split over several arrays: the limit is how a cluster
 * caps the jobs one submission creates, per-user limits (MaxSubmitJobs) count array tasks too, and one array
 * keeps one job id to follow, cancel and depend on. A packed task's trials are {@code stride} apart, so that
 * slow groups of neighbouring trials (a plan lists a variant's trials together) spread over tasks.
 *
 * @param offset 0, or the smallest trial index to run when the indices reach MaxArraySize
 * @param stride the distance between the trials of one task (the number of task ids the layout spans)
 * @param trialsPerTask at most this many trials per task
 * @param lastTrial the largest trial index to run
 * @param taskIds the tasks to submit: those with at least one trial to run, ascending
 */
public record ArrayLayout(int offset, int stride, int trialsPerTask, int lastTrial, List<Integer> taskIds) {

  public ArrayLayout {
    taskIds = List.copyOf(taskIds);
  }

  /**
   * The layout for {@code trials} (the indices without a result, any order, no repeats) on a cluster whose array
   * task ids must stay below {@code maxArraySize}; {@code trialsPerTask} forces packing (null: only if needed).
   */
  public static ArrayLayout of(List<Integer> trials, int maxArraySize, Integer trialsPerTask) {
    if (trials.isEmpty()) {
      throw new IllegalArgumentException("no trials to lay out");
    }
    TreeSet<Integer> sorted = new TreeSet<>(trials);
    if (sorted.size() != trials.size() || sorted.first() < 0) {
      throw new IllegalArgumentException("trial indices must be distinct and non-negative: " + trials);
    }
    if (maxArraySize < 1) {
      throw ClusterException.unavailable("slurm: this cluster allows no job arrays (MaxArraySize = " + maxArraySize
          + " in `scontrol show config`); ask its administrators");
    }
    int last = sorted.last();
    // Task id = trial index while the plan fits; past MaxArraySize, ids count from the first trial to run.
    int offset = last < maxArraySize ? 0 : sorted.first();
    long span = (long) last - offset + 1;
    int needed = (int) ceilDiv(span, maxArraySize);
    int perTask = Math.max(needed, trialsPerTask == null ? 1 : trialsPerTask);
    int stride = (int) ceilDiv(span, perTask);
    TreeSet<Integer> tasks = new TreeSet<>();
    for (int trial : sorted) {
      tasks.add((trial - offset) % stride);
    }
    return new ArrayLayout(offset, stride, perTask, last, new ArrayList<>(tasks));
  }

  /** The task that runs {@code trial}. */
  public int taskOf(int trial) {
    if (trial < offset || trial > lastTrial) {
      throw new IllegalArgumentException("trial " + trial + " is outside " + offset + ".." + lastTrial);
    }
    return (trial - offset) % stride;
  }

  /** The trials task {@code task} runs, in the order it runs them (packed tasks may include trials already done,
   * which run-cell skips). */
  public List<Integer> trialsOf(int task) {
    List<Integer> out = new ArrayList<>();
    for (int slot = 0; slot < trialsPerTask; slot++) {
      long trial = (long) offset + task + (long) slot * stride;
      if (trial > lastTrial) {
        break;
      }
      out.add((int) trial);
    }
    return out;
  }

  /** The {@code --array} value: the task ids as ranges ("0-5,9"), with {@code %N} if parallelism is limited. */
  public String arraySpec(Integer parallelism) {
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (i < taskIds.size()) {
      int j = i;
      while (j + 1 < taskIds.size() && taskIds.get(j + 1) == taskIds.get(j) + 1) {
        j++;
      }
      if (b.length() > 0) {
        b.append(',');
      }
      b.append(taskIds.get(i));
      if (j > i) {
        b.append('-').append(taskIds.get(j));
      }
      i = j + 1;
    }
    if (parallelism != null) {
      b.append('%').append(parallelism);
    }
    return b.toString();
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
