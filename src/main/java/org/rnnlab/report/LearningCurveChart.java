package org.rnnlab.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.results.CurveRow;
import org.rnnlab.results.Measures;

/**
 * Learning curves of one metric at one sweep point: every ok seed as a thin line and, per group,
 * the median over its seeds at each evaluation as a bold line; the task baseline dashed. The
 * median of a handful of curves is a curve some seed was near, on a log axis too; a mean curve
 * on a log axis invents plateaus no seed visited, and mean ± sd bands cross zero.
 */
public final class LearningCurveChart {
  private LearningCurveChart() {}

  /** The median over seeds at one step. */
  record StepStats(long step, double median) {}

  /** {@code {"type": "learning_curve", "metric": "mse"}}: one chart of a metric's curves per sweep point. */
  public record Config(
      @OptionalKey @Hyper(doc = "The curve metric to draw (a tracked set's metric, train_loss or grad_norm); "
          + "absent: report.main_metric.") String metric,
      @OptionalKey @Hyper(doc = "Only these variants' curves, in this order; absent: every variant.")
      List<String> variants,
      @OptionalKey @Hyper(doc = "The chart's name: its file is curve-NAME[_point].png and its caption says it; "
          + "absent: named by the metric.") String name,
      @Hyper(doc = "The y axis: \"auto\" (logarithmic when lower is better, or for grad_norm, and the values span "
          + "more than a decade), \"log\" or \"linear\".", defaultValue = "\"auto\"",
          allowed = {"auto", "log", "linear"}) String scale,
      @Hyper(doc = "Settings (paths in a group's resolved config) whose product per group scales the updates on the "
          + "x axis, e.g. [training.batch_size, task.segment_length]: characters seen; empty: updates.",
          defaultValue = "[]") List<String> xPer,
      @OptionalKey @Hyper(doc = "The x axis title when x_per is given (e.g. characters seen).") String xTitle)
      implements ChartConfig {
    /** Every variant's curves of {@code metric} with an automatic axis. */
    public Config(String metric) {
      this(metric, null, null, null);
    }

    /** Curves against updates. */
    public Config(String metric, List<String> variants, String name, String scale) {
      this(metric, variants, name, scale, null, null);
    }

    public Config {
      variants = variants == null ? null : List.copyOf(variants);
      xPer = xPer == null ? List.of() : List.copyOf(xPer);
      for (String path : xPer) {
        GroupSelection.checkPath(path, "x_per");
      }
      scale = scale == null ? "auto" : scale;
      if (name != null && !name.matches("[a-z0-9_-]+")) {
        throw new IllegalArgumentException("learning_curve name \"" + name + "\" must match [a-z0-9_-]+");
      }
    }

    @Override
    public List<Need> needs(String mainMetric) {
      return List.of(Need.metricOrMain(Measures.Kind.CURVE, metric, mainMetric));
    }

    @Override
    public List<ChartOutput> draw(Results results, ChartNames names) {
      String m = metric == null ? results.experiment().mainMetric() : metric;
      List<ChartOutput> out = new ArrayList<>();
      for (Point point : results.points()) {
        Chart<?, ?> figure = figure(results, point, m, variants, scale, xPer, xTitle);
        if (figure != null) {
          List<XYChart> panels = figure instanceof PanelFigure f ? f.panels().stream().map(p -> (XYChart) p).toList()
              : List.of((XYChart) figure);
          XYChart c = panels.get(0);
          long logs = panels.stream().filter(p -> p.getStyler().isYAxisLogarithmic()).count();
          String note = Labels.curveNote(m);
          String where = results.groupsAt(point).isEmpty() || point.isEmpty() ? ""
              : " on " + Labels.point(results.groupsAt(point).get(0));
          String suffix = name != null ? name : m.equals(results.experiment().mainMetric()) ? "" : m;
          out.add(new ChartOutput(names.curve(point, suffix), figure,
              Labels.capitalized(c.getYAxisTitle()) + where
                  + (variants == null ? "" : " (" + (name == null ? "" : name + ": ") + String.join(", ", variants)
                      + ")") + " against " + (xPer.isEmpty() ? Labels.UPDATES
                  : (xTitle == null ? "updates" : xTitle) + " (updates x " + String.join(" x ", xPer) + ")")
                  + ": thin lines are single seeds, bold lines the median over the ok seeds (n per group: "
                  + seedCounts(results, point, variants) + ")"
                  + (hasBaseline(results, point, m) ? ", dashed the task's trivial baseline" : "")
                  + (logs == 0 ? "" : logs == panels.size() ? "; logarithmic axis" : "; logarithmic axis in the panels "
                      + "whose values span more than a decade")
                  + (figure instanceof PanelFigure ? "; at most " + FinalMetricChart.MAX_PER_PANEL + " groups per "
                      + "panel, titled by the levels they share" + (Labels.isFraction(m) ? ", on one y axis"
                      : ", each on its own y axis") : "")
                  + "." + (note.isEmpty() ? "" : " " + Labels.capitalized(note) + ".")));
        }
      }
      return out;
    }
  }

