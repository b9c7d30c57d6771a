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
import org.rnnlab.results.Measures;

/**
 * A final metric against a numeric setting (read at a setting path of each group's resolved config,
 * e.g. the reservoir size {@code model.hidden_size}): one line per variant through the means over
 * ok seeds, with the 95% t confidence interval of each mean as error bars, and chosen task
 * baselines of each variant in its colour, dashed, dotted and dash-dotted. Groups of one variant at the same setting are
 * pooled, so select them with {@code where}.
 */
public final class SettingCurveChart {
  private SettingCurveChart() {}

  /** One stroke per baseline of a variant, so that the legend tells them apart. */
  private static final java.awt.BasicStroke[] BASELINE_STROKES = {Charts.DASHED,
      new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10f,
          new float[] {2f, 3f}, 0f),
      new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10f,
          new float[] {10f, 3f, 2f, 3f}, 0f)};

  /** {@code {"type": "setting_curve", "metric": "nrmse", "x": "model.hidden_size", "where": {...}}}. */
  public record Config(
      @OptionalKey @Hyper(doc = "The final metric; absent: report.main_metric.") String metric,
      @Hyper(doc = "The setting along x: its path in a trial's resolved config, as sweep keys write it, e.g. "
          + "model.hidden_size.")
      String x,
      @Hyper(doc = "Which groups: sweep key to a regular expression its value (a point's name for named points) "
          + "must match in full; keys left out match every value.", defaultValue = "{}") Map<String, String> where,
      @Hyper(doc = "Task baselines (keys of the task's baseline, e.g. nrmse, linear_nrmse) drawn dashed for each "
          + "variant.", defaultValue = "[]") List<String> baselines,
      @OptionalKey @Hyper(doc = "Only this variant; absent: every variant, one line each.") String variant,
      @Hyper(doc = "Only these variants (absent or empty: all).", defaultValue = "[]") List<String> variants,
      @OptionalKey @Hyper(doc = "Draw every selected group on one line of this name, e.g. variants that differ only "
          + "in the setting along x (an LSTM's truncation length); absent: one line per variant.") String line)
      implements ChartConfig {
    /** The chart without a variant list or a pooled line. */
    public Config(String metric, String x, Map<String, String> where, List<String> baselines, String variant) {
      this(metric, x, where, baselines, variant, null, null);
    }

    public Config {
      variants = variants == null ? List.of() : List.copyOf(variants);
      GroupSelection.checkPath(x, "x");
      where = where == null ? Map.of() : Map.copyOf(new TreeMap<>(where));
      baselines = baselines == null ? List.of() : List.copyOf(baselines);
      GroupSelection.of(variant, where);
    }

    @Override
    public List<Need> needs(String mainMetric) {
      return List.of(Need.metricOrMain(Measures.Kind.METRIC, metric, mainMetric));
    }

    @Override
    public List<ChartOutput> draw(Results results, ChartNames names) {
      String m = metric == null ? results.experiment().mainMetric() : metric;
      List<Experiment.Group> groups = GroupSelection.of(variant, where).groups(results).stream()
          .filter(g -> variants.isEmpty() || variants.contains(g.variant())).toList();
      XYChart c = of(results, groups, m, x, baselines, line);
      return c == null ? List.of() : List.of(new ChartOutput(names.named("final_" + m + "_vs_"
          + GroupSelection.settingName(x) + (variant == null ? "" : "_" + variant) + (line == null ? "" : "_" + line)), c, "Final " + m + " against " + GroupSelection.settingName(x)
          + ": mean over ok seeds with its 95% t confidence interval" + (baselines.isEmpty() ? "" : "; baselines "
          + String.join(", ", baselines) + " dashed") + "."));
    }
  }

  static XYChart of(Results results, List<Experiment.Group> groups, String metric, String x, List<String> baselines) {
    return of(results, groups, metric, x, baselines, null);
  }

  /** The chart, with every group on one line named {@code line} if that is not null. */
  static XYChart of(Results results, List<Experiment.Group> groups, String metric, String x, List<String> baselines,
                    String line) {
    Experiment e = results.experiment();
    String name = GroupSelection.settingName(x).replace('_', ' ');
    List<String> variants = line == null ? GroupSelection.variants(results, groups) : List.of(line);
    Map<String, String> shown = new LinkedHashMap<>(); // variant -> its display name, for titles and legends
    for (Experiment.Group g : results.groups()) {
      shown.putIfAbsent(g.variant(), g.display());
    }
    // long legend entries widen the chart rather than narrow the plot
    List<String> labels = new ArrayList<>(variants);
    for (String v : variants) {
      for (String b : baselines) {
        labels.add(baselineLabel(variants, shown.getOrDefault(v, v), b, metric));
      }
    }
    XYChart chart = Charts.xyChart(Charts.widthForLegend(labels), Labels.capitalized(Labels.metric(metric)) + " vs " + name
        + (variants.size() == 1 ? ", " + shown.getOrDefault(variants.get(0), variants.get(0)) : ""), name,
        Labels.metric(metric));
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    boolean any = false;
    for (String v : variants) {
      List<Experiment.Group> mine = line != null ? groups
          : groups.stream().filter(g -> g.variant().equals(v)).toList();
      TreeMap<Double, List<Double>> byX = new TreeMap<>();
      Map<String, TreeMap<Double, Double>> base = new LinkedHashMap<>();
      for (Experiment.Group g : mine) {
        double gx = g.setting(x);
        if (!Double.isFinite(gx)) {
          continue;
        }
        for (double val : results.okValues(g.label(), metric)) {
          byX.computeIfAbsent(gx, k -> new ArrayList<>()).add(val);
        }
        for (String b : baselines) {
          double bv = g.baselineOf(b);
          if (Double.isFinite(bv)) {
            base.computeIfAbsent(b, k -> new TreeMap<>()).putIfAbsent(gx, bv);
          }
        }
      }
      if (byX.isEmpty()) {
        continue;
      }
      any = true;
      int k = byX.size();
      double[] px = new double[k];
      double[] py = new double[k];
      double[] err = new double[k];
      int i = 0;
      for (Map.Entry<Double, List<Double>> en : byX.entrySet()) {
        Stats s = Stats.of(en.getValue().stream().mapToDouble(Double::doubleValue).toArray());
        px[i] = en.getKey();
        py[i] = s.mean();
        err[i] = s.n() > 1 ? s.ciHigh() - s.mean() : 0.0;
        xs.add(px[i]);
        ys.add(py[i] - err[i]);
        ys.add(py[i] + err[i]);
        i++;
      }
      int index = LearningCurveChart.variantIndex(e, mine.get(0));
      var color = Charts.color(index);
      XYSeries s = chart.addSeries(v, px, py, err);
      s.setLabel(shown.getOrDefault(v, v));
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      s.setLineColor(color);
      s.setMarkerColor(color);
      s.setLineStyle(Charts.variantStroke(index, Charts.SOLID.getLineWidth()));
      s.setMarker(Charts.variantMarker(index));
      int style = 0;
      for (Map.Entry<String, TreeMap<Double, Double>> b : base.entrySet()) {
        double[] bx = b.getValue().keySet().stream().mapToDouble(Double::doubleValue).toArray();
        double[] by = b.getValue().values().stream().mapToDouble(Double::doubleValue).toArray();
        if (bx.length == 1) {
          bx = new double[] {px[0], px[k - 1]};
          by = new double[] {by[0], by[0]};
        }
        XYSeries bs = chart.addSeries(v + ": baseline " + b.getKey(), bx, by);
        bs.setLabel(baselineLabel(variants, shown.getOrDefault(v, v), b.getKey(), metric));
        bs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        bs.setLineColor(color);
        bs.setLineStyle(BASELINE_STROKES[style++ % BASELINE_STROKES.length]);
        bs.setMarker(SeriesMarkers.NONE);
        for (double d : by) {
          ys.add(d);
        }
      }
    }
    if (!any) {
      return null;
    }
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    double[] xv = xs.stream().mapToDouble(Double::doubleValue).toArray();
    // log only over more than two decades, where XChart labels the decades alone: below that it labels every
    // 1..9 multiple and takes no formatter ("80 90100"), so sizes such as 50..400 read better on a linear axis
    Charts.xAxis(chart.getStyler(), Charts.wantsLog(xv), xv);
    chart.getStyler().setYAxisLogarithmic(e.lowerIsBetter()
        && Charts.wantsLog(ys.stream().mapToDouble(Double::doubleValue).toArray()));
    return chart;
  }

  /** A baseline in the legend: "baseline" for the metric's own, "baseline linear" for linear_nrmse of nrmse. */
  private static String baselineLabel(List<String> variants, String shown, String baseline, String metric) {
    String kind = baseline.endsWith("_" + metric)
        ? baseline.substring(0, baseline.length() - metric.length() - 1) : baseline;
    String words = baseline.equals(metric) ? "baseline" : "baseline " + kind.replace('_', ' ');
    return variants.size() == 1 ? words : shown + ", " + words;
  }
}
