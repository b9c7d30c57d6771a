package org.rnnlab.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;

/**
 * The final main metric per group, mean ± sd over ok seeds. With a sweep: one line per variant
 * against the first sweep key (other sweep keys split a variant into several lines). Without
 * a sweep: one category per group, with every seed drawn as a dot, because with a handful of
 * seeds the individual values say more than an error bar.
 */
public final class FinalMetricChart {
  private FinalMetricChart() {}

  /** {@code {"type": "final_metric", "metric": "mse"}}: the final value of a metric per group. */
  public record Config(
      @OptionalKey @Hyper(doc = "The final metric to draw; absent: report.main_metric.") String metric)
      implements ChartConfig {
    @Override
    public List<ChartOutput> draw(Results results, ChartNames names) {
      String m = metric == null ? results.experiment().mainMetric() : metric;
      Chart<?, ?> c = of(results, m);
      return c == null ? List.of() : List.of(new ChartOutput(names.finalMetric(m), c,
          "Final " + m + " per group over ok seeds (see the chart title), baseline dashed."));
    }
  }

  /** The chart, or null if no group has an ok value of {@code metric}. */
  static Chart<?, ?> of(Results results, String metric) {
    Experiment e = results.experiment();
    if (!e.sweep().isEmpty()) {
      String key = e.sweep().keySet().iterator().next();
      if (results.groups().stream().allMatch(g -> g.point().values().containsKey(key))) {
        return sweepChart(results, key, metric);
      }
    }
    return categoryChart(results, metric);
  }

  /** One line of the sweep chart: points sorted by x; err is NaN-free (0 where sd is undefined). */
  private record Line(String name, int color, double[] x, double[] y, double[] err) {}

  private static XYChart sweepChart(Results results, String key, String metric) {
    Experiment e = results.experiment();
    List<String> sweepValues = e.sweep().getOrDefault(key, List.of());
    boolean numeric = results.groups().stream().allMatch(g -> Double.isFinite(g.point().number(key)));

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
    for (Map.Entry<String, List<Experiment.Group>> entry : byLine.entrySet()) {
      TreeMap<Double, Stats> byX = new TreeMap<>();
      for (Experiment.Group g : entry.getValue()) {
        Stats s = Stats.of(results.okValues(g.label(), metric));
        if (s.n() > 0) {
          byX.put(x(g, key, numeric, sweepValues), s);
        }
      }
      if (!byX.isEmpty()) {
        lines.add(
            new Line(
                entry.getKey(),
                LearningCurveChart.variantIndex(e, entry.getValue().get(0)),
                byX.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
                byX.values().stream().mapToDouble(Stats::mean).toArray(),
                byX.values().stream().mapToDouble(s -> Double.isNaN(s.sd()) ? 0 : s.sd()).toArray()));
      }
    }
    if (lines.isEmpty()) {
      return null;
    }
    List<Line> baselines = new ArrayList<>();
    for (Map.Entry<String, List<Experiment.Group>> entry : byBaseline.entrySet()) {
      TreeMap<Double, Double> byX = new TreeMap<>();
      for (Experiment.Group g : entry.getValue()) {
        double b = g.baselineOf(metric);
        if (Double.isFinite(b)) {
          byX.putIfAbsent(x(g, key, numeric, sweepValues), b);
        }
      }
      if (!byX.isEmpty()) {
        double[] x = byX.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = byX.values().stream().mapToDouble(Double::doubleValue).toArray();
        baselines.add(new Line(entry.getKey(), -1, x, y, new double[x.length]));
      }
    }

    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (Line l : lines) {
      Arrays.stream(l.x()).forEach(xs::add);
      Arrays.stream(l.y()).forEach(ys::add);
    }
    baselines.forEach(l -> Arrays.stream(l.y()).forEach(ys::add));
    boolean logY = e.lowerIsBetter() && Charts.wantsLog(toArray(ys));
    boolean logX = numeric && Charts.wantsLog(toArray(xs));

    XYChart chart = new XYChart(Charts.WIDTH, Charts.HEIGHT);
    Charts.style(chart.getStyler());
    chart.setTitle("final " + metric + " vs " + key + " (mean ± sd over ok seeds)");
    chart.setXAxisTitle(key);
    chart.setYAxisTitle(metric);
    for (Line l : lines) {
      // On a log axis a bar reaching zero or below cannot be drawn; leave the bars out then.
      boolean bars = !logY || lowerEndsPositive(l.y(), l.err());
      XYSeries s = bars ? chart.addSeries(l.name(), l.x(), l.y(), l.err()) : chart.addSeries(l.name(), l.x(), l.y());
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      s.setLineColor(Charts.color(l.color()));
      s.setMarkerColor(Charts.color(l.color()));
      s.setLineStyle(Charts.SOLID);
      s.setMarker(SeriesMarkers.CIRCLE);
    }
    for (Line l : baselines) {
      XYSeries s = chart.addSeries(l.name(), l.x(), l.y());
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      s.setLineColor(Charts.BASELINE_COLOR);
      s.setLineStyle(Charts.DASHED);
      // With a single sweep value there is no line to draw, only a point.
      s.setMarker(l.x().length == 1 ? SeriesMarkers.CROSS : SeriesMarkers.NONE);
      s.setMarkerColor(Charts.BASELINE_COLOR);
    }
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setXAxisLogarithmic(logX);
    if (!numeric) {
      // Text sweep values sit at positions 0, 1, 2...; label those ticks and no others.
      chart.setCustomXAxisTickLabelsFormatter(
          d -> {
            long i = Math.round(d);
            return Math.abs(d - i) < 1e-9 && i >= 0 && i < sweepValues.size()
                ? sweepValues.get((int) i)
                : "";
          });
    }
    return chart;
  }

