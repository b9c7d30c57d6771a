package org.rnnlab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnnlab.results.SeriesRow;

/**
 * What the charts of recorded series share: selecting groups, reading one named series of a trial
 * step by step, quartiles over seeds, and drawing a median line with its interquartile band.
 * Medians and quartiles rather than mean ± sd because the series span decades and are drawn on a
 * log axis, where a mean is dominated by the largest seed and a band of ±sd may reach below zero.
 */
final class SeriesCharts {
  private SeriesCharts() {}

  static final BasicStroke THIN = new BasicStroke(1f);

  /** The groups of {@code variants} (empty: all) whose sweep point matches {@code where}, in plan order. */
  static List<Experiment.Group> select(Results results, List<String> variants, Map<String, Object> where) {
    Point w = Point.ofValues(where);
    return results.groups().stream()
        .filter(g -> variants.isEmpty() || variants.contains(g.variant()))
        .filter(g -> g.point().matches(w))
        .toList();
  }

  /** The groups of each chart: one chart per sweep point that has selected groups, or one with all of them. */
  static List<List<Experiment.Group>> charts(Results results, List<Experiment.Group> selected, boolean perPoint) {
    List<List<Experiment.Group>> charts = new ArrayList<>();
    if (perPoint) {
      for (Point p : results.points()) {
        List<Experiment.Group> at = selected.stream().filter(g -> g.point().equals(p)).toList();
        if (!at.isEmpty()) {
          charts.add(at);
        }
      }
    } else if (!selected.isEmpty()) {
      charts.add(selected);
    }
    return charts;
  }

  /** Series {@code name} of {@code trial}: step to its values by index, steps in order. */
  static TreeMap<Long, double[]> steps(Results results, String trial, String name) {
    return byStep(results.seriesRows(trial, name));
  }

  /** As {@link #steps}, its first and last steps only (what is drawn at initialisation and after training). */
  static TreeMap<Long, double[]> ends(Results results, String trial, String name) {
    return byStep(results.seriesEnds(trial, name));
  }

  private static TreeMap<Long, double[]> byStep(List<SeriesRow> seriesRows) {
    TreeMap<Long, List<SeriesRow>> rows = new TreeMap<>();
    for (SeriesRow r : seriesRows) {
      rows.computeIfAbsent(r.step(), s -> new ArrayList<>()).add(r);
    }
    TreeMap<Long, double[]> out = new TreeMap<>();
    rows.forEach((step, list) -> {
      int n = list.stream().mapToInt(SeriesRow::index).max().orElse(-1) + 1;
      double[] v = new double[n];
      java.util.Arrays.fill(v, Double.NaN);
      list.forEach(r -> v[r.index()] = r.value());
      out.put(step, v);
    });
    return out;
  }

