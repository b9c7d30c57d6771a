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
