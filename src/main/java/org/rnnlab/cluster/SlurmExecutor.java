package org.rnnlab.cluster;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a plan's trials on Slurm: one job array of {@code run-cell} calls and a dependent aggregate job, submitted
 * with sbatch; optionally waits (polling squeue, never sacct) until the report exists. Resume is resubmission: the
 * caller passes the trials that have no result, and only those are submitted.
 */
public final class SlurmExecutor {
  /** Waiting polls every second at first, then less often while nothing changes, up to this. */
  static final Duration MAX_POLL = Duration.ofSeconds(15);
  /** How long the controller may stay unreachable while waiting before giving up. */
  static final Duration UNREACHABLE_LIMIT = Duration.ofMinutes(10);

  /** Sleeps between polls (a test passes one that returns at once). */
  @FunctionalInterface
  public interface Pause {
    /** Waits {@code d}. */
    void sleep(Duration d) throws InterruptedException;
  }

  private final SlurmClient client;
  private final PrintStream out;
  private final Pause pause;

  /** An executor that talks to Slurm through {@code client} and reports progress on {@code out}. */
  public SlurmExecutor(SlurmClient client, PrintStream out, Pause pause) {
    this.client = client;
    this.out = out;
    this.pause = pause;
  }

  /** The executor on this machine's Slurm programs (each call limited to 2 minutes). */
  public static SlurmExecutor standard(PrintStream out) {
    return new SlurmExecutor(new SlurmClient(new ProcessCommandRunner(Duration.ofMinutes(2))), out,
        d -> Thread.sleep(d.toMillis()));
  }

  /**
   * Fails with a one-line {@link ClusterException} unless sbatch runs and the controller answers; call it before
   * writing anything (the plan included), so that a missing cluster leaves no trace.
   */
  public void preflight() {
    client.checkReachable();
  }

  /**
   * A submission checked against the cluster but not yet made: what {@link #submit(Prepared)} will write and
   * submit. Preparing writes nothing, so that a caller can prepare, then write its own files (the plan, the code
   * snapshot), then submit.
   *
   * @param trials the trials the array runs (possibly none)
   * @param alsoAfter job arrays of earlier submissions still queued, which the aggregate job waits for as well
   * @param layout the array's layout, null with no trials
   * @param maxArraySize the cluster's MaxArraySize (0 if not asked: no trials)
   * @param arrayScript the array's script, null with no trials
   */
  public record Prepared(SlurmRun run, List<Integer> trials, List<String> alsoAfter, ArrayLayout layout,
      int maxArraySize, String arrayScript) {
    public Prepared {
      trials = List.copyOf(trials);
      alsoAfter = List.copyOf(alsoAfter);
    }
  }

  /**
   * Submits {@code trials} (indices of planned trials without a result) as a job array and the aggregate job after
   * it; with no trials, only the aggregate job. Nothing is written or submitted unless the controller answers and
   * sbatch accepts the job ({@code --test-only}); if the aggregate job is refused the array is cancelled again.
   * Writes slurm/array.sh, slurm/aggregate.sh and a line of slurm/submissions.tsv under the results directory,
   * and prints the job ids and how to follow them.
   */
  public Submission submit(SlurmRun run, List<Integer> trials) {
    return submit(prepare(run, trials, List.of()));
  }

  /**
   * Checks a submission of {@code trials} against the cluster without writing or submitting anything: the
   * controller answers, MaxArraySize, the layout, and {@code sbatch --test-only} of the job. {@code alsoAfter}:
   * array jobs of earlier submissions still queued (their trials left out of {@code trials}), which the aggregate
   * job then waits for too.
   */
  public Prepared prepare(SlurmRun run, List<Integer> trials, List<String> alsoAfter) {
    client.checkReachable();
    ArrayLayout layout = null;
    int maxArraySize = 0;
    String arrayScript = null;
    if (!trials.isEmpty()) {
      maxArraySize = client.maxArraySize();
      layout = ArrayLayout.of(trials, maxArraySize, run.options().trialsPerTask());
      arrayScript = BatchScripts.array(run, layout, run.options().arrayParallelism());
      client.testSubmit(arrayScript);
    } else {
      // --test-only cannot take a dependency on a job that does not exist yet; the aggregate job's own options are
      // what is checked here.
      client.testSubmit(BatchScripts.aggregate(run, null));
    }
    return new Prepared(run, trials, alsoAfter, layout, maxArraySize, arrayScript);
  }

