package org.rnnlab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.results.CurveRow;

/**
 * Learning curves of the main metric at one sweep point: per group, the mean over its ok seeds
 * at each evaluation step as a line, the min..max over seeds as a band (with few seeds a band
 * of ±sd would suggest a precision that is not there), and the task baseline as a dashed line.
 */
public final class LearningCurveChart {
  private LearningCurveChart() {}

  /** Mean and spread over seeds at one step. */
  record StepStats(long step, double mean, double min, double max) {}

  /** {@code {"type": "learning_curve", "metric": "mse"}}: one chart of a metric's curves per sweep point. */
  public record Config(
      @OptionalKey @Hyper(doc = "The curve metric to draw (a tracked set's metric, train_loss or grad_norm); "
          + "absent: report.main_metric.") String metric,
      @OptionalKey @Hyper(doc = "Only these variants' curves, in this order; absent: every variant.")
      List<String> variants,
      @OptionalKey @Hyper(doc = "The chart's name: its file is curve-NAME[_point].png and its caption says it; "
          + "absent: named by the metric.") String name) implements ChartConfig {
    /** Every variant's curves of {@code metric}. */
    public Config(String metric) {
      this(metric, null, null);
    }

    public Config {
      variants = variants == null ? null : List.copyOf(variants);
      if (name != null && !name.matches("[a-z0-9_-]+")) {
        throw new IllegalArgumentException("learning_curve name \"" + name + "\" must match [a-z0-9_-]+");
      }
    }

    @Override
    public List<ChartOutput> draw(Results results, ChartNames names) {
      String m = metric == null ? results.experiment().mainMetric() : metric;
      List<ChartOutput> out = new ArrayList<>();
      for (Point point : results.points()) {
        XYChart c = of(results, point, m, variants);
        if (c != null) {
          String suffix = name != null ? name : m.equals(results.experiment().mainMetric()) ? "" : m;
          out.add(new ChartOutput(names.curve(point, suffix), c,
              "Learning curves of " + m + (point.isEmpty() ? "" : " at " + point.label())
                  + (variants == null ? "" : " (" + (name == null ? "" : name + ": ") + String.join(", ", variants)
                      + ")")
                  + ": mean over ok seeds, band min..max, baseline dashed."));
        }
      }
      return out;
    }
  }

  /** The chart for {@code point}, or null if none of its ok trials has a curve of {@code metric}. */
  static XYChart of(Results results, Point point, String metric) {
    return of(results, point, metric, null);
  }

  /** As {@link #of(Results, Point, String)}, for the groups of {@code variants} only (null: all), in that order. */
  static XYChart of(Results results, Point point, String metric, List<String> variants) {
    Experiment e = results.experiment();
    XYChart chart = new XYChart(Charts.WIDTH, Charts.HEIGHT);
    Charts.style(chart.getStyler());
    chart.setTitle(
        metric + " during training" + (point.isEmpty() ? "" : " at " + point.label())
            + " (line: mean over ok seeds, band: min..max)");
    chart.setXAxisTitle("step");
    chart.setYAxisTitle(metric);

    List<Double> plotted = new ArrayList<>();
    long firstStep = Long.MAX_VALUE;
    long lastStep = Long.MIN_VALUE;
    boolean any = false;
    List<Experiment.Group> groups = new ArrayList<>(results.groupsAt(point));
    if (variants != null) {
      groups.removeIf(g -> !variants.contains(g.variant()));
      groups.sort(java.util.Comparator.comparingInt(g -> variants.indexOf(g.variant())));
    }
    for (Experiment.Group g : groups) {
      List<StepStats> curve = meanCurve(results, g.label(), metric);
      if (curve.isEmpty()) {
        continue;
      }
      any = true;
      int n = (int) results.trialsOf(g.label()).stream().filter(TrialRow::isOk).count();
      var color = Charts.color(variantIndex(e, g));
      int k = curve.size();
      double[] x = new double[k];
      double[] mean = new double[k];
      double[] bandX = new double[2 * k];
      double[] bandY = new double[2 * k];
      for (int i = 0; i < k; i++) {
        StepStats s = curve.get(i);
        x[i] = s.step();
        mean[i] = s.mean();
        // The band is a closed polygon: along the maxima, then back along the minima.
        bandX[i] = s.step();
        bandY[i] = s.max();
        bandX[2 * k - 1 - i] = s.step();
        bandY[2 * k - 1 - i] = s.min();
        plotted.add(s.min());
        plotted.add(s.max());
        firstStep = Math.min(firstStep, s.step());
        lastStep = Math.max(lastStep, s.step());
      }
      XYSeries band = chart.addSeries(g.label() + " band", bandX, bandY);
      band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
      band.setFillColor(Charts.translucent(color, 50));
      band.setLineColor(Charts.translucent(color, 0));
      band.setMarker(SeriesMarkers.NONE);
      band.setShowInLegend(false);
      String name = variantIsUnique(groups, g) ? g.variant() : g.label();
      XYSeries line = chart.addSeries(name + " (n=" + n + ")", x, mean);
      line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      line.setLineColor(color);
      line.setLineStyle(Charts.SOLID);
      // A lone evaluation would be an invisible zero-length line.
      line.setMarker(k == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
      line.setMarkerColor(color);
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
      double b = entry.getValue();
      XYSeries s =
          chart.addSeries(entry.getKey(), new double[] {firstStep, lastStep}, new double[] {b, b});
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      s.setLineColor(Charts.BASELINE_COLOR);
      s.setLineStyle(Charts.DASHED);
      s.setMarker(SeriesMarkers.NONE);
      plotted.add(b);
    }
    chart
        .getStyler()
        .setYAxisLogarithmic(
            e.lowerIsBetter() && Charts.wantsLog(plotted.stream().mapToDouble(d -> d).toArray()));
    return chart;
  }

  /**
   * Mean, min and max of {@code metric} over the group's ok seeds at each step where at least
   * one seed has a finite value. Seeds normally share their evaluation steps.
   */
  static List<StepStats> meanCurve(Results results, String group, String metric) {
    Map<Long, List<Double>> byStep = new TreeMap<>();
    for (TrialRow c : results.trialsOf(group)) {
      if (!c.isOk()) {
        continue; // diverged curves end in NaN/Infinity and would swamp the mean
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
          double sum = 0;
          double min = Double.POSITIVE_INFINITY;
          double max = Double.NEGATIVE_INFINITY;
          for (double v : values) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
          }
          out.add(new StepStats(step, sum / values.size(), min, max));
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
