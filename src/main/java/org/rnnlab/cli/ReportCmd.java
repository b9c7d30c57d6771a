package org.rnnlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.rnnlab.report.ChartFormat;
import org.rnnlab.report.ClaimResult;
import org.rnnlab.report.Reporter;
import org.rnnlab.results.PlanRecord;
import org.rnnlab.results.TrialArchive;
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
        + "the last step of a cluster run.)",
    footer = {"",
        "Every report built from results/ carries its trial record, reports/NAME[.PROFILE]/trials.jsonl.xz (final "
            + "metrics, curves, series, texts, configs and provenance of its trials, with its SHA-256; see "
            + "docs/workflow.md). --from-record rebuilds the report from that record alone, byte for byte as it was "
            + "with the same code and JDK, without results/ or datasets. When results/NAME[.PROFILE] does not exist "
            + "but the record does (a fresh clone), the report is rebuilt from the record without the flag: there is "
            + "nothing else to read and the rebuild only reproduces the committed report; where results/ exist they "
            + "are read, since they may hold newer trials."})
final class ReportCmd implements Callable<Integer> {
  @Parameters(paramLabel = "NAME", description = "Experiment name or spec path.")
  String name;

  @Option(names = "--profile", description = "The profile whose results to report.")
  String profile;

  @Option(names = "--from-record", description = "Rebuild from the report's trial record (trials.jsonl.xz) "
      + "instead of results/: the plan, claims and wording as reported, today's charts.")
  boolean fromRecord;

  @Option(names = "--current-spec", description = "Rebuild from the trial record under the spec as it is now (its "
      + "display names, claims, wording and charts): each planned trial is taken from the record when its config "
      + "hash matches, and the record is rewritten under that plan. For a relabelled or reworded spec, without a "
      + "rerun.")
  boolean currentSpec;

  @Option(names = "--formats", split = ",", paramLabel = "FORMAT",
      description = "The chart files to write (png, svg, pdf; png required), instead of the spec's report.formats: "
          + "e.g. the vector versions of a committed report that keeps only PNGs.")
  List<String> formats;

  @Mixin
  Selection selection;

  @Mixin
  Outcome.Options output;

  @Override
  public Integer call() throws IOException {
    ExperimentPlan plan = Project.planForReading(name, profile);
    Path results = Project.resultsDir(plan);
    Path record = Project.reportDir(plan).resolve(TrialArchive.FILE);
    if (fromRecord || currentSpec || !Files.isDirectory(results) && Files.isRegularFile(record)) {
      if (!Files.isRegularFile(record)) {
        throw new Main.UsageError(record + ": no trial record; `report` without --from-record writes one from "
            + results);
      }
      if (!fromRecord && !currentSpec) {
        Main.ERR.println("rnnlab: no " + results + ": rebuilding the report from its trial record " + record);
      }
      TrialArchive.Contents trials = TrialArchive.read(record); // verified in full before anything is written
      if (currentSpec) {
        PlanRecord now = current(plan);
        Selection.Chosen chosen = selection.choose(now);
        TrialArchive.Contents replanned;
        try {
          replanned = trials.replanned(now);
        } catch (IllegalArgumentException e) {
          throw new Main.UsageError(record + ": " + e.getMessage());
        }
        return Outcome.print(plan, null, writeReplanned(plan, replanned, chosen, formats()), chosen.label(), output,
            Main.OUT);
      }
      Selection.Chosen chosen = selection.choose(trials.plan());
      return Outcome.print(plan, null, writeFromRecord(plan, trials, chosen, formats()), chosen.label(), output,
          Main.OUT);
    }
    if (!Files.isDirectory(results)) {
      Main.ERR.println("rnnlab: " + results + ": no results; run `" + Project.command(plan) + "` first");
      return 2;
    }
    Selection.Chosen chosen = selection.choose(current(plan));
    return Outcome.print(plan, null, writeReport(plan, chosen, formats()), chosen.label(), output, Main.OUT);
  }

  /** The chart formats asked for on the command line, or null for the spec's. */
  private Set<ChartFormat> formats() {
    try {
      return formats == null ? null : ChartFormat.of(formats);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageError("--formats: " + e.getMessage());
    }
  }

  /** Writes the report and the index of reports; returns the claims' verdicts. */
  static List<ClaimResult> write(ExperimentPlan plan) throws IOException {
    Reporter.Written w = writeReport(plan, Selection.Chosen.ALL, null);
    Main.OUT.println("wrote " + w.reportDir().resolve("index.html") + " and README.md");
    return w.claims();
  }

  /**
   * Writes the report of the chosen trials (a subset into its own directory) and the index of reports, its charts
   * in {@code formats} (null: the spec's).
   */
  static Reporter.Written writeReport(ExperimentPlan plan, Selection.Chosen chosen, Set<ChartFormat> formats)
      throws IOException {
    PlanRecord record = chosen.apply(current(plan));
    Path dir = Project.reportDir(plan);
    if (!chosen.isAll()) {
      dir = dir.resolveSibling(dir.getFileName() + "+" + chosen.slug());
    }
    Reporter.Written w = Reporter.writeReport(record, plan.report().charts(),
        formats == null ? plan.report().chartFormats() : formats, Project.resultsDir(plan), dir);
    Reporter.writeIndex(Project.reports());
    return w;
  }

  /**
   * Rebuilds the report of the chosen trials of {@code trials}' plan; the full report goes where the
   * record is (which stays as it was), a subset into its own directory.
   */
  private static Reporter.Written writeFromRecord(ExperimentPlan plan, TrialArchive.Contents trials,
                                                  Selection.Chosen chosen, Set<ChartFormat> formats)
      throws IOException {
    Path dir = Project.reportDir(plan);
    if (!chosen.isAll()) {
      dir = dir.resolveSibling(dir.getFileName() + "+" + chosen.slug());
    }
    return written(Reporter.writeFromRecord(chosen.apply(trials.plan()), plan.report().charts(),
        formats == null ? plan.report().chartFormats() : formats, trials, dir, chosen.isAll()), trials);
  }

  /**
   * Writes the report of the chosen trials from a record matched to the current plan: the full report
   * rewrites the record under that plan, a subset goes to its own directory without one.
   */
  private static Reporter.Written writeReplanned(ExperimentPlan plan, TrialArchive.Contents trials,
                                                 Selection.Chosen chosen, Set<ChartFormat> formats)
      throws IOException {
    if (!chosen.isAll()) {
      return writeFromRecord(plan, trials, chosen, formats);
    }
    return written(Reporter.writeReplanned(trials.plan(), plan.report().charts(),
        formats == null ? plan.report().chartFormats() : formats, trials, Project.reportDir(plan)), trials);
  }

  /**
   * {@code w}, after the index of reports is rewritten and what the rebuild found that the record did not (series
   * today's charts read that it was not cut down for) is printed.
   */
  private static Reporter.Written written(Reporter.Written w, TrialArchive.Contents trials) throws IOException {
    Reporter.writeIndex(Project.reports());
    w.warnings().stream().filter(x -> !trials.warnings().contains(x))
        .forEach(x -> Main.ERR.println("rnnlab: warning: " + x));
    return w;
  }

  private static PlanRecord current(ExperimentPlan plan) {
    return Plans.record(plan, RunEnvironment.current().codeVersion(), Project.command(plan));
  }
}
