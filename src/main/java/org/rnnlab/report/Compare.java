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
import org.rnnlab.results.TrialArchive;

/**
 * Two runs side by side (results directories or reports' trial records): two experiments, or two
 * runs of one experiment at different code versions. For every group both have (same label), the
 * metric's n, mean and median on each side, the difference and ratio of the means (B relative to
 * A), Welch's and Mann-Whitney's p, and whether the trials ran with identical resolved configs.
 * Each side is read with its own plan (plan.json, or the one its record holds), so a result counts
 * only for the config it was planned with.
 */
public final class Compare {
  private Compare() {}

  /** One shared group. */
  public record Row(String group, WelchTests.Comparison test, boolean sameConfigs) {}

  /** The comparison. */
  public record Table(String nameA, String nameB, String codeA, String codeB, String metric, List<Row> rows,
                      List<String> onlyA, List<String> onlyB) {}

  /**
   * One side of a comparison: the plan and trials of a results directory or of a report's trial
   * record ({@link TrialArchive}), and how the side is named in the table.
   */
  public record Side(String name, PlanRecord plan, TrialArchive.Contents trials) {
    /** The results in {@code dir} (with plan.json), read against that plan. */
    public static Side ofResults(Path dir) throws IOException {
      ResultsStore store = new ResultsStore(dir);
      PlanRecord plan = store.readPlan();
      return new Side(Compare.name(plan, dir), plan, TrialArchive.snapshot(plan, store));
    }

    /** The trials of a report's trial record {@code file}, with the plan the report presented. */
    public static Side ofRecord(Path file) throws ResultsException {
      TrialArchive.Contents c = TrialArchive.read(file);
      return new Side(Compare.name(c.plan(), file), c.plan(), c);
    }
  }

  /** Compares {@code metric} (null: A's main metric) between the trials of {@code a} and {@code b}. */
  public static Table of(Side a, Side b, String metric) {
    PlanRecord planA = a.plan();
    PlanRecord planB = b.plan();
    Results ra = ResultsReader.read(planA, a.trials());
    Results rb = ResultsReader.read(planB, b.trials());
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
    return new Table(a.name(), b.name(), planA.codeVersion(), planB.codeVersion(), m, rows, onlyA,
        List.copyOf(labelsB));
  }

  /**
   * The final metrics both sides record (some group of A and some group of B, per their plans), in
   * A's order: what {@code compare --metric} may name.
   */
  public static List<String> metrics(Side a, Side b) {
    Set<String> inB = recorded(b.plan());
    return recorded(a.plan()).stream().filter(inB::contains).toList();
  }

  private static Set<String> recorded(PlanRecord p) {
    Set<String> out = new LinkedHashSet<>();
    p.groups().forEach(g -> out.addAll(g.metrics()));
    return out;
  }

  private static String name(PlanRecord p, Path where) {
    return p.name() + (p.profile() == null ? "" : "." + p.profile()) + " (" + where + ")";
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
