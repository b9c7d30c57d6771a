package org.rnnlab.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.rnnlab.procedure.TrialConfig;
import org.rnnlab.results.PlanRecord;
import org.rnnlab.results.ResultsStore;
import org.rnnlab.spec.ExperimentPlan;

/**
 * A local run of an experiment, in the three steps a cluster run takes too: write the plan
 * (plan.json), run every trial that has no result yet (here: on a pool of threads), and leave the
 * report to {@code report}. Trials already done with the same resolved config are kept (resume);
 * concurrent runs of the same experiment share the work through the trial locks.
 */
public final class ExperimentRunner {
  private final Path resultsRoot;
  private final int threads;
  private final boolean force;
  private final PrintStream log;
  private final Function<Path, ResultsStore> stores;
  private final RunEnvironment env = RunEnvironment.current();

  /** What a run did. */
  public record Summary(Path resultsDir, int planned, int alreadyDone, int ran, int reused, int diverged,
                        List<String> failures, String stoppedBecause) {}

  /**
   * @param threads parallel trials, >= 1 (numbers never depend on it)
   * @param force   recompute trials that are already done
   */
  public ExperimentRunner(Path resultsRoot, int threads, boolean force, PrintStream log) {
    this(resultsRoot, threads, force, log, ResultsStore::new);
  }

  /** A runner whose results directories are opened by {@code stores} (tests: a disk that fills up). */
  ExperimentRunner(Path resultsRoot, int threads, boolean force, PrintStream log, Function<Path, ResultsStore> stores) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.resultsRoot = resultsRoot;
    this.threads = threads;
    this.force = force;
    this.log = log;
    this.stores = stores;
  }

  /** The results directory of a plan: results/NAME, or results/NAME.PROFILE for a profile. */
  public static Path resultsDir(Path resultsRoot, ExperimentPlan plan) {
    return resultsRoot.resolve(plan.resultsName());
  }

  /** Writes plan.json for {@code plan} (step one of every run) and returns it. */
  public PlanRecord writePlan(ExperimentPlan plan, String command) throws IOException {
    ResultsStore store = stores.apply(resultsDir(resultsRoot, plan));
    PlanRecord record = Plans.record(plan, env.codeVersion(), command);
    store.writePlan(record);
    return record;
  }

  /** Writes the plan, then runs every trial without a result for its config. */
  public Summary run(ExperimentPlan plan, String command) throws IOException, InterruptedException {
    return run(plan, command, t -> true);
  }

  /**
   * Writes the (whole) plan, then runs the trials {@code which} selects that have no result for
   * their config; "planned" and "already done" in the summary count the selected trials.
   */
  public Summary run(ExperimentPlan plan, String command, Predicate<PlanRecord.PlannedTrial> which)
      throws IOException, InterruptedException {
    ResultsStore store = stores.apply(resultsDir(resultsRoot, plan));
    PlanRecord record = writePlan(plan, command);
    store.cleanTemporaries();
    List<Integer> pending = new ArrayList<>();
    List<String> outdated = new ArrayList<>();
    int selected = 0;
    for (PlanRecord.PlannedTrial t : record.trials()) {
      if (!which.test(t)) {
        continue;
      }
      selected++;
      ResultsStore.Inspection in = store.inspect(t.trial(), t.configSha256());
      if (in.state() == ResultsStore.State.DONE && !force) {
        continue;
      }
      if (in.reason() != null) {
        outdated.add(in.reason());
      }
      pending.add(t.index());
    }
    int threadsUsed = Math.max(1, Math.min(threads, pending.size()));
    log.printf("%s: %d trials%s, %d to run, %d already done; %d thread%s%n", store.dir(), selected,
        selected == record.trials().size() ? "" : " selected of " + record.trials().size(), pending.size(),
        selected - pending.size(), threadsUsed, threadsUsed == 1 ? "" : "s");
    if (!outdated.isEmpty()) {
      log.printf("%d trial%s with results that cannot be reused will be recomputed, e.g. %s%n", outdated.size(),
          outdated.size() == 1 ? "" : "s", outdated.get(0));
    }
    Map<Integer, Double> cost = new HashMap<>();
    Map<Integer, String> ids = new HashMap<>();
    for (int i : pending) {
      PlanRecord.PlannedTrial t = record.trials().get(i);
      TrialConfig c = Plans.config(t);
      cost.put(i, c.training().cost(c));
      ids.put(i, t.trial());
    }
    TrialRunner runner = new TrialRunner(record, store, env, threadsUsed, force);
    LocalExecutor.Summary s;
    try (RunProgress progress = RunProgress.create(plan.resultsName(), cost, ids, log)) {
      s = new LocalExecutor(threadsUsed).run(record, pending, runner, progress);
    }
    List<String> failures = new ArrayList<>();
    for (int k = 0; k < s.indices().size(); k++) {
      TrialRunner.Result r = s.results().get(k);
      if (r.outcome() == TrialRunner.Outcome.FAILED) {
        failures.add(record.trials().get(s.indices().get(k)).trial() + ": " + r.detail());
      }
    }
    return new Summary(store.dir(), selected, selected - pending.size(),
        (int) (s.count(TrialRunner.Outcome.RAN) + s.count(TrialRunner.Outcome.DIVERGED)),
        (int) s.count(TrialRunner.Outcome.REUSED), (int) s.count(TrialRunner.Outcome.DIVERGED), failures,
        s.stoppedBecause());
  }

  /** Runs trial {@code index} of the plan in results/NAME[.PROFILE]/plan.json (a cluster's array task). */
  public TrialRunner.Result runOne(Path resultsDir, int index) throws IOException, InterruptedException {
    ResultsStore store = stores.apply(resultsDir);
    if (!java.nio.file.Files.isRegularFile(resultsDir.resolve(ResultsStore.PLAN))) {
      throw new org.rnnlab.results.ResultsException(resultsDir.resolve(ResultsStore.PLAN)
          + ": missing; write the plan first with: ./rnnlab plan NAME [--profile P]");
    }
    PlanRecord record = store.readPlan();
    if (index < 0 || index >= record.trials().size()) {
      throw new IllegalArgumentException("--index " + index + " is outside the plan's 0.." + (record.trials().size() - 1));
    }
    TrialRunner runner = new TrialRunner(record, store, env, 1, force);
    return runner.run(index, true, f -> { }, () -> false);
  }
}