  /** Lower quartile, median and upper quartile of the finite values; null if there are none. */
  static double[] quartiles(List<Double> values) {
    double[] v = values.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).toArray();
    if (v.length == 0) {
      return null;
    }
    // the report's one quantile rule (Stats.quantile), as for the tables' quartiles
    return new double[] {Stats.quantile(v, 0.25), Stats.quantile(v, 0.5), Stats.quantile(v, 0.75)};
  }

  /** One line: x, the median and the quartiles at each x. */
  record Band(double[] x, double[] lo, double[] mid, double[] hi) {
    boolean isEmpty() {
      return x.length == 0;
    }

    /** The band with every y as its log10, for {@link Charts#log10Axis}. */
    Band log10() {
      return new Band(x, Charts.log10(lo), Charts.log10(mid), Charts.log10(hi));
    }

    /** Every y of the band: quartiles and median. */
    double[] ys() {
      double[] out = new double[3 * x.length];
      System.arraycopy(lo, 0, out, 0, x.length);
      System.arraycopy(mid, 0, out, x.length, x.length);
      System.arraycopy(hi, 0, out, 2 * x.length, x.length);
      return out;
    }
  }

  /**
   * The quartiles over the vectors of {@code perSeed} at every index (x = {@code xOf} of the index),
   * keeping only indices where at least one seed has a value that a log axis can show when {@code log}.
   */
  static Band band(List<double[]> perSeed, java.util.function.IntToDoubleFunction xOf, boolean log) {
    int n = perSeed.stream().mapToInt(v -> v.length).max().orElse(0);
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<Double> at = new ArrayList<>();
      for (double[] v : perSeed) {
        if (i < v.length && Double.isFinite(v[i]) && (!log || v[i] > 0)) {
          at.add(v[i]);
        }
      }
      double[] q = quartiles(at);
      if (q != null) {
        rows.add(new double[] {xOf.applyAsDouble(i), q[0], q[1], q[2]});
      }
    }
    rows.sort((a, b) -> Double.compare(a[0], b[0]));
    double[][] cols = new double[4][rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      for (int c = 0; c < 4; c++) {
        cols[c][i] = rows.get(i)[c];
      }
    }
    return new Band(cols[0], cols[1], cols[2], cols[3]);
  }

  /** Draws the median as a line (solid or dashed) and the quartiles as a translucent band behind it. */
  static void draw(XYChart chart, String name, Band b, Color color, boolean dashed) {
    draw(chart, name, name, b, color, dashed);
  }

  /** As {@link #draw(XYChart, String, Band, Color, boolean)}, in the legend as {@code label}. */
  static void draw(XYChart chart, String name, String label, Band b, Color color, boolean dashed) {
    int k = b.x().length;
    double[] bx = new double[2 * k];
    double[] by = new double[2 * k];
    for (int i = 0; i < k; i++) {
      bx[i] = b.x()[i];
      by[i] = b.hi()[i];
      bx[2 * k - 1 - i] = b.x()[i];
      by[2 * k - 1 - i] = b.lo()[i];
    }
    XYSeries band = chart.addSeries(name + " quartiles", bx, by);
    band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
    band.setFillColor(Charts.translucent(color, 40));
    band.setLineColor(Charts.translucent(color, 0));
    band.setMarker(SeriesMarkers.NONE);
    band.setShowInLegend(false);
    XYSeries line = Charts.summaryLine(chart, name, label, b.x(), b.mid(), color);
    if (dashed) {
      line.setLineStyle(Charts.DASHED);
    }
  }

  /** A new chart in the report's style with its title and axis titles: the standard width, wider for a long title. */
  static XYChart chart(String title, String xTitle, String yTitle) {
    return Charts.xyChart(Charts.widthForTitle(Charts.WIDTH, title), title, xTitle, yTitle);
  }

  /**
   * A short legend label of {@code g}: what tells it apart from the other groups of its chart, its
   * variant's display name (without the factor levels all of them share) when variants differ and its sweep point in words when points differ ("rnn",
   * "spectral radius 0.5"); "" when nothing does.
   */
  static String shortLabel(List<Experiment.Group> groups, Experiment.Group g) {
    boolean variants = groups.stream().map(Experiment.Group::variant).distinct().count() > 1;
    boolean points = groups.stream().map(Experiment.Group::point).distinct().count() > 1;
    String p = points ? Labels.point(g) : "";
    String v = variants ? g.display(groups) : p.isEmpty() && groups.size() == 1 ? g.display() : "";
    return v.isEmpty() ? p : p.isEmpty() ? v : v + ", " + p;
  }

  /**
   * What the groups of a chart share, in words, for its title: ", tanh RNN" when they are one variant (its
   * display name; when they are several, the factor levels they share),
   * ", spectral radius 0.5" when they are at one sweep point, both when both; "" when neither.
   */
  static String common(List<Experiment.Group> groups) {
    Experiment.Group first = groups.get(0);
    boolean oneVariant = groups.stream().allMatch(g -> g.variant().equals(first.variant()));
    boolean onePoint = groups.stream().allMatch(g -> g.point().equals(first.point()));
    String p = onePoint ? Labels.point(first) : "";
    String v = oneVariant ? first.display() : Experiment.Group.shared(groups);
    return (v.isEmpty() ? "" : ", " + v) + (p.isEmpty() ? "" : ", " + p);
  }

  /**
   * The unique name of a line (an id, as XChart needs): the variant when it is the only group of its variant in
   * the chart, else the group. Readers see {@link #label}.
   */
  static String id(List<Experiment.Group> groups, Experiment.Group g) {
    long same = groups.stream().filter(o -> o.variant().equals(g.variant())).count();
    return same == 1 ? g.variant() : g.label();
  }

  /** The label of a line for readers: the variant's display name when it is the only group of its variant, else the group in words. */
  static String label(List<Experiment.Group> groups, Experiment.Group g) {
    long same = groups.stream().filter(o -> o.variant().equals(g.variant())).count();
    return same == 1 ? g.display() : Labels.group(g);
  }

  /** The colour of the i-th line of a chart. */
  static Color color(int i) {
    return Charts.color(i);
  }

  /**
   * The colour indices of a chart's lines: their variants' own (one colour per variant across the report) when those
   * are different colours, else 0, 1, 2... by position, so that no colour repeats within a chart of up to the
   * palette's 8 lines (the groups of one variant at several sweep points; variants 1 and 9 of a long list).
   */
  static List<Integer> distinctLooks(List<Integer> variantIndices) {
    long colours = variantIndices.stream().map(Charts::color).distinct().count();
    if (colours == variantIndices.size()) {
      return variantIndices;
    }
    return java.util.stream.IntStream.range(0, variantIndices.size()).boxed().toList();
  }
}
