package org.rnnlab.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnnlab.cluster.SlurmCliOptions;
import org.rnnlab.report.Reporter;
import org.rnnlab.results.PlanRecord;
import org.rnnlab.run.ExperimentRunner;
import org.rnnlab.run.Plans;
import org.rnnlab.run.RunEnvironment;
import org.rnnlab.spec.ExperimentPlan;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run an experiment's trials (skipping those already done) into results/NAME[.PROFILE]/, write "
        + "its report into reports/NAME[.PROFILE]/ and print where it is, the trials' outcome, each claim's "
        + "verdict and the headline table. Exit status: 0 ok, 1 trials failed, 2 bad input, 3 a claim failed "
        + "(with --strict).")
final class RunCmd implements Callable<Integer> {
  @Parameters(paramLabel = "NAME", description = "Experiment name (file stem under experiments/) or spec path.")
  String name;

  @Option(names = "--profile", description = "A profile of the spec, e.g. ci.")
  String profile;

  @Mixin
  Jobs jobs;

  @Option(names = "--force", description = "Rerun trials that are already done.")
  boolean force;

  @Option(names = "--executor", paramLabel = "E", defaultValue = "local",
      description = "local: a pool of threads here (default); slurm: submit the trials without a result as a Slurm "
          + "job array and a job that writes the report (docs/cluster.md).")
  String executor;

  // a group only for the help's layout: initialised, so it is never null when no Slurm option is given
  @ArgGroup(exclusive = false, validate = false, heading = "%nWith --executor slurm:%n")
  SlurmCliOptions slurm = new SlurmCliOptions();

  @Option(names = "--offline", description = "Never fetch: a dataset the spec needs that is not in data/ is an error "
      + "(by default it is fetched first, pinned and checked, like `./rnnlab data fetch NAME`).")
  boolean offline;

  @Mixin
  Selection selection;

  @Mixin
  Outcome.Options output;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (executor.equals("slurm")) {
      if (jobs.jobs != null || force) {
        throw new Main.UsageError((force ? "--force" : "--jobs") + " is an option of --executor local; on Slurm "
            + "every trial is an array task (--array-parallelism N limits how many run at once) and only trials "
            + "without a result are submitted");
      }
      if (!selection.isEmpty() || output.json) {
        throw new Main.UsageError((output.json ? "--json" : "--only/--where") + " is an option of --executor local; "
            + "a Slurm run submits every trial without a result (report --only/--where reports a subset)");
      }
      return SlurmRunner.run(name, profile, slurm);
    }
    if (!executor.equals("local")) {
      throw new Main.UsageError("--executor must be local or slurm, got '" + executor + "'");
    }
    if (slurm.anyGiven()) {
      List<String> given = slurm.givenNames();
      throw new Main.UsageError(String.join(", ", given) + (given.size() == 1 ? " is a Slurm option" : " are Slurm "
          + "options") + ": add --executor slurm, or leave " + (given.size() == 1 ? "it" : "them") + " out");
    }
    ExperimentPlan plan = DataNeeds.plan(Project.specFile(name), profile, offline, Main.ERR);
    return runAndReport(plan, jobs.value(), force, selection, output);
  }

  /**
   * Runs the selected trials of a plan locally, writes the report of those trials and prints the
   * outcome (see {@link Outcome}); returns the exit status.
   */
  static int runAndReport(ExperimentPlan plan, int jobs, boolean force, Selection selection, Outcome.Options output)
      throws IOException, InterruptedException {
    Main.checkFma();
    PlanRecord record = Plans.record(plan, RunEnvironment.current().codeVersion(), Project.command(plan));
    Selection.Chosen chosen = selection.choose(record);
    ExperimentRunner.Summary s = new ExperimentRunner(Project.results(), jobs, force, Main.ERR)
        .run(plan, Project.command(plan), chosen.trials());
    Reporter.Written report = s.stoppedBecause() == null ? ReportCmd.writeReport(plan, chosen, null) : null;
    return Outcome.print(plan, s, report, chosen.label(), output, Main.OUT);
  }

  /** Runs a plan locally and prints its one-line summary; 0 if every trial has a result, else 1 (verify uses it). */
  static int run(ExperimentPlan plan, int jobs, boolean force) throws IOException, InterruptedException {
    Main.checkFma();
    ExperimentRunner.Summary s = new ExperimentRunner(Project.results(), jobs, force, Main.ERR)
        .run(plan, Project.command(plan));
    Main.OUT.printf("%s: %d trials: ran %d, already done %d, done by another run %d; diverged %d, failed %d%n",
        s.resultsDir(), s.planned(), s.ran(), s.alreadyDone(), s.reused(), s.diverged(), s.failures().size());
    s.failures().forEach(f -> Main.ERR.println("failed: " + f));
    if (s.stoppedBecause() != null) {
      Main.ERR.println("rnnlab: stopped the run: " + s.stoppedBecause());
      return 1;
    }
    return s.failures().isEmpty() ? 0 : 1;
  }
}
