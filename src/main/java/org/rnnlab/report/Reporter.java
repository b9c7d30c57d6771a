package org.rnnlab.report;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.internal.chartpart.Chart;
import org.rnnlab.results.AtomicWrite;
import org.rnnlab.results.PlanRecord;
import org.rnnlab.results.ResultsStore;
import org.rnnlab.results.TrialArchive;

/**
 * Turns the results of one experiment run into a report directory: CSV tables, PNG charts,
 * README.md and index.html with the same content, and report.json for the index of reports.
 * Reads result files only, or the report's trial record, which holds what they gave; the same
 * results always give byte-identical CSV, Markdown, HTML and JSON (charts are regenerated but not
 * guaranteed bit-identical across JDKs).
 */
public final class Reporter {
  static {
    // Reports are built on CI machines and servers without a display. Must happen before
    // AWT initialises; respect an explicit choice by the embedding application.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  static final String README = "README.md";
  static final String INDEX = "index.html";
  static final String REPORT_JSON = "report.json";
  static final String TABLES = "tables";

  private Reporter() {}

  /**
   * Writes the report of {@code plan} (the spec as it is now) into {@code reportDir} from the
   * results in {@code resultsDir} whose configs match the plan's. Returns the claims' verdicts.
   */
  public static List<ClaimResult> write(PlanRecord plan, List<ChartConfig> charts, Path resultsDir, Path reportDir)
      throws IOException {
    return writeReport(plan, charts, resultsDir, reportDir).claims();
  }

  /**
   * What a written report says, for the console: where it is, the trials' states, the claims and the
   * headline table.
   *
   * @param trialsOk ok trials; {@code trialsDiverged} diverged, {@code trialsMissing} without a usable result
   */
  public record Written(Path reportDir, List<ClaimResult> claims, Headline headline, int trialsPlanned,
                        int trialsOk, int trialsDiverged, int trialsMissing, List<String> warnings) {}

  /**
   * As {@link #write}, returning what the report says; the trials it read go to the report's trial
   * record ({@link TrialArchive#FILE}), from which {@link #writeFromRecord} rebuilds it.
   */
  public static Written writeReport(PlanRecord plan, List<ChartConfig> charts, Path resultsDir, Path reportDir)
      throws IOException {
    return writeReport(plan, charts, ChartFormat.ALL, resultsDir, reportDir);
  }

  /** As {@link #writeReport(PlanRecord, List, Path, Path)}, each chart in {@code formats}. */
  public static Written writeReport(PlanRecord plan, List<ChartConfig> charts, Set<ChartFormat> formats,
                                    Path resultsDir, Path reportDir) throws IOException {
    TrialArchive.Contents trials = TrialArchive.snapshot(plan, new ResultsStore(resultsDir));
    return writeReport(plan, charts, formats, trials, reportDir, Record.WRITE);
  }

  /**
   * Rebuilds the report of {@code plan} in {@code reportDir} from {@code trials}, read from a trial
   * record (the record itself is not rewritten): with the record's own plan, the same report, byte
   * for byte, as the one written from the results. {@code withRecord}: whether the report's file list
   * names the record (it sits in {@code reportDir}).
   */
  public static Written writeFromRecord(PlanRecord plan, List<ChartConfig> charts, TrialArchive.Contents trials,
                                        Path reportDir, boolean withRecord) throws IOException {
    return writeFromRecord(plan, charts, ChartFormat.ALL, trials, reportDir, withRecord);
  }

  /** As {@link #writeFromRecord(PlanRecord, List, TrialArchive.Contents, Path, boolean)}, in {@code formats}. */
  public static Written writeFromRecord(PlanRecord plan, List<ChartConfig> charts, Set<ChartFormat> formats,
                                        TrialArchive.Contents trials, Path reportDir, boolean withRecord)
      throws IOException {
    return writeReport(plan, charts, formats, trials, reportDir, withRecord ? Record.NAME : Record.NONE);
  }

  /**
   * Writes the report of {@code plan}, the spec as it is now, from a record's trials matched to it
   * ({@link TrialArchive.Contents#replanned}), and rewrites the record under that plan, so that a
   * relabelled spec needs no rerun and the record then rebuilds the new report.
   */
  public static Written writeReplanned(PlanRecord plan, List<ChartConfig> charts, Set<ChartFormat> formats,
                                       TrialArchive.Contents trials, Path reportDir) throws IOException {
    return writeReport(plan, charts, formats, trials, reportDir, Record.WRITE);
  }

  /**
   * Whether a series read ("trial\nname", or "trial\nname\nends" for the first and last steps) is one the record
   * holds the rows for: read the same way, or whole (which holds the ends too).
   */
  private static java.util.function.Predicate<String> covered(List<String> recorded) {
    Set<String> held = Set.copyOf(recorded);
    return k -> held.contains(k) || k.endsWith("\nends") && held.contains(k.substring(0, k.length() - 5));
  }

  /** What a report does with its trial record: write it and list it, list the one present, or neither. */
  private enum Record { WRITE, NAME, NONE }

  private static Written writeReport(PlanRecord plan, List<ChartConfig> charts, Set<ChartFormat> formats,
                                     TrialArchive.Contents trials, Path reportDir, Record record) throws IOException {
    Files.createDirectories(reportDir);
    Results results = ResultsReader.read(plan, trials);
    List<WelchTests.Comparison> tests = WelchTests.of(results);
    List<ClaimResult> claims = Claims.evaluate(results);

    CsvFiles.writeSummary(reportDir.resolve(CsvFiles.SUMMARY), Summary.of(results));
    CsvFiles.writeCurves(reportDir.resolve(CsvFiles.CURVES), results);
    Files.deleteIfExists(reportDir.resolve("curves.csv")); // written uncompressed by earlier versions
    CsvFiles.writeTests(reportDir.resolve(CsvFiles.TESTS), tests);
    CsvFiles.writeDiverged(reportDir.resolve(CsvFiles.DIVERGED), results);
    CsvFiles.writeTrials(reportDir.resolve(CsvFiles.TRIALS), results);
    List<ReportBuilder.ChartFile> chartFiles = writeCharts(results, charts, formats, reportDir);

    List<String> files = new ArrayList<>(List.of(CsvFiles.SUMMARY, CsvFiles.CURVES, CsvFiles.TESTS,
        CsvFiles.DIVERGED, CsvFiles.TRIALS, REPORT_JSON));
    if (record != Record.NONE) {
      files.add(TrialArchive.FILE);
    }
    if (record == Record.WRITE) {
      // after the charts: the record keeps the series they read, which is all a rebuild from it reads
      // from results: the series rows the charts read; a record rewritten under a new plan keeps every row it had
      TrialArchive.write(reportDir.resolve(TrialArchive.FILE), trials.seriesRead() == null
          ? trials.keepingSeries(results.rowsRead(), results.seriesReads()) : trials);
    }
    Headline headline = Headline.of(results); // once, for the document and the summary
    Doc doc = ReportBuilder.build(results, headline, tests, claims, chartFiles, List.copyOf(files));
    writeTables(doc, reportDir, plan);
    writeReportJson(reportDir.resolve(REPORT_JSON), results, claims);
    AtomicWrite.writeString(reportDir.resolve(README), MarkdownReport.render(doc));
    // index.html last: its presence is what marks the directory as a report for writeIndex.
    AtomicWrite.writeString(reportDir.resolve(INDEX), HtmlReport.render(doc));
    int ok = (int) results.trials().stream().filter(TrialRow::isOk).count();
    int diverged = (int) results.trials().stream().filter(t -> TrialRow.DIVERGED.equals(t.status())).count();
    List<String> warnings = new ArrayList<>(results.warnings());
    if (trials.seriesRead() != null) { // read from a record
      // a rebuild whose charts read a series the record was not cut down for: drawn without it
      Set<String> names = new java.util.TreeSet<>();
      results.seriesReads().stream().filter(covered(trials.seriesRead()).negate())
          .forEach(k -> names.add(k.split("\n")[1]));
      if (!names.isEmpty()) {
        warnings.add("the charts read series the trial record does not hold (" + String.join(", ", names)
            + "): a record keeps the series its report's charts read when it was written; rerun the experiment "
            + "to draw them");
      }
    }
    return new Written(reportDir, claims, headline, results.trials().size() + results.missing().size(),
        ok, diverged, results.missing().size(), List.copyOf(warnings));
  }

  /** Every exported table of the report as tables/STEM.tex (booktabs) and tables/STEM.md. */
  private static void writeTables(Doc doc, Path reportDir, PlanRecord plan) throws IOException {
    Path dir = reportDir.resolve(TABLES);
    Files.createDirectories(dir);
    Set<String> keep = new HashSet<>();
    for (Doc.Table t : doc.exports()) {
      String source = "rnnlab report of " + plan.name() + (plan.profile() == null ? "" : " (profile " + plan.profile()
          + ")") + ", table " + t.export();
      AtomicWrite.writeString(dir.resolve(t.export() + ".tex"), LatexTable.render(t, source));
      AtomicWrite.writeString(dir.resolve(t.export() + ".md"), MarkdownReport.table(t));
      keep.add(t.export() + ".tex");
      keep.add(t.export() + ".md");
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.{tex,md}")) {
      for (Path p : s) {
        if (!keep.contains(p.getFileName().toString())) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Regenerates {@code reportsRoot/index.html}, linking every report found below it. */
  public static void writeIndex(Path reportsRoot) throws IOException {
    ReportIndex.write(reportsRoot);
  }

  private static List<ReportBuilder.ChartFile> writeCharts(Results results, List<ChartConfig> configs,
                                                           Set<ChartFormat> formats, Path reportDir)
      throws IOException {
    List<String> vectors = new ArrayList<>();
    for (ChartFormat f : List.of(ChartFormat.SVG, ChartFormat.PDF)) {
      if (formats.contains(f)) {
        vectors.add(f.extension());
      }
    }
    ChartNames names = new ChartNames(List.copyOf(results.experiment().sweep().keySet()));
    List<ReportBuilder.ChartFile> charts = new ArrayList<>();
    for (ChartConfig config : configs) {
      for (ChartOutput c : config.draw(results, names)) {
        Charts.fitTitle(c.chart());
        AtomicWrite.write(reportDir.resolve(c.file()), Charts.png(c.chart()));
        // The same chart as vector graphics, for papers.
        if (formats.contains(ChartFormat.SVG)) {
          AtomicWrite.write(reportDir.resolve(Charts.withExtension(c.file(), "svg")), Charts.svg(c.chart()));
        }
        if (formats.contains(ChartFormat.PDF)) {
          AtomicWrite.write(reportDir.resolve(Charts.withExtension(c.file(), "pdf")),
              PdfId.fixed(Charts.pdf(c.chart())));
        }
        charts.add(new ReportBuilder.ChartFile(c.file(), c.caption(), vectors));
      }
    }
    removeStaleCharts(reportDir, charts);
    return charts;
  }

  /**
   * Deletes charts of an earlier run into the same directory that this run did not produce
   * (a sweep point dropped from the spec), so the directory matches its report exactly.
   */
  private static void removeStaleCharts(Path reportDir, List<ReportBuilder.ChartFile> charts)
      throws IOException {
    Set<String> keep = new HashSet<>();
    charts.forEach(c -> {
      keep.add(c.file());
      c.vectors().forEach(v -> keep.add(Charts.withExtension(c.file(), v)));
    });
    try (DirectoryStream<Path> s = Files.newDirectoryStream(reportDir, ChartNames.GLOB)) {
      for (Path p : s) {
        if (!keep.contains(p.getFileName().toString())) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static void writeReportJson(Path file, Results results, List<ClaimResult> claims)
      throws IOException {
    Experiment e = results.experiment();
    JsonMapper json = JsonMapper.builder().build();
    ObjectNode root = json.createObjectNode();
    root.put("name", e.name());
    root.put("description", e.description());
    root.put("profile", e.profile());
    root.put("main_metric", e.mainMetric());
    root.put("groups", results.groups().size());
    root.put("trials_planned", results.trials().size() + results.missing().size());
    root.put("trials_ok", results.trials().stream().filter(TrialRow::isOk).count());
    root.put(
        "trials_diverged",
        results.trials().stream().filter(c -> TrialRow.DIVERGED.equals(c.status())).count());
    root.put("trials_missing", results.missing().size());
    root.put("claims_total", claims.size());
    root.put("claims_passed", claims.stream().filter(ClaimResult::passed).count());
    root.put("claims_not_evaluated", claims.stream().filter(c -> !c.evaluated()).count());
    ReportIndex.addHeadline(root, results);
    // A fixed "\n" indenter: Jackson's default uses the platform line separator.
    DefaultPrettyPrinter pretty =
        new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    AtomicWrite.writeString(file, json.writer(pretty).writeValueAsString(root) + "\n");
  }
}
