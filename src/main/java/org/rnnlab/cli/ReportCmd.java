package org.rnnlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnnlab.report.ClaimResult;
import org.rnnlab.report.Reporter;
import org.rnnlab.results.PlanRecord;
import org.rnnlab.run.Plans;
import org.rnnlab.run.RunEnvironment;
import org.rnnlab.spec.ExperimentPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", aliases = "aggregate", mixinStandardHelpOptions = true,
    description = "Write reports/NAME[.PROFILE]/ (tables, charts, README.md, index.html) from whatever results exist "
        + "whose configs match the spec as it is now, listing missing and failed trials; the spec's current claims and "
        + "wording are used. (aggregate: the same, the last step of a cluster run.)")
final class ReportCmd implements Callable<Integer> {
  @Parameters(paramLabel = "NAME", description = "Experiment name or spec path.")
  String name;

  @Option(names = "--profile", description = "The profile whose results to report.")
  String profile;

  @Override
  public Integer call() throws IOException {
    return report(Project.plan(name, profile));
  }

  /** Writes the report of {@code plan}; 2 if there are no results at all. */
  static int report(ExperimentPlan plan) throws IOException {
    Path results = Project.resultsDir(plan);
    if (!Files.isDirectory(results)) {
      Main.ERR.println("rnnlab: " + results + ": no results; run `" + Project.command(plan) + "` first");
      return 2;
    }
    write(plan);
    return 0;
  }

  /** Writes the report and the index of reports; returns the claims' verdicts. */
  static List<ClaimResult> write(ExperimentPlan plan) throws IOException {
    PlanRecord current = Plans.record(plan, RunEnvironment.current().codeVersion(), Project.command(plan));
    Path dir = Project.reportDir(plan);
    List<ClaimResult> claims = Reporter.write(current, plan.report().charts(), Project.resultsDir(plan), dir);
    Reporter.writeIndex(Project.reports());
    Main.OUT.println("wrote " + dir.resolve("index.html") + " and README.md");
    return claims;
  }
}
