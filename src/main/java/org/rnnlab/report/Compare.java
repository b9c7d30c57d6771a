package org.rnnlab.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.rnnlab.results.PlanRecord;
import org.rnnlab.results.ResultsException;
import org.rnnlab.results.ResultsStore;

/**
 * Two results directories side by side: two experiments, or two runs of one experiment at
 * different code versions. For every group both have (same label), the metric's n, mean and median
 * on each side, the difference and ratio of the means (B relative to A), Welch's and Mann-Whitney's
 * p, and whether the trials ran with identical resolved configs. Each side is read with its own
 * plan.json, so a result counts only for the config it was planned with.
 */
public final class Compare {
  private Compare() {}

  /** One shared group. */
  public record Row(String group, WelchTests.Comparison test, boolean sameConfigs) {}

  /** The comparison. */
  public record Table(String nameA, String nameB, String codeA, String codeB, String metric, List<Row> rows,
                      List<String> onlyA, List<String> onlyB) {}

  /** Compares {@code metric} (null: A's main metric) between the results in {@code a} and {@code b}. */
  public static Table of(Path a, Path b, String metric) throws IOException {
    PlanRecord planA = plan(a);
    PlanRecord planB = plan(b);
    Results ra = ResultsReader.read(planA, new ResultsStore(a));
    Results rb = ResultsReader.read(planB, new ResultsStore(b));
    String m = metric != null ? metric : planA.mainMetric();
    Set<String> labelsB = new LinkedHashSet<>();
    rb.groups().forEach(g -> labelsB.add(g.label()));
    List<Row> rows = new ArrayList<>();
    List<String> onlyA = new ArrayList<>();
    for (Experiment.Group g : ra.groups()) {
      if (!labelsB.remove(g.label())) {
        onlyA.add(g.label());
        continue;
      }
      WelchTests.Comparison t = WelchTests.compare(g.label(), g.label(), m, ra.okValues(g.label(), m),
          rb.okValues(g.label(), m));
      rows.add(new Row(g.label(), t, configs(planA, g.label()).equals(configs(planB, g.label()))));
    }
    return new Table(name(planA, a), name(planB, b), planA.codeVersion(), planB.codeVersion(), m, rows, onlyA,
        List.copyOf(labelsB));
  }

  /**
   * The final metrics both sides record (some group of A and some group of B, per their plan.json), in
   * A's order: what {@code compare --metric} may name.
   */
  public static List<String> metrics(Path a, Path b) throws ResultsException {
    Set<String> inB = recorded(plan(b));
    return recorded(plan(a)).stream().filter(inB::contains).toList();
  }

  /** A's main metric (what is compared without --metric). */
  public static String mainMetric(Path a) throws ResultsException {
    return plan(a).mainMetric();
  }

  private static Set<String> recorded(PlanRecord p) {
    Set<String> out = new LinkedHashSet<>();
    p.groups().forEach(g -> out.addAll(g.metrics()));
    return out;
  }

  private static PlanRecord plan(Path dir) throws ResultsException {
    return new ResultsStore(dir).readPlan();
  }

  private static String name(PlanRecord p, Path dir) {
    return p.name() + (p.profile() == null ? "" : "." + p.profile()) + " (" + dir + ")";
  }

  private static List<String> configs(PlanRecord p, String group) {
    return p.trials().stream().filter(t -> t.group().equals(group)).map(PlanRecord.PlannedTrial::configSha256)
        .toList();
  }

  /** The header of the comparison table. */
  public static List<String> header() {
    return List.of("group", "n A", "mean A", "median A", "n B", "mean B", "median B", "B − A", "B / A", "Welch p",
        "Mann–Whitney p", "configs");
  }

  /** The rows as text, numbers with 3 significant digits. */
  public static List<List<String>> textRows(Table t) {
    List<List<String>> out = new ArrayList<>();
    for (Row r : t.rows()) {
      WelchTests.Comparison c = r.test();
      out.add(List.of(r.group(), Integer.toString(c.nA()), show(c.meanA()), show(c.medianA()),
          Integer.toString(c.nB()), show(c.meanB()), show(c.medianB()), show(c.meanB() - c.meanA()),
          show(c.meanB() / c.meanA()), show(c.p()), show(c.pU()), r.sameConfigs() ? "same" : "differ"));
    }
    return out;
  }

  /** The table as Markdown (GitHub) or LaTeX (booktabs). */
  public static String render(Table t, String format) {
    Doc.Table table = new Doc.Table(header(), textRows(t), "lrrrrrrrrrrl", null);
    return switch (format) {
      case "latex" -> LatexTable.render(table, "rnnlab compare: A = " + t.nameA() + ", B = " + t.nameB() + ", "
          + t.metric());
      case "markdown" -> MarkdownReport.table(table);
      default -> throw new IllegalArgumentException("format " + format);
    };
  }

  private static String show(double v) {
    return Double.isNaN(v) ? "—" : Num.sig(v);
  }
}
