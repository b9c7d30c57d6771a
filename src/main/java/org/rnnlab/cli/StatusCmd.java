package org.rnnlab.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnnlab.cluster.ClusterException;
import org.rnnlab.cluster.ProcessCommandRunner;
import org.rnnlab.cluster.QueueEntry;
import org.rnnlab.cluster.SlurmClient;
import org.rnnlab.cluster.SubmissionLog;
import org.rnnlab.results.ResultsStore;
import org.rnnlab.results.TrialFailure;
import org.rnnlab.spec.ExperimentPlan;
import org.rnnlab.spec.TrialPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show each trial of an experiment as done, diverged, running, pending (queued on Slurm), failed, "
        + "missing, stale (ran with another config), older format or damaged.")
final class StatusCmd implements Callable<Integer> {
  @Parameters(paramLabel = "NAME", description = "Experiment name or spec path.")
  String name;

  @Option(names = "--profile", description = "A profile of the spec, e.g. ci.")
  String profile;

  @Option(names = "--all", description = "List every trial, not only those that are not done.")
  boolean all;

  @Override
  public Integer call() throws IOException {
    ExperimentPlan plan = Project.planForReading(name, profile);
    ResultsStore store = new ResultsStore(Project.resultsDir(plan));
    Map<Integer, QueueEntry> queued = queued(store);
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (TrialPlan t : plan.trials()) {
      ResultsStore.Inspection in = store.inspect(t.id(), t.sha256());
      String state;
      String detail = in.reason();
      switch (in.state()) {
        case DONE -> state = in.result().isOk() ? "done" : "diverged";
        case MISSING -> {
          TrialFailure f = store.readFailure(t.id());
          QueueEntry q = queued.get(t.index());
          state = missingState(store, t.id(), f);
          detail = f == null ? null : f.error();
          if (q != null) {
            // Queued on Slurm: its task's state (a packed task's later trials show as running while they wait in it).
            state = store.isLocked(t.id()) || q.state().equals("RUNNING") ? "running" : "pending";
            detail = "slurm task " + q.jobId() + "_" + q.taskId() + " " + q.state()
                + (q.reason().equals("None") ? "" : " (" + q.reason() + ")")
                + (f == null ? "" : "; failed before: " + f.error());
          }
        }
        default -> state = word(in.state());
      }
      counts.merge(state, 1, Integer::sum);
      if (all || !state.equals("done")) {
        Main.OUT.printf("%4d  %-12s %s%s%n", t.index(), state, t.id(), detail == null ? "" : "  (" + detail + ")");
      }
    }
    StringBuilder sb = new StringBuilder();
    counts.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(v).append(' ').append(k));
    Main.OUT.printf("%s: %d trials: %s%n", store.dir(), plan.trials().size(), sb);
    return 0;
  }

  /**
   * The trials whose Slurm array task is queued or running (from slurm/submissions.tsv and squeue; never sacct);
   * none if the experiment was never submitted. Without a queue to ask (no squeue, controller down) the states
   * come from the results directory alone, and a line on stderr says so.
   */
  private static Map<Integer, QueueEntry> queued(ResultsStore store) {
    if (SubmissionLog.read(store.dir()).isEmpty()) {
      return Map.of();
    }
    try {
      return SubmissionLog.queued(new SlurmClient(new ProcessCommandRunner(Duration.ofSeconds(30))), store.dir());
    } catch (ClusterException e) {
      Main.ERR.println("status: cannot read the Slurm queue (" + e.getMessage() + "); pending trials show as "
          + "missing");
      return Map.of();
    }
  }

  /** A trial without a result: running (its lock is held, even if an earlier attempt failed), failed or missing. */
  static String missingState(ResultsStore store, String trial, TrialFailure failure) throws IOException {
    return store.isLocked(trial) ? "running" : failure != null ? "failed" : "missing";
  }

  /** A stored result's state in the words of status and show. */
  static String word(ResultsStore.State s) {
    return switch (s) {
      case DONE -> "done";
      case MISSING -> "missing";
      case STALE -> "stale";
      case LEGACY -> "older-format";
      case DAMAGED -> "damaged";
    };
  }
}