  private static CategoryChart categoryChart(Results results, String metric) {
    Experiment e = results.experiment();
    List<String> categories = new ArrayList<>();
    List<double[]> values = new ArrayList<>();
    List<Double> baselines = new ArrayList<>();
    for (Experiment.Group g : results.groups()) {
      double[] v = results.okValues(g.label(), metric);
      if (v.length > 0) {
        categories.add(g.label());
        values.add(v);
        baselines.add(g.baselineOf(metric));
      }
    }
    if (categories.isEmpty()) {
      return null;
    }
    List<Double> means = new ArrayList<>();
    List<Double> sds = new ArrayList<>();
    List<Double> all = new ArrayList<>();
    int maxSeeds = 0;
    for (double[] v : values) {
      Stats s = Stats.of(v);
      means.add(s.mean());
      sds.add(Double.isNaN(s.sd()) ? 0 : s.sd());
      maxSeeds = Math.max(maxSeeds, v.length);
      for (double d : v) {
        all.add(d);
      }
    }
    baselines.stream().filter(Double::isFinite).forEach(all::add);
    boolean logY = e.lowerIsBetter() && Charts.wantsLog(toArray(all));

    CategoryChart chart = new CategoryChart(Charts.WIDTH, Charts.HEIGHT);
    Charts.style(chart.getStyler());
    // Side by side within a category: the mean with its bar, then each seed, none hiding another.
    chart.getStyler().setOverlapped(false);
    // Not the default Bar: XChart then anchors the y axis at zero, which breaks a log axis.
    chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
    chart.getStyler().setYAxisLogarithmic(logY);
    // XChart 3.8.8 draws category error bars wrongly on a log axis (down to the axis edge),
    // so on a log axis the seeds alone show the spread.
    boolean bars = !logY;
    chart.setTitle(
        "final " + metric + " per group (" + (bars ? "mean ± sd" : "mean") + " over ok seeds; dots: seeds)");
    chart.setYAxisTitle(metric);

    CategorySeries mean =
        bars ? chart.addSeries("mean ± sd", categories, means, sds) : chart.addSeries("mean", categories, means);
    mean.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
    mean.setMarker(SeriesMarkers.DIAMOND);
    mean.setMarkerColor(Charts.color(0));
    // One series per seed slot, so that each group shows each of its seeds as a dot.
    for (int j = 0; j < maxSeeds; j++) {
      List<Double> ys = new ArrayList<>();
      for (double[] v : values) {
        ys.add(j < v.length ? v[j] : null);
      }
      CategorySeries seeds = chart.addSeries(j == 0 ? "seeds" : "seeds " + j, categories, ys);
      seeds.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
      seeds.setMarker(SeriesMarkers.CIRCLE);
      seeds.setMarkerColor(Charts.translucent(Charts.color(1), 160));
      seeds.setShowInLegend(j == 0);
    }
    if (baselines.stream().anyMatch(Double::isFinite)) {
      List<Double> ys = new ArrayList<>();
      baselines.forEach(b -> ys.add(Double.isFinite(b) ? b : null));
      CategorySeries base = chart.addSeries("baseline", categories, ys);
      base.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
      base.setLineColor(Charts.BASELINE_COLOR);
      base.setLineStyle(Charts.DASHED);
      base.setMarker(SeriesMarkers.NONE);
    }
    return chart;
  }

  /** The x position of a group: its sweep value, or its index among the sweep's text values. */
  private static double x(Experiment.Group g, String key, boolean numeric, List<String> sweepValues) {
    if (numeric) {
      return g.point().number(key);
    }
    int i = sweepValues.indexOf(g.point().values().get(key));
    return i >= 0 ? i : sweepValues.size();
  }

  private static boolean lowerEndsPositive(double[] y, double[] err) {
    for (int i = 0; i < y.length; i++) {
      if (y[i] - err[i] <= 0) {
        return false;
      }
    }
    return true;
  }

  private static double[] toArray(List<Double> list) {
    return list.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
