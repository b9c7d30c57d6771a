package org.rnnlab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.results.Measures;

/**
 * The table a reader looks for first: one row per sweep point (a task), one column per variant,
 * each cell the main metric's mean over the ok seeds with its 95% Student's t interval (the one
 * interval of every table and error bar of a report), and the tasks' baselines of the main metric (the trivial
 * one and any other a task reports, e.g. a linear model's {@code linear_nrmse}). A baseline is shown
 * where it is one number: as a column when the groups of each row share it, as a row when the groups
 * of each variant do, else in each cell; and every baseline that beats a group is named
 * ({@link #beatenBy}). The report puts it at the top; the CLI prints it after a run and in its JSON summary.
 *
 * @param metric the main metric
 * @param variants the columns: the variants' display names, in plan order
 * @param rows one per sweep point, in plan order
 * @param kinds the baselines of the main metric the groups have (keys of the task baseline), the trivial one first
 * @param lowerIsBetter whether a lower value of the metric is better
 * @param transposed whether the columns are the sweep points and the rows the variants (report.headline_columns
 *     "sweep"); {@code variants} and {@code rows} are then the table's columns and rows all the same
 */
public record Headline(String metric, String metricLabel, List<String> variants, List<Row> rows, List<String> kinds,
                       boolean lowerIsBetter, boolean transposed) {
  /** A headline with a column per variant (or factor level) and a row per sweep point (or other levels). */
  public Headline(String metric, String metricLabel, List<String> variants, List<Row> rows, List<String> kinds,
                  boolean lowerIsBetter) {
    this(metric, metricLabel, variants, rows, kinds, lowerIsBetter, false);
  }

  /** What a cell shows, for captions. */
  public static final String CELL_RULE = "mean over ok seeds [95% confidence interval of the mean, Student's t with "
      + "n - 1 df]";

  /**
   * One sweep point: its label in words, its trivial baseline where all its groups share it (else NaN) and a
   * cell per variant (null where no group).
   */
  public record Row(String point, double baseline, List<Cell> cells) {}

  /** One group's statistics; n = 0 means no ok seed; {@code baselines}: the group's baselines of the metric by kind. */
  public record Cell(String group, int n, double mean, double low, double high, int diverged, int missing,
                     Map<String, Double> baselines) {
    /** "0.172 [0.166, 0.178]", "0.172" for one seed, "—" for none. */
    public String text() {
      if (n == 0) {
        return "—";
      }
      return n == 1 ? Num.sig(mean) : Num.sig(mean) + " [" + Num.sig(low) + ", " + Num.sig(high) + "]";
    }
  }

  /** The headline of {@code results}. */
  public static Headline of(Results results) {
    Experiment e = results.experiment();
    String metric = e.mainMetric();
    List<Row> rows = new ArrayList<>();
    Map<String, String> kinds = new LinkedHashMap<>();
    java.util.Set<String> baselineKinds = new java.util.LinkedHashSet<>();
    List<String> names = new ArrayList<>(); // the columns' display names
    String columnFactor = columnFactor(results);
    if (columnFactor != null) {
      // one sweep point and crossed factors: one factor's levels as columns, the others' combinations as rows
      List<String> columns = new ArrayList<>();
      Map<String, Map<String, Experiment.Group>> byRow = new LinkedHashMap<>();
      for (Experiment.Group g : results.groups()) {
        String column = g.factors().get(columnFactor);
        if (!columns.contains(column)) {
          columns.add(column);
          names.add(g.levelLabels().get(columnFactor));
        }
        List<String> rest = new ArrayList<>();
        g.levelLabels().forEach((f, l) -> {
          if (!f.equals(columnFactor)) {
            rest.add(l);
          }
        });
        byRow.computeIfAbsent(String.join(", ", rest), k -> new LinkedHashMap<>()).put(column, g);
      }
      byRow.forEach((label, groups) -> {
        List<Cell> cells = new ArrayList<>();
        for (String c : columns) {
          Experiment.Group g = groups.get(c);
          cells.add(g == null ? null : cell(results, g, metric, baselineKinds));
        }
        rows.add(new Row(label, shared(cells, metric), cells));
      });
    } else {
      List<String> variants = new ArrayList<>();
      for (Experiment.Group g : results.groups()) {
        if (!variants.contains(g.variant())) {
          variants.add(g.variant());
          names.add(g.display());
        }
      }
      for (Point p : results.points()) {
        List<Experiment.Group> at = results.groupsAt(p);
        List<Cell> cells = new ArrayList<>();
        for (String v : variants) {
          Experiment.Group g = at.stream().filter(x -> x.variant().equals(v)).findFirst().orElse(null);
          cells.add(g == null ? null : cell(results, g, metric, baselineKinds));
        }
        String label = at.isEmpty() || p.isEmpty() ? "all" : Labels.point(at.get(0));
        rows.add(new Row(label, shared(cells, metric), cells));
        if (metric.equals(Measures.LOSS)) {
          String k = Labels.lossKind(results, at);
          if (k != null) {
            kinds.put(Labels.name(k), label);
          }
        }
      }
    }
    String label = "test " + Labels.name(metric) + (kinds.isEmpty() ? "" : " (" + String.join(" / ", kinds.keySet())
        + ")");
    List<String> ordered = new ArrayList<>();
    if (baselineKinds.remove(metric)) {
      ordered.add(metric);
    }
    ordered.addAll(baselineKinds);
    Headline h = new Headline(metric, label, List.copyOf(names), List.copyOf(rows), List.copyOf(ordered),
        e.lowerIsBetter());
    return columnFactor == null && transposed(results) ? h.transpose() : h; // the spec asks for points as columns
  }

  /** This table with its columns as rows and its rows as columns, {@link #transposed} flipped. */
  Headline transpose() {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < variants.size(); i++) {
      List<Cell> cells = column(i);
      out.add(new Row(variants.get(i), shared(cells, metric), cells));
    }
    return new Headline(metric, metricLabel, rows.stream().map(Row::point).toList(), out, kinds, lowerIsBetter,
        !transposed);
  }

  /** The kinds of a measured baseline metric {@code <kind>_<metric>}: n-gram models (unigram, kn3, kn5 ...). */
  private static final java.util.regex.Pattern MEASURED_BASELINE = java.util.regex.Pattern.compile("unigram|[a-z]+[0-9]+");

  /**
   * The factor whose levels are the columns of a pivoted table (the spec's report.headline_columns, else the
   * first factor), or null when the table does not pivot: it needs one sweep point and every group crossed
   * from two or more factors, that one among them.
   */
  static String columnFactor(Results results) {
    if (results.points().size() != 1 || results.groups().isEmpty()
        || !results.groups().stream().allMatch(g -> g.levelLabels().size() >= 2)) {
      return null;
    }
    String chosen = results.experiment().headlineColumns();
    List<String> order = new ArrayList<>(results.groups().get(0).levelLabels().keySet());
    return chosen == null ? order.get(0) : order.contains(chosen) ? chosen : null;
  }

  /** Whether the spec asks for the sweep points as columns and a row per variant. */
  static boolean transposed(Results results) {
    return SWEEP.equals(results.experiment().headlineColumns()) && !results.experiment().sweep().isEmpty();
  }

  /** The value of report.headline_columns that puts the sweep points in the columns. */
  public static final String SWEEP = "sweep";

  /** One group's cell: the metric's statistics and the group's baselines of it. */
  private static Cell cell(Results results, Experiment.Group g, String metric, java.util.Set<String> baselineKinds) {
    Stats s = Stats.of(results.okValues(g.label(), metric));
    Map<String, Double> base = new LinkedHashMap<>();
    g.baseline().forEach((k, b) -> {
      if ((k.equals(metric) || k.endsWith("_" + metric)) && b != null && Double.isFinite(b)) {
        base.put(k, b);
      }
    });
    // a final metric <kind>_<metric> that the trials measure beside the model, where kind names an n-gram
    // model (a language model's unigram_bpc, kn5_bpc), is a baseline too, at its mean over the group's ok
    // seeds; other <prefix>_<metric> names (sequence_accuracy, sentence_accuracy) are the model's own
    for (String m : results.metricNames()) {
      if (m.endsWith("_" + metric) && !m.contains(".") && !base.containsKey(m)
          && MEASURED_BASELINE.matcher(m.substring(0, m.length() - metric.length() - 1)).matches()) {
        double[] measured = results.okValues(g.label(), m);
        if (measured.length > 0) {
          base.put(m, java.util.Arrays.stream(measured).average().orElseThrow());
        }
      }
    }
    baselineKinds.addAll(base.keySet());
    return new Cell(g.label(), s.n(), s.mean(), s.ciLow(), s.ciHigh(), results.count(g.label(), TrialRow.DIVERGED),
        results.missingCount(g.label()), Map.copyOf(base));
  }

  /** The value of baseline {@code kind} every group of {@code cells} shares, NaN if they differ or have none. */
  private static double shared(List<Cell> cells, String kind) {
    Double v = null;
    for (Cell c : cells) {
      if (c == null) {
        continue;
      }
      Double b = c.baselines().get(kind);
      if (b == null || v != null && !v.equals(b)) {
        return Double.NaN;
      }
      v = b;
    }
    return v == null ? Double.NaN : v;
  }

  /** How the baselines are laid out. */
  enum Layout { COLUMNS, ROWS, CELLS }

  /** Columns when every row's groups share each baseline, else rows when every variant's groups do, else cells. */
  Layout layout() {
    boolean columns = kinds.stream().allMatch(k -> rows.stream().allMatch(r -> Double.isFinite(shared(r.cells(), k))
        || r.cells().stream().allMatch(c -> c == null || !c.baselines().containsKey(k))));
    if (columns) {
      return Layout.COLUMNS;
    }
    boolean perVariant = kinds.stream().allMatch(k -> java.util.stream.IntStream.range(0, variants.size())
        .allMatch(i -> Double.isFinite(shared(column(i), k)) || column(i).stream().allMatch(c -> c == null
            || !c.baselines().containsKey(k))));
    return perVariant ? Layout.ROWS : Layout.CELLS;
  }

  private List<Cell> column(int i) {
    return rows.stream().map(r -> r.cells().get(i)).toList();
  }

  /** A baseline's name in a table: "baseline" for the trivial one, "baseline linear" for linear_nrmse. */
  String kindLabel(String kind) {
    return kind.equals(metric) ? "baseline" : "baseline " + kind.substring(0, kind.length() - metric.length() - 1)
        .replace('_', ' ');
  }

  /** The header: {@code firstColumn}, the variants, and a column per baseline when they are columns. */
  public List<String> header(String firstColumn) {
    List<String> h = new ArrayList<>();
    h.add(firstColumn);
    h.addAll(variants);
    if (layout() == Layout.COLUMNS) {
      kinds.forEach(k -> h.add(kindLabel(k)));
    }
    return h;
  }

  /** The rows as text cells, in the order of {@link #header}, then a row per baseline when they are rows. */
  public List<List<String>> textRows() {
    Layout layout = layout();
    List<List<String>> out = new ArrayList<>();
    for (Row r : rows) {
      List<String> row = new ArrayList<>();
      row.add(r.point());
      for (Cell c : r.cells()) {
        row.add(c == null ? "" : layout == Layout.CELLS ? c.text() + baselinesInCell(c) : c.text());
      }
      if (layout == Layout.COLUMNS) {
        for (String k : kinds) {
          double b = shared(r.cells(), k);
          row.add(Double.isNaN(b) ? "—" : Num.sig(b));
        }
      }
      out.add(row);
    }
    if (layout == Layout.ROWS) {
      for (String k : kinds) {
        List<String> row = new ArrayList<>();
        row.add(kindLabel(k));
        for (int i = 0; i < variants.size(); i++) {
          double b = shared(column(i), k);
          row.add(Double.isNaN(b) ? "—" : Num.sig(b));
        }
        out.add(row);
      }
    }
    return out;
  }

  private String baselinesInCell(Cell c) {
    List<String> parts = new ArrayList<>();
    kinds.stream().filter(c.baselines()::containsKey).forEach(k -> parts.add(kindLabel(k) + " "
        + Num.sig(c.baselines().get(k))));
    return parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")";
  }

  /**
   * Every baseline that beats a group's mean, in words, one entry per baseline and variant: "baseline linear
   * (0.00163) beats Mackey-Glass in 24 of 24 groups (means 0.00550–0.167)", "baseline (0.167) beats LSTM in 1 of
   * 5 groups: adding problem, T=400 (0.168 against 0.167)"; empty when none does.
   */
  public List<String> beatenBy() {
    if (transposed) {
      return transpose().beatenBy(); // said of the variants, which are the rows here
    }
    List<String> out = new ArrayList<>();
    for (String k : kinds) {
      List<String> parts = new ArrayList<>();
      List<String> values = new ArrayList<>();
      int everywhere = 0;
      int measured = 0;
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < variants.size(); i++) {
        int with = 0;
        List<String> where = new ArrayList<>(); // the beaten groups: "row (mean)"
        double mlo = Double.POSITIVE_INFINITY;
        double mhi = Double.NEGATIVE_INFINITY;
        double vlo = Double.POSITIVE_INFINITY;
        double vhi = Double.NEGATIVE_INFINITY;
        for (Row r : rows) {
          Cell c = r.cells().get(i);
          if (c == null || c.n() == 0 || !c.baselines().containsKey(k)) {
            continue;
          }
          double b = c.baselines().get(k);
          with++;
          lo = Math.min(lo, b);
          hi = Math.max(hi, b);
          vlo = Math.min(vlo, b);
          vhi = Math.max(vhi, b);
          if (lowerIsBetter ? b < c.mean() : b > c.mean()) {
            where.add(r.point() + " (" + apart(c.mean(), b) + ")");
            mlo = Math.min(mlo, c.mean());
            mhi = Math.max(mhi, c.mean());
          }
        }
        int beaten = where.size();
        measured += with > 0 ? 1 : 0;
        everywhere += with > 0 && beaten == with ? 1 : 0;
        if (beaten > 0) {
          values.add(range(vlo, vhi));
          // the beaten groups by name while they are few, else how many and their means' range
          parts.add(variants.get(i) + (with == 1 ? " (mean " + Num.sig(mlo) + ")"
              : " in " + beaten + " of " + with + " groups" + (beaten <= 3 ? ": " + String.join("; ", where)
              : " (means " + range(mlo, mhi) + ")")));
        }
      }
      if (parts.isEmpty()) {
        continue;
      }
      if (lo == hi) {
        out.add(kindLabel(k) + " (" + Num.sig(lo) + ") beats " + (everywhere == measured && measured > 1
            ? "every variant in every group: " : "") + String.join(", ", parts));
      } else {
        for (int j = 0; j < parts.size(); j++) {
          out.add(kindLabel(k) + " (" + values.get(j) + ") beats " + parts.get(j));
        }
      }
    }
    return out;
  }

  /** "m against b" with as many significant digits (3 to 8) as it takes to tell them apart. */
  static String apart(double mean, double baseline) {
    int digits = Num.TABLE_DIGITS;
    while (digits < 8 && Num.show(mean, digits).equals(Num.show(baseline, digits))) {
      digits++;
    }
    return digits == Num.TABLE_DIGITS ? Num.sig(mean) + " against " + Num.sig(baseline)
        : Num.show(mean, digits) + " against " + Num.show(baseline, digits);
  }

  private static String range(double lo, double hi) {
    return lo == hi ? Num.sig(lo) : Num.sig(lo) + "–" + Num.sig(hi);
  }
}
