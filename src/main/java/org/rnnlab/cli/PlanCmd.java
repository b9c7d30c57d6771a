package org.rnnlab.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.rnnlab.results.PlanRecord;
import org.rnnlab.run.ExperimentRunner;
import org.rnnlab.spec.ExperimentPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Write the plan (every trial with its index, id, resolved config and seeds) to "
        + "results/NAME[.PROFILE]/plan.json, for run-cell or a cluster.")
final class PlanCmd implements Callable<Integer> {
  @Parameters(paramLabel = "NAME", description = "Experiment name (file stem under experiments/) or spec path.")
  String name;

  @Option(names = "--profile", description = "A profile of the spec, e.g. ci.")
  String profile;

  @Override
  public Integer call() throws IOException {
    ExperimentPlan plan = Project.plan(name, profile);
    PlanRecord r = new ExperimentRunner(Project.results(), 1, false, Main.ERR).writePlan(plan, Project.command(plan));
    Main.OUT.printf("%s: %d trials (run one with: ./rnnlab run-cell %s --index I%s)%n",
        Project.resultsDir(plan).resolve("plan.json"), r.trials().size(), name,
        profile == null ? "" : " --profile " + profile);
    return 0;
  }
}
