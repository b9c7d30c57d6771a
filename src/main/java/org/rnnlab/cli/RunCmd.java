package org.rnnlab.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.rnnlab.run.ExperimentRunner;
import org.rnnlab.spec.ExperimentPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run an experiment's trials (skipping those already done) into results/NAME[.PROFILE]/.")
final class RunCmd implements Callable<Integer> {
  @Parameters(paramLabel = "NAME", description = "Experiment name (file stem under experiments/) or spec path.")
  String name;

  @Option(names = "--profile", description = "A profile of the spec, e.g. ci.")
  String profile;

  @Mixin
  Jobs jobs;

  @Option(names = "--force", description = "Rerun trials that are already done.")
  boolean force;

  @Override
  public Integer call() throws IOException, InterruptedException {
    ExperimentPlan plan = Project.plan(name, profile);
    return run(plan, jobs.value(), force);
  }

  /** Runs a plan locally and prints its summary; 0 if every trial has a result, else 1. */
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
