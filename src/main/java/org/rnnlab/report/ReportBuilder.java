package org.rnnlab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/** Assembles the human-readable report from the computed results. */
final class ReportBuilder {
  static final String PASS = "PASS";
  static final String FAIL = "FAIL";
  private static final String NONE = "—";

  /** A table longer than this goes whole to its CSV file; the page shows what a reader looks for first. */
  static final int MAX_ROWS = 50;

  /** Rows of a long table the page still shows. */
  static final int SHOWN_ROWS = 20;

  private ReportBuilder() {}

  /** A chart written beside the report: its PNG, its caption and the extensions of its vector files. */
  record ChartFile(String file, String caption, List<String> vectors) {}

  /** Builds the document; every input is already computed, nothing here reads files. */
  static Doc build(
      Results results,
      Headline headline,
      List<WelchTests.Comparison> tests,
      List<ClaimResult> claims,
      List<ChartFile> charts,
      List<String> files) {
    Experiment e = results.experiment();
    String metric = e.mainMetric();
    Doc doc = new Doc();
    doc.heading(1, e.name());
    if (!e.description().isBlank()) {
      doc.paragraph(e.description());
    }
    doc.toc();
    headline(doc, results, headline, claims);
    doc.heading(2, "Overview");
    overview(doc, results);
    SetupSection.add(doc, results);

    doc.heading(2, "How to reproduce");
    doc.code(e.command() == null ? "(the runner did not record the command)" : e.command());
    List<Doc.Item> repro = new ArrayList<>();
    repro.add(item("Profile", profile(e)));
    if (e.specFile() != null) {
      repro.add(item("Spec", e.specFile()));
    }
    if (e.codeVersion() != null) {
      repro.add(item("Code version", e.codeVersion()));
    }
    doc.bullets(repro);

    tasks(doc, results);
    mainTable(doc, results);
    claims(doc, claims);
    published(doc, e);
    tests(doc, results, metric, tests);

    doc.heading(2, "Charts");
    if (charts.isEmpty()) {
      doc.paragraph("No chart: no ok trial has a value of " + metric + ".");
    }
    for (ChartFile c : charts) {
      // The caption is the image's: a figure caption in HTML, a line under the picture in Markdown.
      doc.image(c.file(), c.caption(), c.vectors());
    }
    SampleSection.add(doc, results);

    allMetrics(doc, results);
    diverged(doc, results);
    missing(doc, results);
    if (!results.warnings().isEmpty()) {
      doc.heading(2, "Warnings");
      doc.bullets(results.warnings().stream().map(w -> item("", w)).toList());
    }
    provenance(doc, results);
    trials(doc, results);

    doc.heading(2, "Files");
    doc.bullets(files.stream().map(f -> new Doc.Item("", f, f)).toList());
    return doc;
  }

  /** The variant x task table first, with the claims' tally, so the answer is on the first screen. */
  private static void headline(Doc doc, Results results, Headline h, List<ClaimResult> claims) {
    doc.heading(2, "Headline: " + h.metricLabel());
    String columns = Headline.columnFactor(results);
    boolean pivot = columns != null;
    List<String> rest = pivot ? new ArrayList<>(results.groups().get(0).levelLabels().keySet()) : new ArrayList<>();
    rest.removeIf(f -> f.equals(columns));
    boolean transposed = h.transposed();
    doc.paragraph("Final " + h.metricLabel() + (pivot ? " by " + columns + " (columns) and "
        + String.join(", ", rest) + " (rows)" : transposed ? " per sweep point (columns) and variant (rows)"
        : " per variant and " + (results.experiment().sweep().isEmpty() ? "group" : "sweep point")) + ": "
        + Headline.CELL_RULE
        + "; the tasks' baselines of the metric as columns, rows or in the cells, wherever each is one number. "
        + (results.experiment().lowerIsBetter() ? "Lower" : "Higher") + " is better. Tables give 3 significant "
        + "digits (summary.csv has 10); a claim shows its measured value in full, as it was compared.");
    List<String> header = h.header(pivot ? String.join(", ", rest) : transposed ? "Variant"
        : results.experiment().sweep().isEmpty() ? "Group" : "Sweep point");
    doc.table(header, h.textRows(), "l" + "r".repeat(header.size() - 1), "headline");
    List<String> beaten = h.beatenBy();
    if (beaten.isEmpty()) {
      doc.paragraph("No baseline beats any model.");
    } else { // one per line: a beaten group's name may hold commas and semicolons of its own
      doc.paragraph("Baselines that beat a model:");
      doc.bullets(beaten.stream().map(b -> item("", b)).toList());
    }
    if (!claims.isEmpty()) {
      long passed = claims.stream().filter(ClaimResult::passed).count();
      List<String> failed = claims.stream().filter(ClaimResult::failed).map(ClaimResult::text).toList();
      List<String> open = claims.stream().filter(c -> !c.evaluated()).map(ClaimResult::text).toList();
      doc.paragraph(passed + " of " + claims.size() + " claims pass"
          + (failed.isEmpty() ? "" : "; failed: " + String.join("; ", failed))
          + (open.isEmpty() ? "" : "; not evaluated (no results yet): " + String.join("; ", open))
          + (passed == claims.size() ? "." : ". See Claims."));
    }
  }