  /**
   * The curves at {@code point}: one chart, or with more than {@link FinalMetricChart#MAX_PER_PANEL} groups small
   * multiples (panels by the levels of the factors other than the one with most levels, each cut into balanced
   * pieces of at most that many), so that no colour repeats within a panel; null if no curve.
   */
  static Chart<?, ?> figure(Results results, Point point, String metric, List<String> variants, String scale,
                            List<String> xPer, String xTitle) {
    List<Experiment.Group> drawn = drawnAt(results, point, variants);
    int most = FinalMetricChart.MAX_PER_PANEL;
    if (drawn.size() <= most || drawn.stream().map(Experiment.Group::variant).distinct().count() < drawn.size()) {
      return of(results, point, metric, variants, scale, xPer, xTitle);
    }
    List<XYChart> panels = new ArrayList<>();
    for (List<Experiment.Group> facet : FinalMetricChart.facets(drawn)) {
      int[] ends = FinalMetricChart.pieces(facet.size(), most); // balanced: 11 as 6 + 5, not 8 + 3
      for (int k = 0, from = 0; k < ends.length; from = ends[k++]) {
        List<Experiment.Group> piece = facet.subList(from, ends[k]);
        XYChart p = of(results, point, metric, piece.stream().map(Experiment.Group::variant).toList(), scale, xPer,
            xTitle);
        if (p != null) {
          String shared = Experiment.Group.shared(piece);
          p.setTitle(String.join(", ", java.util.stream.Stream.of(p.getTitle(), shared)
              .filter(t -> !t.isEmpty()).toList()));
          Charts.fitTitle(p);
          panels.add(p);
        }
      }
    }
    if (panels.isEmpty()) {
      return null;
    }
    if (Labels.isFraction(metric)) { // linear on [0, 1] in every panel; a loss may be on decades in one only
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (XYChart p : panels) {
        double[] r = yRange(p);
        lo = Math.min(lo, r[0]);
        hi = Math.max(hi, r[1]);
      }
      for (XYChart p : panels) {
        p.getStyler().setYAxisMin(lo);
        p.getStyler().setYAxisMax(hi);
      }
    }
    return new PanelFigure(panels);
  }

  /** The y range a panel shows: its explicit bounds, else its finite data. */
  private static double[] yRange(XYChart p) {
    double[] data = Charts.dataRange(p, false);
    Double min = p.getStyler().getYAxisMin();
    Double max = p.getStyler().getYAxisMax();
    return new double[] {min != null ? Math.min(min, data[0]) : data[0], max != null ? Math.max(max, data[1]) : data[1]};
  }

  /** The groups at {@code point} of {@code variants} only (null: all), in that order. */
  private static List<Experiment.Group> drawnAt(Results results, Point point, List<String> variants) {
    List<Experiment.Group> groups = new ArrayList<>(results.groupsAt(point));
    if (variants != null) {
      groups.removeIf(g -> !variants.contains(g.variant()));
      groups.sort(Comparator.comparingInt(g -> variants.indexOf(g.variant())));
    }
    return groups;
  }