  /** Makes a prepared submission: writes the scripts, submits them, records and prints the submission. */
  public Submission submit(Prepared p) {
    SlurmRun run = p.run();
    try {
      Files.createDirectories(run.logDir());
      FileTime reportBefore = Files.exists(run.reportFile()) ? Files.getLastModifiedTime(run.reportFile()) : null;
      JobId array = p.layout() == null ? null
          : client.submit(write(run.slurmDir().resolve("array.sh"), p.arrayScript()));
      List<String> after = new ArrayList<>(p.alsoAfter());
      if (array != null) {
        after.add(array.id());
      }
      JobId aggregate;
      try {
        aggregate = client.submit(write(run.slurmDir().resolve("aggregate.sh"),
            BatchScripts.aggregate(run, after.isEmpty() ? null : String.join(":", after))));
      } catch (RuntimeException | IOException e) {
        if (array != null) {
          client.cancel(List.of(array.id()));
        }
        throw ClusterException.unavailable("slurm: the aggregate job was not submitted (" + e.getMessage() + ")"
            + (array == null ? "" : "; cancelled job array " + array + " again, so nothing runs"));
      }
      Submission s = new Submission(array, aggregate, p.layout(), p.trials().size(), run, reportBefore);
      SubmissionLog.append(s, Instant.now());
      describe(s, p.maxArraySize(), p.alsoAfter());
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The trials of {@code resultsDir}'s earlier submissions whose array task is still queued or running, with
   * its queue entry ({@link SubmissionLog#queued}).
   */
  public Map<Integer, QueueEntry> queuedTrials(Path resultsDir) {
    return SubmissionLog.queued(client, resultsDir);
  }

  /**
   * Waits until the aggregate job has left the queue, printing a line whenever the tasks' counts change, and
   * tells whether the report was written. Polls squeue; tolerates the controller being unreachable for up to
   * {@link #UNREACHABLE_LIMIT} (a restart of slurmctld).
   */
  public WaitOutcome await(Submission s) {
    String aggregate = s.aggregateJob().id();
    String last = null;
    Duration poll = Duration.ofSeconds(1);
    Duration unreachable = Duration.ZERO;
    try {
      while (true) {
        List<QueueEntry> queue;
        try {
          queue = client.queue(s.jobIds());
          unreachable = Duration.ZERO;
        } catch (ClusterException e) {
          if (unreachable.isZero()) {
            out.println(e.getMessage() + "; still waiting");
          }
          unreachable = unreachable.plus(poll);
          if (unreachable.compareTo(UNREACHABLE_LIMIT) > 0) {
            throw e;
          }
          pause.sleep(poll);
          continue;
        }
        String line = progress(s, queue);
        if (!line.equals(last)) {
          out.println(line);
          last = line;
          poll = Duration.ofSeconds(1);
        } else {
          poll = min(Duration.ofMillis(poll.toMillis() * 3 / 2), MAX_POLL);
        }
        if (queue.stream().noneMatch(q -> q.jobId().equals(aggregate) && q.taskId() == null)) {
          break;
        }
        pause.sleep(poll);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ClusterException.unavailable("slurm: interrupted while waiting; the jobs still run ("
          + String.join(", ", s.jobIds()) + ")");
    }
    String state = client.jobs(aggregate).stream().map(JobState::state).findFirst().orElse("unknown");
    List<String> unsuccessful = new ArrayList<>();
    if (s.arrayJob() != null) {
      for (JobState t : client.jobs(s.arrayJob().id())) {
        if (t.arrayTaskId() != null && !t.completed()) {
          unsuccessful.add(s.arrayJob().id() + "_" + t.arrayTaskId() + " " + t.state());
        }
      }
    }
    return new WaitOutcome(s, state, reportChanged(s), unsuccessful);
  }

  /** "slurm: tasks: 2 done, 1 running, 3 pending (JobArrayTaskLimit) of 6; report job 32: PENDING (Dependency)". */
  static String progress(Submission s, List<QueueEntry> queue) {
    StringBuilder b = new StringBuilder("slurm: ");
    if (s.arrayJob() != null) {
      Map<String, Integer> states = new TreeMap<>();
      Map<String, String> reasons = new TreeMap<>();
      int queued = 0;
      for (QueueEntry q : queue) {
        if (q.jobId().equals(s.arrayJob().id()) && q.taskId() != null) {
          queued++;
          states.merge(q.state().toLowerCase(), 1, Integer::sum);
          reasons.putIfAbsent(q.state().toLowerCase(), q.reason());
        }
      }
      int tasks = s.layout().taskIds().size();
      b.append("tasks: ").append(tasks - queued).append(" ended");
      states.forEach((state, n) -> {
        b.append(", ").append(n).append(' ').append(state);
        String why = reasons.get(state);
        if (state.equals("pending") && why != null && !why.equals("None")) {
          b.append(" (").append(why).append(')');
        }
      });
      b.append(" of ").append(tasks).append("; ");
    }
    b.append("report job ").append(s.aggregateJob()).append(": ");
    QueueEntry agg = queue.stream().filter(q -> q.jobId().equals(s.aggregateJob().id()) && q.taskId() == null)
        .findFirst().orElse(null);
    b.append(agg == null ? "ended" : agg.state() + (agg.reason().equals("None") ? "" : " (" + agg.reason() + ")"));
    return b.toString();
  }

  private void describe(Submission s, int maxArraySize, List<String> alsoAfter) {
    SlurmRun run = s.run();
    String ids = String.join(",", s.jobIds());
    if (s.arrayJob() == null) {
      out.println("slurm: " + (alsoAfter.isEmpty() ? "every trial has a result"
          : "every trial has a result or is still queued in job array" + (alsoAfter.size() == 1 ? " " : "s ")
          + String.join(", ", alsoAfter)) + "; submitted only job " + s.aggregateJob()
          + ", which writes the report" + (alsoAfter.isEmpty() ? "" : " after them"));
    } else {
      ArrayLayout l = s.layout();
      String packed = l.trialsPerTask() == 1 ? ""
          : ", up to " + l.trialsPerTask() + " trials per task (MaxArraySize " + maxArraySize + ")";
      out.println("slurm: submitted " + s.trials() + " trial(s) as job array " + s.arrayJob() + " (--array="
          + l.arraySpec(run.options().arrayParallelism()) + packed + "), then job " + s.aggregateJob()
          + " writes the report (afterany:" + String.join(":", alsoAfter) + (alsoAfter.isEmpty() ? "" : ":")
          + s.arrayJob() + ")");
    }
    out.println("slurm: follow: squeue -j " + ids + "   logs: tail -f " + shown(run.logDir()) + "/"
        + (s.arrayJob() == null ? s.aggregateJob() + "-aggregate" : s.arrayJob() + "_*") + ".out   cancel: scancel "
        + String.join(" ", s.jobIds()));
    out.println("slurm: the report will be " + shown(run.reportFile()));
  }

  private static boolean reportChanged(Submission s) {
    Path report = s.run().reportFile();
    try {
      return Files.exists(report) && !Files.getLastModifiedTime(report).equals(s.reportBefore());
    } catch (IOException e) {
      return false;
    }
  }

  /** Writes a script whole (temporary file, then rename) so that sbatch never reads half of one. */
  private static Path write(Path target, String text) throws IOException {
    Path tmp = target.resolveSibling(".tmp-" + target.getFileName() + "." + ProcessHandle.current().pid());
    Files.writeString(tmp, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  /** A path as the user should see it: relative to the working directory when under it. */
  static String shown(Path p) {
    Path cwd = Path.of("").toAbsolutePath();
    return p.startsWith(cwd) ? cwd.relativize(p).toString() : p.toString();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