  private static void overview(Doc doc, Results results) {
    Experiment e = results.experiment();
    List<Doc.Item> items = new ArrayList<>();
    items.add(
        item("Main metric", e.mainMetric() + (e.lowerIsBetter() ? " (lower is better)" : " (higher is better)")));
    if (!e.variants().isEmpty()) {
      items.add(item("Variants", String.join(", ", e.variants())));
    }
    if (e.sweep().isEmpty()) {
      items.add(item("Sweep", "none"));
    } else {
      List<String> parts = new ArrayList<>();
      e.sweep().forEach((k, v) -> parts.add(k + " ∈ {" + String.join(", ", v) + "}"));
      items.add(item("Sweep", String.join("; ", parts)));
    }
    items.add(item("Seeds per group", Integer.toString(e.seeds())));
    int planned = results.trials().size() + results.missing().size();
    int ok = (int) results.trials().stream().filter(TrialRow::isOk).count();
    int diverged = (int) results.trials().stream().filter(c -> TrialRow.DIVERGED.equals(c.status())).count();
    int other = results.trials().size() - ok - diverged;
    int missing = results.groups().stream().mapToInt(g -> results.missingCount(g.label())).sum();
    items.add(
        item(
            "Trials",
            planned + " planned: " + ok + " ok, " + diverged + " diverged"
                + (other > 0 ? ", " + other + " with another status" : "")
                + ", " + missing + " missing"));
    doc.bullets(items);
  }

  private static void tasks(Doc doc, Results results) {
    Experiment e = results.experiment();
    String metric = e.mainMetric();
    doc.heading(2, "Tasks and baselines");
    // Groups at one point usually share the task, so identical rows are merged.
    Set<List<String>> rows = new LinkedHashSet<>();
    for (Experiment.Group g : results.groups()) {
      rows.add(
          List.of(
              g.point().isEmpty() ? "all" : g.point().label(),
              g.task().isEmpty() ? NONE : g.task(),
              show(g.baselineOf(metric)),
              g.baselineDescription().isEmpty() ? NONE : g.baselineDescription()));
    }
    doc.table(
        List.of("Sweep point", "Task", "Baseline " + metric, "Baseline"), List.copyOf(rows), "llrl");
  }

  private static void mainTable(Doc doc, Results results) {
    Experiment e = results.experiment();
    String metric = e.mainMetric();
    doc.heading(2, "Results: " + metric);
    doc.paragraph(
        "Final test " + metric + " per group over its ok seeds: n, mean, its 95% confidence interval (Student's t "
            + "with n - 1 degrees of freedom, mean ± t sd / sqrt(n): meaningful at the few seeds a group has, where "
            + "a bootstrap percentile interval is too narrow, at 3 seeds exactly [min, max]; it assumes roughly normal "
            + "values across seeds and, being symmetric, may reach past a metric's range), median and interquartile "
            + "range (quartiles by linear "
            + "interpolation, as R and NumPy compute them), range. Diverged seeds are excluded from all "
            + "statistics and counted separately, and so are ok seeds without a finite " + metric
            + " (unmeasured). " + (e.lowerIsBetter() ? "Lower" : "Higher") + " is better.");
    List<List<String>> rows = new ArrayList<>();
    for (Summary.Row r : Summary.of(results, metric)) {
      Stats s = r.stats();
      Experiment.Group g = group(results, r.group());
      rows.add(
          List.of(
              Labels.group(g), // display name; summary.csv keeps the group id
              Integer.toString(s.n()),
              show(s.mean()),
              s.n() > 1 ? "[" + Num.sig(s.ciLow()) + ", " + Num.sig(s.ciHigh()) + "]" : NONE,
              show(s.median()),
              s.n() > 1 ? Num.sig(s.q1()) + " – " + Num.sig(s.q3()) : NONE,
              show(s.min()),
              show(s.max()),
              show(g.baselineOf(metric)),
              Integer.toString(r.unmeasured()),
              Integer.toString(results.count(r.group(), TrialRow.DIVERGED)),
              Integer.toString(results.missingCount(r.group()))));
    }
    doc.table(
        List.of("Group", "n", "mean", "95% CI", "median", "IQR", "min", "max", "baseline", "unmeasured", "diverged",
            "missing"),
        rows,
        "lrrrrrrrrrrr", "results");
  }