  private static String seedCounts(Results results, Point point, List<String> variants) {
    List<String> parts = new ArrayList<>();
    for (Experiment.Group g : results.groupsAt(point)) {
      if (variants != null && !variants.contains(g.variant())) {
        continue;
      }
      parts.add(g.display() + " " + results.trialsOf(g.label()).stream().filter(TrialRow::isOk).count());
    }
    return String.join(", ", parts);
  }

  private static boolean hasBaseline(Results results, Point point, String metric) {
    return results.groupsAt(point).stream().anyMatch(g -> Double.isFinite(g.baselineOf(metric)));
  }

  /** The chart for {@code point} with an automatic axis, or null if none of its ok trials has a curve of {@code metric}. */
  static XYChart of(Results results, Point point, String metric) {
    return of(results, point, metric, null, "auto");
  }

  /**
   * The chart for {@code point} of the groups of {@code variants} only (null: all), in that order, or
   * null if none of their ok trials has a curve of {@code metric}.
   */
  static XYChart of(Results results, Point point, String metric, List<String> variants, String scale) {
    return of(results, point, metric, variants, scale, List.of(), null);
  }

  /** As {@link #of(Results, Point, String, List, String)}, x = update x the product of the settings {@code xPer}. */
  static XYChart of(Results results, Point point, String metric, List<String> variants, String scale,
                    List<String> xPer, String xTitle) {
    Experiment e = results.experiment();
    List<Experiment.Group> groups = drawnAt(results, point, variants);
    String kind = null;
    if (metric.equals(Measures.LOSS) || metric.equals(Measures.TRAIN_LOSS)) {
      kind = Labels.lossKind(results, groups);
    }
    // as wide as the legend needs, so that long display names do not squeeze the plot
    List<String> legend = groups.stream().map(g -> variantIsUnique(groups, g) ? g.display(groups) : Labels.group(g)).toList();
    XYChart chart = Charts.xyChart(Charts.widthForLegend(legend), groups.isEmpty() || point.isEmpty() ? "" : Labels.point(groups.get(0)),
        xPer.isEmpty() ? Labels.UPDATES : xTitle == null ? "updates x " + String.join(" x ", xPer) : xTitle,
        Labels.metric(metric, kind));

    List<Double> plotted = new ArrayList<>();
    double firstStep = Double.POSITIVE_INFINITY;
    double lastStep = Double.NEGATIVE_INFINITY;
    boolean any = false;
    for (Experiment.Group g : groups) {
      List<StepStats> curve = medianCurve(results, g.label(), metric);
      if (curve.isEmpty()) {
        continue;
      }
      any = true;
      double per = 1.0;
      for (String path : xPer) {
        per *= g.setting(path); // NaN where a group lacks the setting: its curve is not drawn at a made-up x
      }
      if (!Double.isFinite(per)) {
        continue;
      }
      Color color = Charts.color(variantIndex(e, g));
      int n = (int) results.trialsOf(g.label()).stream().filter(TrialRow::isOk).count();
      for (TrialRow t : results.trialsOf(g.label())) {
        if (!t.isOk()) {
          continue; // diverged curves end in NaN/Infinity
        }
        List<double[]> xy = seedCurve(results, t.trial(), metric);
        if (!xy.isEmpty()) {
          final double scaleX = per;
          double[] x = xy.stream().mapToDouble(p -> p[0] * scaleX).toArray();
          double[] y = xy.stream().mapToDouble(p -> p[1]).toArray();
          Charts.seedLine(chart, g.label() + " seed " + t.seedIndex(), x, y, color);
          for (double v : y) {
            plotted.add(v);
          }
        }
      }
      int k = curve.size();
      double[] x = new double[k];
      double[] med = new double[k];
      for (int i = 0; i < k; i++) {
        StepStats s = curve.get(i);
        x[i] = s.step() * per;
        med[i] = s.median();
        firstStep = Math.min(firstStep, x[i]);
        lastStep = Math.max(lastStep, x[i]);
      }
      String name = variantIsUnique(groups, g) ? g.variant() : g.label(); // unique, as XChart needs
      Charts.summaryLine(chart, name + " (n=" + n + ")", variantIsUnique(groups, g) ? g.display(groups)
          : Labels.group(g), x, med, color)
          .setLineStyle(Charts.variantStroke(variantIndex(e, g), Charts.SOLID.getLineWidth()));
    }
    if (!any) {
      return null;
    }
    // One dashed line per distinct baseline; groups at one point usually share the task.
    // Deduplicated by their printed value, which is also the series name and must be unique.
    Map<String, Double> baselines = new LinkedHashMap<>();
    for (Experiment.Group g : groups) {
      double b = g.baselineOf(metric);
      if (Double.isFinite(b)) {
        baselines.putIfAbsent("baseline " + Num.show(b), b);
      }
    }
    if (firstStep == lastStep) {
      // Widen a single step so that the baseline is a visible line.
      firstStep -= 1;
      lastStep += 1;
    }
    for (Map.Entry<String, Double> entry : baselines.entrySet()) {
      Charts.baseline(chart, entry.getKey(), baselines.size() == 1 ? "baseline" : entry.getKey(), firstStep, lastStep,
          entry.getValue());
      plotted.add(entry.getValue());
    }
    // A gradient norm is positive and spans decades whichever way is "better".
    boolean lower = e.lowerIsBetter() || metric.equals(Measures.GRAD_NORM) || metric.endsWith(Measures.LOSS);
    double[] values = plotted.stream().mapToDouble(d -> d).toArray();
    Charts.yAxis(chart.getStyler(), Charts.logAxis(scale, metric, lower, values, Charts.CURVE_LOG_SPAN), values);
    Charts.decadeAxis(chart);
    if (!xPer.isEmpty()) {
      chart.getStyler().setXAxisDecimalPattern("#,###"); // millions of characters in digits, not 2E6
    }
    Charts.roundXTicks(chart); // evaluations every 718 updates would otherwise be labelled 718, 1,436...
    return chart;
  }

