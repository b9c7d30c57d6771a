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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", aliases = "aggregate", mixinStandardHelpOptions = true,
    description = "Write reports/NAME[.PROFILE]/ (tables, charts, README.md, index.html) from whatever results exist "
        + "whose configs match the spec as it is now, listing missing and failed trials; the spec's current claims and "
        + "wording are used. A subset (--only/--where) goes to reports/NAME[.PROFILE]+SUBSET/. (aggregate: the same, "
        + "the last step of a cluster run.)")
final class ReportCmd implements Callable<Integer> {
  @Parameters(paramLabel = "NAME", description = "Experiment name or spec path.")
  String name;

  @Option(names = "--profile", description = "The profile whose results to report.")
  String profile;

  @Mixin
  Selection selection;

  @Mixin
  Outcome.Options output;

  @Override
  public Integer call() throws IOException {
    ExperimentPlan plan = Project.plan(name, profile);
    Path results = Project.resultsDir(plan);
    if (!Files.isDirectory(results)) {
      Main.ERR.println("rnnlab: " + results + ": no results; run `" + Project.command(plan) + "` first");
      return 2;
    }
    Selection.Chosen chosen = selection.choose(current(plan));
    return Outcome.print(plan, null, writeReport(plan, chosen), chosen.label(), output, Main.OUT);
  }

  /** Writes the report and the index of reports; returns the claims' verdicts. */
  static List<ClaimResult> write(ExperimentPlan plan) throws IOException {
    Reporter.Written w = writeReport(plan, Selection.Chosen.ALL);
    Main.OUT.println("wrote " + w.reportDir().resolve("index.html") + " and README.md");
    return w.claims();
  }

  /** Writes the report of the chosen trials (a subset into its own directory) and the index of reports. */
  static Reporter.Written writeReport(ExperimentPlan plan, Selection.Chosen chosen) throws IOException {
    PlanRecord record = chosen.apply(current(plan));
    Path dir = Project.reportDir(plan);
    if (!chosen.isAll()) {
      dir = dir.resolveSibling(dir.getFileName() + "+" + chosen.slug());
    }
    Reporter.Written w = Reporter.writeReport(record, plan.report().charts(), Project.resultsDir(plan), dir);
    Reporter.writeIndex(Project.reports());
    return w;
  }

  private static PlanRecord current(ExperimentPlan plan) {
    return Plans.record(plan, RunEnvironment.current().codeVersion(), Project.command(plan));
  }
}