  private static void claims(Doc doc, List<ClaimResult> claims) {
    doc.heading(2, "Claims");
    if (claims.isEmpty()) {
      doc.paragraph("The spec makes no claims.");
      return;
    }
    long passed = claims.stream().filter(ClaimResult::passed).count();
    long open = claims.stream().filter(c -> !c.evaluated()).count();
    doc.paragraph(passed + " of " + claims.size() + " claims pass" + (open == 0 ? "." : "; " + open
        + " not evaluated: no trial of their groups has a result yet (a claim is judged only on results)."));
    List<List<String>> rows = new ArrayList<>();
    for (ClaimResult c : claims) {
      rows.add(List.of(c.text(), c.detail(), c.verdict().word()));
    }
    doc.table(List.of("Claim", "Measured", "Result"), rows, "lll");
  }

  private static void published(Doc doc, Experiment e) {
    doc.heading(2, "Published numbers");
    if (e.published().isEmpty()) {
      doc.paragraph("The spec cites no published numbers.");
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (Experiment.Published p : e.published()) {
      rows.add(List.of(p.claim(), p.value(), p.source()));
    }
    doc.table(List.of("Claim", "Value", "Source"), rows, "lll");
  }

  private static void tests(Doc doc, Results results, String metric, List<WelchTests.Comparison> tests) {
    doc.heading(2, "Tests: " + metric);
    if (tests.isEmpty()) {
      doc.paragraph("No two groups share a sweep point, so there is nothing to compare.");
      return;
    }
    doc.paragraph(
        "Between groups at the same sweep point, over ok seeds: Welch's t-test (two-sided, unequal variances, "
            + "Welch–Satterthwaite df) on the means and, beside it, the Mann–Whitney U test (two-sided; exact "
            + "p-value without ties, else the normal approximation) on the ranks, both from Apache Commons "
            + "Statistics. U counts the pairs in which A's value is the larger. p-values are not corrected for "
            + "multiple comparisons; with few seeds the tests have little power (with 5 and 5 seeds the smallest "
            + "possible Mann–Whitney p is 0.0079), so a large p is not evidence of no difference.");
    List<WelchTests.Comparison> shown = tests;
    if (tests.size() > MAX_ROWS) {
      // the clearest differences first; NaN p (a group without spread) last
      shown = tests.stream().sorted(java.util.Comparator.comparingDouble(
          (WelchTests.Comparison t) -> Double.isNaN(t.p()) ? Double.POSITIVE_INFINITY : t.p())).limit(SHOWN_ROWS)
          .toList();
      doc.links("All " + tests.size() + " comparisons", List.of(new Doc.Item("", CsvFiles.TESTS, CsvFiles.TESTS)));
      doc.paragraph("Below, the " + SHOWN_ROWS + " with the smallest Welch p.");
    }
    List<List<String>> rows = new ArrayList<>();
    for (WelchTests.Comparison t : shown) {
      rows.add(
          List.of(
              Labels.group(group(results, t.groupA())), Labels.group(group(results, t.groupB())),
              Integer.toString(t.nA()), Integer.toString(t.nB()),
              show(t.meanA()), show(t.meanB()), show(t.t()), show(t.df()), show(t.p()),
              show(t.medianA()), show(t.medianB()), show(t.u()), show(t.pU())));
    }
    doc.table(List.of("A", "B", "n A", "n B", "mean A", "mean B", "Welch t", "df", "p", "median A", "median B",
        "U", "p (U)"), rows, "llrrrrrrrrrrr", "tests");
  }

  private static void allMetrics(Doc doc, Results results) {
    List<String> metrics = results.metricNames();
    if (metrics.isEmpty()) {
      return;
    }
    doc.heading(2, "All final metrics");
    doc.paragraph("Mean ± sample standard deviation over ok seeds (n in parentheses when it differs from the "
        + "group's ok seeds; — where no seed measured it). Full statistics (with medians, quartiles and intervals) are in summary.csv.");
    List<String> header = new ArrayList<>();
    header.add("Group");
    header.addAll(metrics);
    List<List<String>> rows = new ArrayList<>();
    for (Experiment.Group g : results.groups()) {
      int ok = (int) results.trialsOf(g.label()).stream().filter(TrialRow::isOk).count();
      List<String> row = new ArrayList<>();
      row.add(Labels.group(g));
      for (String m : metrics) {
        Stats s = Stats.of(results.okValues(g.label(), m));
        row.add(allMetricsCell(s, ok));
      }
      rows.add(row);
    }
    doc.table(header, rows, "l" + "r".repeat(metrics.size()), "all_metrics");
  }

  private static void diverged(Doc doc, Results results) {
    doc.heading(2, "Diverged trials");
    List<List<String>> rows = new ArrayList<>();
    for (TrialRow c : results.trials()) {
      if (TrialRow.DIVERGED.equals(c.status())) {
        rows.add(
            List.of(
                c.group(), c.trial(), Integer.toString(c.seedIndex()),
                c.divergedAtStep() == null ? NONE : Long.toString(c.divergedAtStep())));
      }
    }
    if (rows.isEmpty()) {
      doc.paragraph("None.");
    } else if (rows.size() > MAX_ROWS) {
      // one line per group: how many diverged and how early
      Map<String, List<List<String>>> byGroup = new LinkedHashMap<>();
      rows.forEach(r -> byGroup.computeIfAbsent(r.get(0), k -> new ArrayList<>()).add(r));
      doc.paragraph(rows.size() + " trials diverged; excluded from every statistic above.");
      doc.links("Every one", List.of(new Doc.Item("", CsvFiles.DIVERGED, CsvFiles.DIVERGED)));
      doc.table(List.of("Group", "Diverged trials", "Earliest step"), byGroup.entrySet().stream()
          .map(g -> List.of(g.getKey(), Integer.toString(g.getValue().size()), earliest(g.getValue()))).toList(),
          "lrr");
    } else {
      doc.paragraph("Excluded from every statistic above; listed in diverged.csv.");
      doc.table(List.of("Group", "Trial", "Seed index", "Diverged at step"), rows, "llrr");
    }
    List<List<String>> others = new ArrayList<>();
    for (TrialRow c : results.trials()) {
      if (!c.isOk() && !TrialRow.DIVERGED.equals(c.status())) {
        others.add(List.of(c.group(), c.trial(), Integer.toString(c.seedIndex()), c.status()));
      }
    }
    if (!others.isEmpty()) {
      doc.paragraph("Trials with another status, also excluded:");
      doc.table(List.of("Group", "Trial", "Seed index", "Status"), others, "llrl");
    }
  }

  /** The smallest "diverged at step" (column 3) of {@code rows}, or {@link #NONE}. */
  private static String earliest(List<List<String>> rows) {
    return rows.stream().map(r -> r.get(3)).filter(s -> !s.equals(NONE)).map(Long::valueOf).min(Long::compare)
        .map(String::valueOf).orElse(NONE);
  }

  private static void missing(Doc doc, Results results) {
    doc.heading(2, "Missing trials");
    if (results.missing().isEmpty()) {
      doc.paragraph("None: every planned trial has a result.");
      return;
    }
    doc.paragraph("Planned trials without a usable result; the statistics above use the trials that have one. "
        + "A result counts only if it ran with the config the spec gives now and its files match their digests.");
    doc.table(
        List.of("Group", "Trial", "Why"),
        results.missing().stream().map(m -> List.of(m.group(), m.trial(), m.reason())).toList(),
        "lll");
  }

  private static void provenance(Doc doc, Results results) {
    Experiment e = results.experiment();
    doc.heading(2, "Provenance");
    List<TrialRow> trials = results.trials();
    List<Doc.Item> items = new ArrayList<>();
    if (e.specSha256() != null) {
      items.add(item("Spec sha256", e.specSha256()));
    }
    Set<String> trialSpecs = new LinkedHashSet<>();
    trials.forEach(c -> trialSpecs.add(c.provenance().specSha256()));
    trialSpecs.remove(null);
    // Only trials whose configs equal the current plan's are read, so another spec file only differed
    // elsewhere (labels, wording, claims, other trials): worth saying, not a warning.
    if (!trialSpecs.isEmpty() && !trialSpecs.equals(Set.of(String.valueOf(e.specSha256())))) {
      items.add(item("Spec files the trials ran with (their configs equal this spec's)",
          counted(trials, c -> c.provenance().specSha256())));
    }
    items.add(item("Code version of the run", e.codeVersion() == null ? NONE : e.codeVersion()));
    items.add(item("Code versions of trials", orNone(counted(trials, c -> c.provenance().codeVersion()))));
    if (trials.stream().anyMatch(c -> c.provenance().precision() != null)) { // recorded since issue 21
      items.add(item("Arithmetic", counted(trials, c -> Objects.requireNonNullElse(c.provenance().precision(),
          "float64 (not recorded)"))));
    }
    items.add(item("JVM", orNone(counted(trials, c -> c.provenance().jvm()))));
    items.add(item("OS", orNone(counted(trials, c -> c.provenance().os()))));
    items.add(item("CPU", orNone(counted(trials, c -> c.provenance().cpu()))));
    items.add(
        item("Threads", orNone(counted(trials, c -> Objects.toString(c.provenance().threads(), null)))));
    double total = 0;
    int timed = 0;
    for (TrialRow c : trials) {
      Double w = c.provenance().wallSeconds();
      if (w != null && Double.isFinite(w)) {
        total += w;
        timed++;
      }
    }
    items.add(
        item(
            "Trial time",
            timed == 0
                ? NONE
                : Num.show(total) + " s of wall time summed over " + timed + " trials, "
                    + Num.show(total / timed) + " s per trial on average (trials run in parallel, one per job)"));
    doc.bullets(items);
  }

  private static void trials(Doc doc, Results results) {
    String metric = results.experiment().mainMetric();
    doc.heading(2, "Trials");
    if (results.trials().size() > MAX_ROWS) {
      Map<String, Integer> byStatus = new LinkedHashMap<>();
      results.trials().forEach(t -> byStatus.merge(t.status(), 1, Integer::sum));
      List<String> counts = new ArrayList<>();
      byStatus.forEach((s, n) -> counts.add(n + " " + s));
      doc.paragraph(results.trials().size() + " trials with a result (" + String.join(", ", counts) + ").");
      doc.links("Every trial with its seed, status, final metrics, wall time and config digest",
          List.of(new Doc.Item("", CsvFiles.TRIALS, CsvFiles.TRIALS)));
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (TrialRow c : results.trials()) {
      String sha = c.configSha256() == null ? NONE : c.configSha256();
      rows.add(
          List.of(
              c.trial(), c.group(), Integer.toString(c.seedIndex()), c.status(),
              show(c.metric(metric)),
              c.provenance().wallSeconds() == null ? NONE : Num.show(c.provenance().wallSeconds()),
              sha.length() > 12 ? sha.substring(0, 12) : sha));
    }
    doc.table(
        // the derived 64-bit seed is in trials.csv and `rnnlab show`: a reader identifies a seed by its index
        List.of("Trial", "Group", "Seed index", "Status", metric, "Wall s", "Config sha256"),
        rows,
        "llrlrrl");
  }

  /** Distinct values with their counts, "a (3 trials), b (1 trial)"; "" if there are none. */
  private static String counted(List<TrialRow> trials, Function<TrialRow, String> field) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (TrialRow c : trials) {
      String v = field.apply(c);
      if (v != null) {
        counts.merge(v, 1, Integer::sum);
      }
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((v, n) -> parts.add(v + " (" + n + (n == 1 ? " trial)" : " trials)")));
    return String.join(", ", parts);
  }

  private static Experiment.Group group(Results results, String label) {
    return results.groups().stream().filter(g -> g.label().equals(label)).findFirst().orElseThrow();
  }

  /**
   * A cell of the all-metrics table: mean ± sd, with n when fewer than the group's {@code ok} seeds measured
   * it; "—" alone when none did (a count of 0 beside it would say nothing more).
   */
  static String allMetricsCell(Stats s, int ok) {
    return s.n() == 0 ? NONE : meanSd(s) + (s.n() != ok ? " (" + s.n() + ")" : "");
  }

  private static String meanSd(Stats s) {
    if (s.n() == 0) {
      return NONE;
    }
    return s.n() == 1 ? Num.sig(s.mean()) : Num.sig(s.mean()) + " ± " + Num.sig(s.sd());
  }

  private static String show(double v) {
    return Double.isNaN(v) ? NONE : Num.sig(v);
  }

  private static String orNone(String s) {
    return s.isEmpty() ? NONE : s;
  }

  private static String profile(Experiment e) {
    return e.profile() == null ? "none (full run)" : e.profile();
  }

  private static Doc.Item item(String label, String text) {
    return new Doc.Item(label, text, null);
  }
}