  /** One seed's finite values of {@code metric} as (step, value) pairs in step order. */
  private static List<double[]> seedCurve(Results results, String trial, String metric) {
    TreeMap<Long, Double> byStep = new TreeMap<>();
    for (CurveRow r : results.curves().getOrDefault(trial, List.of())) {
      if (r.metric().equals(metric) && Double.isFinite(r.value())) {
        byStep.put(r.step(), r.value());
      }
    }
    List<double[]> out = new ArrayList<>();
    byStep.forEach((s, v) -> out.add(new double[] {s, v}));
    return out;
  }

  /**
   * Median, min and max of {@code metric} over the group's ok seeds at each step where at least
   * one seed has a finite value. Seeds normally share their evaluation steps.
   */
  static List<StepStats> medianCurve(Results results, String group, String metric) {
    Map<Long, List<Double>> byStep = new TreeMap<>();
    for (TrialRow c : results.trialsOf(group)) {
      if (!c.isOk()) {
        continue; // diverged curves end in NaN/Infinity and would swamp the statistics
      }
      for (CurveRow r : results.curves().getOrDefault(c.trial(), List.of())) {
        if (r.metric().equals(metric) && Double.isFinite(r.value())) {
          byStep.computeIfAbsent(r.step(), s -> new ArrayList<>()).add(r.value());
        }
      }
    }
    List<StepStats> out = new ArrayList<>();
    byStep.forEach(
        (step, values) -> {
          double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
          out.add(new StepStats(step, Stats.quantile(v, 0.5)));
        });
    return out;
  }

  private static boolean variantIsUnique(List<Experiment.Group> groups, Experiment.Group g) {
    return groups.stream().filter(o -> o.variant().equals(g.variant())).count() == 1;
  }

  /** The colour slot of a group: its variant's position in the plan, so colours agree across charts. */
  static int variantIndex(Experiment e, Experiment.Group g) {
    int i = e.variants().indexOf(g.variant());
    return i >= 0 ? i : e.variants().size() + Math.floorMod(g.variant().hashCode(), 8);
  }
}
