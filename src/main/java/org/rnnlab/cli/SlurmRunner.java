package org.rnnlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.rnnlab.cluster.CodeSnapshot;
import org.rnnlab.cluster.QueueEntry;
import org.rnnlab.cluster.SlurmCliOptions;
import org.rnnlab.cluster.SlurmExecutor;
import org.rnnlab.cluster.SlurmOptions;
import org.rnnlab.cluster.SlurmRun;
import org.rnnlab.cluster.Submission;
import org.rnnlab.cluster.WaitOutcome;
import org.rnnlab.config.Home;
import org.rnnlab.results.ResultsStore;
import org.rnnlab.run.ExperimentRunner;
import org.rnnlab.run.RunEnvironment;
import org.rnnlab.spec.ExperimentPlan;
import org.rnnlab.spec.TrialPlan;

/**
 * {@code rnnlab run NAME --executor slurm}: the trials without a result as one Slurm job array of {@code run-cell}
 * calls, then a job that writes the report (docs/cluster.md). Everything that can fail is checked before anything
 * is written: the options, the spec, the cluster (sbatch, the controller) and the job ({@code sbatch --test-only});
 * then the code snapshot the tasks run from and plan.json are written and the jobs submitted.
 */
final class SlurmRunner {
  private SlurmRunner() {}

  /** Submits (and with {@code --wait} waits for) the experiment; the exit status of {@code run}. */
  static int run(String name, String profile, SlurmCliOptions cli) throws IOException {
    SlurmOptions options = cli.options();
    ExperimentPlan plan = Project.plan(name, profile);
    Path spec = Project.specFile(name).toAbsolutePath().normalize();
    Path byName = Project.experiments().resolve(plan.name() + ".json").toAbsolutePath().normalize();
    if (!spec.equals(byName)) {
      throw new Main.UsageError("--executor slurm runs experiments under " + Project.experiments() + " (its jobs "
          + "find the spec by name): copy " + spec + " there and run ./rnnlab run " + plan.name()
          + " --executor slurm");
    }
    SlurmExecutor executor = SlurmExecutor.standard(Main.OUT);
    executor.preflight();

    Path resultsDir = Project.resultsDir(plan);
    ResultsStore store = new ResultsStore(resultsDir);
    // Resume is resubmission: a trial with a result for its config is never submitted again, nor is one whose
    // task of an earlier submission is still queued (the report job then waits for that array too).
    Map<Integer, QueueEntry> queued = executor.queuedTrials(resultsDir);
    if (!queued.isEmpty() && planChanged(store, plan)) {
      // Queued tasks run plan.json's trials by index: rewriting it would give them other trials.
      TreeSet<String> arrays = new TreeSet<>();
      queued.values().forEach(q -> arrays.add(q.jobId()));
      throw new Main.UsageError("the plan changed (the spec, or the code that plans it) while job array "
          + String.join(", ", arrays) + " of an earlier submission is still queued, and its tasks run "
          + store.dir().resolve(ResultsStore.PLAN) + "'s trials by index: wait until it has ended (squeue -j "
          + String.join(",", arrays) + ") or cancel it (scancel " + String.join(" ", arrays) + "), then submit");
    }
    List<Integer> trials = new ArrayList<>();
    TreeSet<String> earlier = new TreeSet<>();
    int stillQueued = 0;
    for (TrialPlan t : plan.trials()) {
      if (store.inspect(t.id(), t.sha256()).state() == ResultsStore.State.DONE) {
        continue;
      }
      QueueEntry q = queued.get(t.index());
      if (q != null) {
        earlier.add(q.jobId());
        stillQueued++;
      } else {
        trials.add(t.index());
      }
    }
    if (!earlier.isEmpty()) {
      Main.OUT.printf("slurm: %d trial(s) without a result are still queued in job array %s; not submitted again%n",
          stillQueued, String.join(", ", earlier));
    }

    RunEnvironment env = RunEnvironment.current();
    CodeSnapshot code = CodeSnapshot.of(resultsDir.resolve(ResultsStore.SLURM).resolve("code"),
        CodeSnapshot.currentClassPath());
    SlurmRun run = new SlurmRun(plan.name(), plan.profile(), Home.path(), resultsDir,
        Project.reportDir(plan).resolve("README.md"), code.javaCommand(Home.path(), env.codeVersion()), options);
    SlurmExecutor.Prepared prepared = executor.prepare(run, trials, List.copyOf(earlier));

    code.write(env.codeVersion());
    new ExperimentRunner(Project.results(), 1, false, Main.ERR).writePlan(plan, Project.command(plan)
        + " EXECUTOR=slurm");
    Submission s = executor.submit(prepared);
    Main.OUT.println("slurm: the jobs run code snapshot " + code.id() + " of " + env.codeVersion() + " ("
        + Home.path().relativize(code.dir()) + "), whatever is rebuilt meanwhile");
    if (!cli.waitForReport()) {
      Main.OUT.println("slurm: status: ./rnnlab status " + plan.name()
          + (plan.profile() == null ? "" : " --profile " + plan.profile()));
      return 0;
    }
    WaitOutcome w = executor.await(s);
    Main.OUT.println(w.message());
    return w.ok() & summarize(store, plan) ? 0 : 1;
  }

  /** Whether plan.json exists and lists other trials (ids or configs) than {@code plan}. */
  private static boolean planChanged(ResultsStore store, ExperimentPlan plan) {
    if (!java.nio.file.Files.isRegularFile(store.dir().resolve(ResultsStore.PLAN))) {
      return false;
    }
    List<String> written = new ArrayList<>();
    try {
      store.readPlan().trials().forEach(t -> written.add(t.trial() + " " + t.configSha256()));
    } catch (org.rnnlab.results.ResultsException e) {
      return true; // unreadable: what the queued tasks will run cannot be told
    }
    List<String> now = new ArrayList<>();
    plan.trials().forEach(t -> now.add(t.id() + " " + t.sha256()));
    return !written.equals(now);
  }

  /** One line: how many trials have a result; true if all do. */
  private static boolean summarize(ResultsStore store, ExperimentPlan plan) {
    Map<String, Integer> without = new LinkedHashMap<>();
    int done = 0;
    int diverged = 0;
    for (TrialPlan t : plan.trials()) {
      ResultsStore.Inspection in = store.inspect(t.id(), t.sha256());
      if (in.state() == ResultsStore.State.DONE) {
        done++;
        diverged += in.result().isOk() ? 0 : 1;
      } else {
        String why = in.state() == ResultsStore.State.MISSING && store.readFailure(t.id()) != null ? "failed"
            : in.state().name().toLowerCase(java.util.Locale.ROOT);
        without.merge(why, 1, Integer::sum);
      }
    }
    StringBuilder b = new StringBuilder("slurm: " + done + " of " + plan.trials().size() + " trials have a result ("
        + diverged + " diverged)");
    if (!without.isEmpty()) {
      b.append("; without: ");
      without.forEach((k, v) -> b.append(v).append(' ').append(k).append(", "));
      b.setLength(b.length() - 2);
      b.append(" (./rnnlab status ").append(plan.name())
          .append(plan.profile() == null ? "" : " --profile " + plan.profile())
          .append("; submit again to run them)");
    }
    Main.OUT.println(b);
    return without.isEmpty();
  }
}
