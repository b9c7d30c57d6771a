package org.rnnlab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.results.Measures;

/**
 * The table a reader looks for first: one row per sweep point (a task), one column per variant,
 * each cell the main metric's mean over the ok seeds with its 95% bootstrap percentile interval
 * (which stays inside the data's range), and the task's trivial baseline. The report puts it at
 * the top; the CLI prints it after a run and in its JSON summary.
 *
 * @param metric the main metric
 * @param variants the columns, in plan order
 * @param rows one per sweep point, in plan order
 */
public record Headline(String metric, String metricLabel, List<String> variants, List<Row> rows) {
  /** What a cell shows, for captions. */
  public static final String CELL_RULE = "mean over ok seeds [95% bootstrap percentile interval of the mean, "
      + Bootstrap.RESAMPLES + " resamples]";

  /** One sweep point: its label in words, the baseline and a cell per variant (null where no group). */
  public record Row(String point, double baseline, List<Cell> cells) {}

  /** One group's statistics; n = 0 means no ok seed. */
  public record Cell(String group, int n, double mean, double low, double high, int diverged, int missing) {
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
    List<String> variants = new ArrayList<>();
    for (Experiment.Group g : results.groups()) {
      if (!variants.contains(g.variant())) {
        variants.add(g.variant());
      }
    }
    List<Row> rows = new ArrayList<>();
    Map<String, String> kinds = new LinkedHashMap<>();
    for (Point p : results.points()) {
      List<Experiment.Group> at = results.groupsAt(p);
      List<Cell> cells = new ArrayList<>();
      for (String v : variants) {
        Experiment.Group g = at.stream().filter(x -> x.variant().equals(v)).findFirst().orElse(null);
        if (g == null) {
          cells.add(null);
          continue;
        }
        Stats s = Stats.of(results.okValues(g.label(), metric));
        cells.add(new Cell(g.label(), s.n(), s.mean(), s.bootLow(), s.bootHigh(),
            results.count(g.label(), TrialRow.DIVERGED), results.missingCount(g.label())));
      }
      String label = at.isEmpty() || p.isEmpty() ? "all" : Labels.point(at.get(0));
      rows.add(new Row(label, at.isEmpty() ? Double.NaN : at.get(0).baselineOf(metric), cells));
      if (metric.equals(Measures.LOSS)) {
        String k = Labels.lossKind(results, at);
        if (k != null) {
          kinds.put(Labels.name(k), label);
        }
      }
    }
    String label = "test " + Labels.name(metric) + (kinds.isEmpty() ? "" : " (" + String.join(" / ", kinds.keySet())
        + ")");
    return new Headline(metric, label, List.copyOf(variants), List.copyOf(rows));
  }

  /** The header: {@code firstColumn}, the variants, "baseline". */
  public List<String> header(String firstColumn) {
    List<String> h = new ArrayList<>();
    h.add(firstColumn);
    h.addAll(variants);
    h.add("baseline");
    return h;
  }

  /** The rows as text cells, in the order of {@link #header}. */
  public List<List<String>> textRows() {
    List<List<String>> out = new ArrayList<>();
    for (Row r : rows) {
      List<String> row = new ArrayList<>();
      row.add(r.point());
      for (Cell c : r.cells()) {
        row.add(c == null ? "" : c.text());
      }
      row.add(Double.isNaN(r.baseline()) ? "—" : Num.sig(r.baseline()));
      out.add(row);
    }
    return out;
  }
}
