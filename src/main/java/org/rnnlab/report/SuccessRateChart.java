package org.rnnlab.report;

import java.awt.Color;
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
 * The success rate against the sequence length, one line per variant (one line per clipping rule:
 * the shape of Pascanu, Mikolov and Bengio 2013, Fig. 7). The rate at a point is the number of
 * trials whose final {@code metric} is 1 over the trials with a result, diverged runs counting as
 * failures; the fraction of runs that diverged is marked with crosses in the line's colour.
 */
public final class SuccessRateChart {
  private SuccessRateChart() {}

  /** {@code {"type": "success_rate", "key": "task", "points": {"order_t10": 10, "order_t20": 20}}}. */
  public record Config(
      @Hyper(doc = "The 0/1 final metric that says whether a trial succeeded (bptt report_success: success).",
          defaultValue = "\"" + Measures.SUCCESS + "\"") String metric,
      @OptionalKey @Hyper(doc = "The sweep key along the x axis; absent: the first sweep key.") String key,
      @Hyper(doc = "The x value of each point of the key (point name or value to x, e.g. a named task point to its "
          + "length); only these points are drawn; empty: the key's values read as numbers.", defaultValue = "{}")
      Map<String, Double> points,
      @Hyper(doc = "Variants to draw; empty: all.", defaultValue = "[]") List<String> variants,
      @Hyper(doc = "Other sweep keys to fix: key to value (point name for named points); empty: all (each "
          + "combination of the others is its own line).", defaultValue = "{}") Map<String, Object> where,
      @Hyper(doc = "What the x axis is.", defaultValue = "\"sequence length\"") String xLabel,
      @OptionalKey @Hyper(doc = "A title; absent: one naming the metric and the key.") String title)
      implements ChartConfig {
    public Config {
      metric = metric == null ? Measures.SUCCESS : metric;
      points = points == null ? Map.of() : Map.copyOf(points);
      variants = variants == null ? List.of() : List.copyOf(variants);
      where = where == null ? Map.of() : Map.copyOf(where);
      xLabel = xLabel == null ? "sequence length" : xLabel;
    }

    @Override
    public List<Need> needs(String mainMetric) {
      return List.of(Need.at(Measures.Kind.METRIC, metric, "metric"));
    }

    @Override
    public List<ChartOutput> draw(Results results, ChartNames names) {
      Experiment e = results.experiment();
      String k = key != null ? key : e.sweep().isEmpty() ? null : e.sweep().keySet().iterator().next();
      if (k == null) {
        return List.of();
      }
      Map<String, List<Experiment.Group>> byLine = new LinkedHashMap<>();
      for (Experiment.Group g : SeriesCharts.select(results, variants, where)) {
        String v = g.point().values().get(k);
        if (v == null || !Double.isFinite(x(v))) {
          continue;
        }
        Point rest = g.point().without(k);
        byLine.computeIfAbsent(g.variant() + (rest.isEmpty() ? "" : " " + rest.label()), s -> new ArrayList<>()).add(g);
      }
      String t = title != null ? title : "Success rate against " + xLabel;
      XYChart chart = SeriesCharts.chart(t, xLabel, "success rate");
      boolean any = false;
      // an ok trial without the metric says nothing (rather than failure); no such metric at all: no chart
      boolean measured = false;
      StringBuilder table = new StringBuilder();
      for (Map.Entry<String, List<Experiment.Group>> entry : byLine.entrySet()) {
        TreeMap<Double, double[]> byX = new TreeMap<>();
        for (Experiment.Group g : entry.getValue()) {
          int ok = 0;
          int diverged = 0;
          int success = 0;
          for (TrialRow r : results.trialsOf(g.label())) {
            if (r.isOk()) {
              if (!Double.isFinite(r.metric(metric))) {
                continue;
              }
              measured = true;
              ok++;
              success += r.metric(metric) >= 0.5 ? 1 : 0;
            } else if (TrialRow.DIVERGED.equals(r.status())) {
              diverged++;
            }
          }
          int n = ok + diverged;
          if (n > 0) {
            byX.put(x(g.point().values().get(k)), new double[] {(double) success / n, (double) diverged / n, n});
          }
        }
        if (byX.isEmpty()) {
          continue;
        }
        any = true;
        int index = LearningCurveChart.variantIndex(results.experiment(), entry.getValue().get(0));
        Color c = Charts.color(index);
        double[] xs = byX.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        double[] rate = byX.values().stream().mapToDouble(v -> v[0]).toArray();
        double[] div = byX.values().stream().mapToDouble(v -> v[1]).toArray();
        Experiment.Group first = entry.getValue().get(0);
        Point rest = first.point().without(k);
        String label = first.display() + (rest.isEmpty() ? "" : " " + rest.label()); // for readers; the key is the id
        XYSeries s = chart.addSeries(entry.getKey(), xs, rate);
        s.setLabel(label);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setLineColor(c);
        s.setLineStyle(Charts.variantStroke(index, Charts.SOLID.getLineWidth()));
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(c);
        table.append(table.length() == 0 ? "" : "; ").append(label).append(':');
        byX.forEach((x, v) -> table.append(' ').append(Num.show(x)).append('=').append(Num.show(v[0]))
            .append(v[1] > 0 ? " (" + Math.round(v[1] * v[2]) + " diverged)" : ""));
        boolean anyDiverged = false;
        for (double d : div) {
          anyDiverged |= d > 0;
        }
        if (anyDiverged) {
          XYSeries d = chart.addSeries(entry.getKey() + ": diverged", xs, div);
          d.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
          d.setMarker(SeriesMarkers.CROSS);
          d.setMarkerColor(c);
          d.setShowInLegend(false); // the caption says what the crosses are
        }
      }
      if (!any || !measured) {
        return List.of();
      }
      chart.getStyler().setYAxisMin(0.0);
      // A hair above 1: at rates 0, 0.5 and 1 (equal steps) XChart 3.8.8 would tick only the rates themselves.
      chart.getStyler().setYAxisMax(1.0 + 1e-4);
      Charts.roundXTicks(chart);
      return List.of(new ChartOutput(names.named("success-" + metric + "-" + (title == null ? k : title)), chart,
          "Success rate against " + xLabel + ", one line per variant: the fraction of runs whose final " + metric
              + " is 1, over every run with a result (ok or diverged; diverged runs count as failures); crosses: the "
              + "fraction of that line's runs that diverged. Rates (" + xLabel + "=rate): " + table + "."));
    }

    private double x(String value) {
      if (!points.isEmpty()) {
        Double v = points.get(value);
        return v == null ? Double.NaN : v;
      }
      try {
        return Double.parseDouble(value);
      } catch (NumberFormatException ex) {
        return Double.NaN;
      }
    }
  }
}
