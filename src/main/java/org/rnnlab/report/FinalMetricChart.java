package org.rnnlab.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.results.Measures;

/**
 * The final value of a metric per group, as a statistician would draw a handful of seeds: every
 * seed as a dot, the median as a bold bar and the quartiles as a whisker, the task's trivial
 * baseline dashed. Unrelated sweep points (named tasks, text values) are separate panels, each
 * with its own axis and its own baseline, never joined by lines; a numeric sweep key (T = 50,
 * 100, 200) is a line per variant through the medians with a band between the quartiles. Median
 * and quartiles fit a log axis (they are values that occurred, never below zero) where a mean ±
 * sd bar would cross zero.
 */
public final class FinalMetricChart {
  private FinalMetricChart() {}

  /** {@code {"type": "final_metric", "metric": "mse"}}: the final value of a metric per group. */
  public record Config(
      @OptionalKey @Hyper(doc = "The final metric to draw; absent: report.main_metric.") String metric,
      @Hyper(doc = "The y axis: \"auto\" (logarithmic when lower is better and the values span more than two "
          + "decades, per panel), \"log\" or \"linear\".", defaultValue = "\"auto\"",
          allowed = {"auto", "log", "linear"}) String scale,
      @Hyper(doc = "Other final metrics drawn as labelled dashed reference lines at their mean over the drawn "
          + "trials, e.g. a language model's n-gram baselines (unigram_bpc, kn5_bpc).", defaultValue = "[]")
      List<String> lines,
      @OptionalKey @Hyper(doc = "The factor whose levels stand side by side in each panel, a panel per combination "
          + "of the other factors' levels; absent: the factor with the most levels.") String categories)
      implements ChartConfig {
    public Config {
      scale = scale == null ? "auto" : scale;
      lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** The chart of {@code metric} with an automatic axis. */
    public Config(String metric) {
      this(metric, null, null, null);
    }

    @Override
    public Map<String, String> factorsNamed() {
      return categories == null ? Map.of() : Map.of("/categories", categories);
    }

    @Override
    public List<Need> needs(String mainMetric) {
      List<Need> out = new ArrayList<>(List.of(Need.metricOrMain(Measures.Kind.METRIC, metric, mainMetric)));
      for (int i = 0; i < lines.size(); i++) {
        out.add(new Need(Measures.Kind.METRIC, lines.get(i), "/lines/" + i, null));
      }
      return out;
    }

    @Override
    public List<ChartOutput> draw(Results results, ChartNames names) {
      String m = metric == null ? results.experiment().mainMetric() : metric;
      // the labelled reference lines are horizontal: with them the panels stay upright
      Chart<?, ?> c = of(results, m, scale, lines.isEmpty(), categories);
      if (c == null) {
        return List.of();
      }
      boolean sweep = !results.experiment().sweep().isEmpty();
      if (c instanceof XYChart xy && !lines.isEmpty()) {
        referenceLines(xy, results, lines);
      } else if (c instanceof PanelFigure f && !sweep && !lines.isEmpty()) {
        f.panels().forEach(p -> referenceLines((XYChart) p, results, lines));
      }
      if (lines.isEmpty()) {
        // decades as 10^k; the labelled reference lines are annotations at their values, which stay on a log axis
        (c instanceof PanelFigure f ? f.panels() : List.of(c)).forEach(p -> Charts.decadeAxis((XYChart) p));
      }
      // the caption names a baseline only where one is drawn (a training statistic such as clipped_fraction has none)
      boolean baseline = results.groups().stream().anyMatch(g -> Double.isFinite(g.baselineOf(m)));
      String what = c instanceof PanelFigure && sweep
          ? "one panel per sweep point (more if it has more than " + MAX_PER_PANEL + " variants, sharing its axis)"
              + (baseline ? ", each with its task's trivial baseline (dashed)" : "")
          : (c instanceof PanelFigure ? "at most " + MAX_PER_PANEL + " variants per panel, on one axis" : "")
              + (baseline ? (c instanceof PanelFigure ? "; " : "") + "baseline dashed" : "")
              + (lines.isEmpty() ? "" : "; " + String.join(", ", lines.stream().map(l -> l + " (\"" + Labels.baseline(l) + "\")").toList())
                  + " (mean over the trials" + (lines.stream().anyMatch(Labels::isKneserNey)
                  ? "; KN: Kneser-Ney" : "") + ") dashed and labelled");
      return List.of(new ChartOutput(names.finalMetric(m), c,
          Labels.capitalized(Labels.metric(m)) + " at the end of training: dots are single seeds, the bar is the "
              + "median over ok seeds and the whisker spans the quartiles" + (what.isEmpty() ? "" : "; " + what) + "."));
    }
  }

  /**
   * Each of {@code lines} as a dashed line at its mean over every ok trial, across the categories, labelled in a
   * margin to the right of the last category: the labels never cover a seed or a bar, and labels of close lines are
   * spread apart vertically (at least a label's height), so that each stays legible.
   */
  private static void referenceLines(XYChart chart, Results results, List<String> lines) {
    double x1 = chart.getStyler().getXAxisMax() == null ? 0.5 : chart.getStyler().getXAxisMax();
    double margin = 2.0; // in categories: room for a label such as "unigram_bpc 4.481", centred in it
    // an axis left to XChart covers every series, the lines too; one set explicitly is widened to them
    boolean fixed = chart.getStyler().getYAxisMin() != null && chart.getStyler().getYAxisMax() != null;
    double lo = fixed ? chart.getStyler().getYAxisMin() : Double.POSITIVE_INFINITY;
    double hi = fixed ? chart.getStyler().getYAxisMax() : Double.NEGATIVE_INFINITY;
    for (XYSeries s : chart.getSeriesMap().values()) {
      for (double y : s.getYData()) {
        if (Double.isFinite(y)) {
          lo = Math.min(lo, y);
          hi = Math.max(hi, y);
        }
      }
    }
    TreeMap<Double, String> byY = new TreeMap<>();
    for (String line : lines) {
      double sum = 0.0;
      int n = 0;
      for (Experiment.Group g : results.experiment().groups()) {
        for (double v : results.okValues(g.label(), line)) {
          sum += v;
          n++;
        }
      }
      if (n > 0) {
        double y = sum / n;
        byY.put(y, line);
        Charts.baseline(chart, line, line + " " + Num.show(y), -0.5, x1, y);
        lo = Math.min(lo, y);
        hi = Math.max(hi, y);
      }
    }
    // a label is about 10 points tall on a plot of about HEIGHT - 60 points
    double sep = (hi - lo) * 10.0 / (Charts.HEIGHT - 60);
    double[] at = spread(byY.keySet().stream().mapToDouble(Double::doubleValue).toArray(), sep);
    int k = 0;
    for (var e : byY.entrySet()) {
      chart.addAnnotation(new org.knowm.xchart.AnnotationText(Labels.baseline(e.getValue()) + " " + Num.show(e.getKey()),
          x1 + margin / 2, at[k], false));
      hi = Math.max(hi, at[k] + sep / 2);
      k++;
    }
    chart.getStyler().setXAxisMax(x1 + margin);
    double pad = 0.05 * (hi - lo);
    chart.getStyler().setYAxisMin(lo - pad);
    chart.getStyler().setYAxisMax(hi + pad);
  }

  /** Label heights for values {@code ys} (ascending): each at its value, or {@code sep} above the label below it. */
  static double[] spread(double[] ys, double sep) {
    double[] at = new double[ys.length];
    for (int i = 0; i < ys.length; i++) {
      at[i] = i == 0 ? ys[i] : Math.max(ys[i], at[i - 1] + sep);
    }
    return at;
  }

  /** The chart with an automatic axis, or null if no group has an ok value of {@code metric}. */
  static Chart<?, ?> of(Results results, String metric) {
    return of(results, metric, "auto");
  }

  /** The chart, or null if no group has an ok value of {@code metric}. */
  static Chart<?, ?> of(Results results, String metric, String scale) {
    return of(results, metric, scale, true);
  }

  /**
   * The chart, or null if no group has an ok value of {@code metric}; {@code mayTurn}: panels whose variant
   * names are too long for a horizontal axis may be drawn as rows ({@link DotRowsPanel}).
   */
  static Chart<?, ?> of(Results results, String metric, String scale, boolean mayTurn) {
    return of(results, metric, scale, mayTurn, null);
  }

  /** As {@link #of(Results, String, String, boolean)}, each panel's categories the levels of {@code categories}. */
  static Chart<?, ?> of(Results results, String metric, String scale, boolean mayTurn, String categories) {
    Experiment e = results.experiment();
    if (!e.sweep().isEmpty()) {
      String key = e.sweep().keySet().iterator().next();
      boolean numeric = results.groups().stream().allMatch(g -> Double.isFinite(g.point().number(key)));
      if (numeric && results.groups().stream().allMatch(g -> g.point().values().containsKey(key))) {
        return sweepChart(results, key, metric, scale);
      }
    }
    List<XYChart> panels = new ArrayList<>();
    for (Point p : results.points()) {
      panels.addAll(panels(results, results.groupsAt(p), metric, scale, mayTurn, categories));
    }
    if (panels.isEmpty()) {
      return null;
    }
    if (panels.size() == 1 && results.points().size() == 1 && results.points().get(0).isEmpty()) {
      return panels.get(0); // no sweep, few variants: one chart of the variants
    }
    return new PanelFigure(panels);
  }

  /** Variants per panel at most: as many as the palette has colours, so none repeats within a panel. */
  static final int MAX_PER_PANEL = 8;

  /**
   * The panels of one sweep point: its variants side by side, in panels of at most {@link #MAX_PER_PANEL}
   * that fit in {@link Charts#MAX_WIDTH} and share one y axis; none if no variant has an ok value.
   */
  static List<XYChart> panels(Results results, List<Experiment.Group> groups, String metric, String scale,
                              boolean mayTurn) {
    return panels(results, groups, metric, scale, mayTurn, null);
  }

  /** As above, the categories of each panel the levels of the factor {@code categories} (null: chosen). */
  static List<XYChart> panels(Results results, List<Experiment.Group> groups, String metric, String scale,
                              boolean mayTurn, String categories) {
    List<Experiment.Group> drawn = new ArrayList<>();
    List<Double> all = new ArrayList<>();
    for (Experiment.Group g : groups) {
      double[] v = results.okValues(g.label(), metric);
      if (v.length > 0) {
        drawn.add(g);
        for (double d : v) {
          all.add(d);
        }
      }
    }
    if (drawn.isEmpty()) {
      return List.of();
    }
    double baseline = drawn.get(0).baselineOf(metric);
    if (Double.isFinite(baseline)) {
      all.add(baseline);
    }
    List<List<Experiment.Group>> facets = facets(drawn, categories);
    // categories by display name, without the levels all of a facet's groups share (those go in the title)
    List<List<String>> names = facets.stream().map(f -> f.stream().map(g -> g.display(f)).toList()).toList();
    // one orientation for the panels of a point, so that they compare
    boolean rows = mayTurn && names.stream().anyMatch(DotRowsPanel::wanted);
    List<String> titles = new ArrayList<>();
    for (List<Experiment.Group> facet : facets) {
      titles.add(title(facet.get(0), facet.size() > 1 ? Experiment.Group.shared(facet) : facet.get(0).display()));
    }
    int rowsWidth = DotRowsPanel.width(names.stream().flatMap(List::stream).toList(), titles);
    List<XYChart> out = new ArrayList<>();
    for (int f = 0; f < facets.size(); f++) {
      List<Experiment.Group> facet = facets.get(f);
      List<String> facetNames = names.get(f);
      String shared = facet.size() > 1 ? Experiment.Group.shared(facet) : facet.get(0).display();
      int spacing = spacing(facetNames);
      int fit = rows ? MAX_PER_PANEL : Math.max(1, (int) ((Charts.MAX_WIDTH - 64) / (1.25 * spacing)));
      int[] ends = pieces(facet.size(), Math.min(fit, MAX_PER_PANEL));
      for (int k = 0, from = 0; k < ends.length; from = ends[k++]) {
        int to = ends[k];
        out.add(rows
            ? DotRowsPanel.panel(results, facet.subList(from, to), facetNames.subList(from, to),
                titles.get(f), metric, scale, toArray(all), rowsWidth)
            : panel(results, facet.subList(from, to), facetNames.subList(from, to), shared, metric, scale,
                toArray(all), spacing));
      }
    }
    if (out.size() > 1 && !rows) { // rows panels span all of the point's values themselves
      double lo = all.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      double hi = all.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      for (XYChart c : out) {
        // one y axis for the panels of one point, so that heights compare across panels
        c.getStyler().setYAxisMin(lo);
        c.getStyler().setYAxisMax(hi);
      }
    }
    return out;
  }

  /**
   * The facets of a point's groups: with factors, one per combination of the levels of every factor but the
   * one with the most levels among them (the first on ties), whose levels are the panels' categories (a
   * panel per order x batch size, its categories the five models; a panel per model, its categories the
   * eleven clipping rules), in plan order; else all groups in one.
   */
  static List<List<Experiment.Group>> facets(List<Experiment.Group> drawn) {
    return facets(drawn, null);
  }

  /** As {@link #facets(List)}, with the factor {@code chosen} as the categories when the groups have it. */
  static List<List<Experiment.Group>> facets(List<Experiment.Group> drawn, String chosen) {
    if (drawn.stream().anyMatch(g -> g.factors().size() < 2)) {
      return List.of(drawn);
    }
    List<String> order = new ArrayList<>(drawn.get(0).levelLabels().keySet()); // the spec's factor order
    String categories = order.get(0);
    long most = 0;
    for (String f : order) {
      long levels = drawn.stream().map(g -> g.factors().get(f)).distinct().count();
      if (levels > most) {
        most = levels;
        categories = f;
      }
    }
    if (chosen != null && order.contains(chosen)) {
      categories = chosen;
    }
    Map<List<String>, List<Experiment.Group>> byRest = new java.util.LinkedHashMap<>();
    for (Experiment.Group g : drawn) {
      List<String> rest = new ArrayList<>();
      for (String f : order) {
        if (!f.equals(categories)) {
          rest.add(g.factors().get(f));
        }
      }
      byRest.computeIfAbsent(rest, k -> new ArrayList<>()).add(g);
    }
    return new ArrayList<>(byRest.values());
  }

  /**
   * Where balanced pieces of at most {@code most} of {@code n} items end: as few pieces as that allows, sizes
   * differing by at most one, larger first (22 by 8: 8, 7, 7, not 8, 8, 6).
   */
  static int[] pieces(int n, int most) {
    int count = Math.max(1, (n + most - 1) / most);
    int[] ends = new int[count];
    for (int k = 0, end = 0; k < count; k++) {
      end += n / count + (k < n % count ? 1 : 0);
      ends[k] = end;
    }
    return ends;
  }

  /** The tick spacing that fits every category name under its position (about 6 points per character). */
  private static int spacing(List<String> names) {
    int longest = names.stream().mapToInt(String::length).max().orElse(4);
    // the 8 pt tick font measures 4.0-4.8 points a character ("LSTM, k=100": 53.0 pt; Java2D SansSerif, DejaVu Sans
    // here): at 5.2 such names touched, 6 leaves about a fifth of a name between neighbours
    return Math.max(16, (int) Math.ceil(6.0 * longest));
  }

  /**
   * One panel: {@code drawn} (groups of one sweep point, each with an ok value) side by side at x = 0, 1,
   * 2..., named {@code names}, on an axis chosen from {@code all}, the values of every panel of the point;
   * {@code shared} (the levels all of them share, in words, or "") goes in the title.
   */
  private static XYChart panel(Results results, List<Experiment.Group> drawn, List<String> names, String shared,
                               String metric, String scale, double[] all, int spacing) {
    Experiment e = results.experiment();
    List<double[]> values = new ArrayList<>();
    for (Experiment.Group g : drawn) {
      values.add(results.okValues(g.label(), metric));
    }
    Experiment.Group first = drawn.get(0);
    double baseline = first.baselineOf(metric);
    boolean noSweep = first.point().isEmpty();
    String kind = metric.equals(Measures.LOSS) ? Labels.lossKind(results, drawn) : null;
    // Every variant's name must fit under its position, or XChart drops tick labels: the panel widens to
    // hold them all at the tick spacing.
    String title = title(first, shared);
    // Wide enough for the title too (about 5.6 points per character at 9 points bold, beside the y axis).
    int width = Charts.widthForTitle(Math.max(noSweep ? Charts.WIDTH : Charts.PANEL_WIDTH, 64 + (int) (1.25 * spacing
        * drawn.size())), title);
    XYChart chart = Charts.xyChart(width, title, "", Labels.metric(metric, kind));
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setPlotGridVerticalLinesVisible(false);
    chart.getStyler().setXAxisTickMarkSpacingHint(spacing);
    for (int i = 0; i < drawn.size(); i++) {
      Experiment.Group g = drawn.get(i);
      double[] v = values.get(i);
      Stats s = Stats.of(v);
      int index = LearningCurveChart.variantIndex(e, g);
      Color color = Charts.color(index);
      double[] x = new double[v.length];
      for (int k = 0; k < v.length; k++) {
        x[k] = i + jitter(k, v.length);
      }
      XYSeries seeds = chart.addSeries(g.variant() + " seeds", x, v);
      seeds.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      seeds.setMarker(Charts.variantMarker(index));
      seeds.setMarkerColor(Charts.translucent(color, 150));
      XYSeries median = chart.addSeries(g.variant() + " median", new double[] {i - 0.28, i + 0.28},
          new double[] {s.median(), s.median()});
      median.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      median.setLineColor(color);
      median.setLineStyle(new java.awt.BasicStroke(2.2f));
      median.setMarker(SeriesMarkers.NONE);
      if (v.length > 1) {
        XYSeries iqr = chart.addSeries(g.variant() + " quartiles", new double[] {i + 0.33, i + 0.33},
            new double[] {s.q1(), s.q3()});
        iqr.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        iqr.setLineColor(color);
        iqr.setLineStyle(new java.awt.BasicStroke(1.2f));
        iqr.setMarker(SeriesMarkers.NONE);
      }
    }
    if (Double.isFinite(baseline)) {
      Charts.baseline(chart, "baseline", "baseline " + Num.show(baseline), -0.5, drawn.size() - 0.5, baseline);
    }
    chart.getStyler().setXAxisMin(-0.5);
    chart.getStyler().setXAxisMax(drawn.size() - 0.5);
    Charts.yAxis(chart.getStyler(), Charts.logAxis(scale, metric, e.lowerIsBetter(), all, Charts.LOG_SPAN), all);
    chart.setCustomXAxisTickLabelsFormatter(d -> Charts.categoryLabel(d, names));
    return chart;
  }

  /** A panel's title: its sweep point, if any, and {@code shared}, the levels all of its groups share. */
  private static String title(Experiment.Group first, String shared) {
    return first.point().isEmpty() ? shared
        : shared.isEmpty() ? Labels.point(first) : Labels.point(first) + ", " + shared;
  }

  /** A seed's horizontal offset from its variant's position: spread evenly over [-0.2, 0.1]. */
  private static double jitter(int k, int n) {
    return n == 1 ? -0.05 : -0.2 + 0.3 * k / (n - 1);
  }

  /** One line of the sweep chart: medians with the quartile band, points sorted by x. */
  private record Line(String name, String label, int color, double[] x, double[] median, double[] q1, double[] q3,
                      List<double[]> seeds) {}

  private static XYChart sweepChart(Results results, String key, String metric, String scale) {
    Experiment e = results.experiment();
    // A line joins the groups of one variant that differ only in the swept key; the baseline
    // is drawn once per combination of the other keys, since it belongs to the task.
    Map<String, List<Experiment.Group>> byLine = new LinkedHashMap<>();
    Map<String, List<Experiment.Group>> byBaseline = new LinkedHashMap<>();
    for (Experiment.Group g : results.groups()) {
      Point rest = g.point().without(key);
      String suffix = rest.isEmpty() ? "" : " " + rest.label();
      byLine.computeIfAbsent(g.variant() + suffix, k -> new ArrayList<>()).add(g);
      byBaseline.computeIfAbsent("baseline" + suffix, k -> new ArrayList<>()).add(g);
    }
    List<Line> lines = new ArrayList<>();
    List<Double> plotted = new ArrayList<>();
    List<Double> xs = new ArrayList<>();
    for (Map.Entry<String, List<Experiment.Group>> entry : byLine.entrySet()) {
      TreeMap<Double, double[]> byX = new TreeMap<>();
      for (Experiment.Group g : entry.getValue()) {
        double[] v = results.okValues(g.label(), metric);
        if (v.length > 0) {
          byX.put(g.point().number(key), v);
        }
      }
      if (byX.isEmpty()) {
        continue;
      }
      int k = byX.size();
      double[] x = new double[k];
      double[] med = new double[k];
      double[] q1 = new double[k];
      double[] q3 = new double[k];
      List<double[]> seeds = new ArrayList<>();
      int i = 0;
      for (Map.Entry<Double, double[]> p : byX.entrySet()) {
        Stats s = Stats.of(p.getValue());
        x[i] = p.getKey();
        med[i] = s.median();
        q1[i] = s.q1();
        q3[i] = s.q3();
        seeds.add(p.getValue());
        for (double d : p.getValue()) {
          plotted.add(d);
        }
        xs.add(p.getKey());
        i++;
      }
      Experiment.Group g = entry.getValue().get(0);
      Point rest = g.point().without(key);
      lines.add(new Line(entry.getKey(), g.display() + (rest.isEmpty() ? "" : " " + rest.label()),
          LearningCurveChart.variantIndex(e, g), x, med, q1, q3, seeds));
    }
    if (lines.isEmpty()) {
      return null;
    }
    Map<String, double[][]> baselines = new LinkedHashMap<>();
    for (Map.Entry<String, List<Experiment.Group>> entry : byBaseline.entrySet()) {
      TreeMap<Double, Double> byX = new TreeMap<>();
      for (Experiment.Group g : entry.getValue()) {
        double b = g.baselineOf(metric);
        if (Double.isFinite(b)) {
          byX.putIfAbsent(g.point().number(key), b);
        }
      }
      if (!byX.isEmpty()) {
        double[] x = byX.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = byX.values().stream().mapToDouble(Double::doubleValue).toArray();
        baselines.put(entry.getKey(), new double[][] {x, y});
        for (double d : y) {
          plotted.add(d);
        }
      }
    }
    boolean logY = Charts.logAxis(scale, metric, e.lowerIsBetter(), toArray(plotted), Charts.LOG_SPAN);
    boolean logX = Charts.wantsLog(toArray(xs));
    String kind = metric.equals(Measures.LOSS) ? Labels.lossKind(results, results.groups()) : null;
    String keyWords = key.substring(key.lastIndexOf('.') + 1).replace('_', ' ');
    XYChart chart = Charts.xyChart(Charts.WIDTH, Labels.capitalized(Labels.metric(metric, kind)) + " vs " + keyWords,
        keyWords, Labels.metric(metric, kind));
    for (Line l : lines) {
      Color color = Charts.color(l.color());
      if (l.x().length > 1) {
        // The quartile band: a closed polygon along the upper quartiles and back along the lower.
        int k = l.x().length;
        double[] bx = new double[2 * k];
        double[] by = new double[2 * k];
        for (int i = 0; i < k; i++) {
          bx[i] = l.x()[i];
          by[i] = l.q3()[i];
          bx[2 * k - 1 - i] = l.x()[i];
          by[2 * k - 1 - i] = l.q1()[i];
        }
        XYSeries band = chart.addSeries(l.name() + " quartiles", bx, by);
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        band.setFillColor(Charts.translucent(color, 45));
        band.setLineColor(Charts.translucent(color, 0));
        band.setMarker(SeriesMarkers.NONE);
        band.setShowInLegend(false);
      }
      List<Double> sx = new ArrayList<>();
      List<Double> sy = new ArrayList<>();
      for (int i = 0; i < l.x().length; i++) {
        for (double d : l.seeds().get(i)) {
          sx.add(l.x()[i]);
          sy.add(d);
        }
      }
      XYSeries seeds = chart.addSeries(l.name() + " seeds", toArray(sx), toArray(sy));
      seeds.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      seeds.setMarker(SeriesMarkers.CIRCLE);
      seeds.setMarkerColor(Charts.translucent(color, 130));
      seeds.setShowInLegend(false);
      XYSeries median = Charts.summaryLine(chart, l.name(), l.label(), l.x(), l.median(), color);
      median.setLineStyle(Charts.variantStroke(l.color(), Charts.SOLID.getLineWidth()));
      median.setMarker(Charts.variantMarker(l.color()));
    }
    for (Map.Entry<String, double[][]> b : baselines.entrySet()) {
      double[] x = b.getValue()[0];
      double[] y = b.getValue()[1];
      XYSeries s = chart.addSeries(b.getKey(), x, y);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      s.setLineColor(Charts.BASELINE_COLOR);
      s.setLineStyle(Charts.DASHED);
      // With a single sweep value there is no line to draw, only a point.
      s.setMarker(x.length == 1 ? SeriesMarkers.CROSS : SeriesMarkers.NONE);
      s.setMarkerColor(Charts.BASELINE_COLOR);
    }
    Charts.yAxis(chart.getStyler(), logY, toArray(plotted));
    chart.getStyler().setXAxisLogarithmic(logX);
    return chart;
  }

  private static double[] toArray(List<Double> list) {
    return list.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
