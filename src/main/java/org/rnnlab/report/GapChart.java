package org.rnnlab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;

/**
 * The gap in a final metric between paired variants (e.g. bilstm minus lstm) at each sweep point:
 * the difference of their means over ok seeds with its 95% Welch confidence interval,
 * gap ± t(0.975, df) sqrt(s_a²/n_a + s_b²/n_b), df by Welch–Satterthwaite. The caption states every
 * gap and interval, so the report carries the numbers as well as the picture.
 */
public final class GapChart {
  private GapChart() {}

  /** One gap: variant b minus variant a at one point. */
  record Gap(String label, Point point, double gap, double low, double high, int nA, int nB) {}

  /** {@code {"type": "gap", "pairs": {"lstm": "bilstm"}}}: the metric of each value variant minus its key's. */
  public record Config(
      @Hyper(doc = "Pairs of variants, reference to compared: {\"lstm\": \"bilstm\"} draws bilstm minus lstm at "
          + "every sweep point; none: no chart.", defaultValue = "{}") Map<String, String> pairs,
      @OptionalKey @Hyper(doc = "The final metric; absent: report.main_metric.") String metric) implements ChartConfig {
    public Config {
      pairs = pairs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pairs));
    }

    @Override
    public List<ChartOutput> draw(Results results, ChartNames names) {
      String m = metric == null ? results.experiment().mainMetric() : metric;
      List<Gap> gaps = gaps(results, pairs, m);
      if (gaps.isEmpty()) {
        return List.of();
      }
      return List.of(new ChartOutput(names.named("gap_" + m), chart(gaps, m), caption(gaps, m)));
    }
  }

  /** The gaps of every pair at every point where both variants have at least one ok value. */
  static List<Gap> gaps(Results results, Map<String, String> pairs, String metric) {
    List<Gap> out = new ArrayList<>();
    for (Point p : results.points()) {
      for (Map.Entry<String, String> pair : pairs.entrySet()) {
        double[] a = values(results, p, pair.getKey(), metric);
        double[] b = values(results, p, pair.getValue(), metric);
        if (a.length > 0 && b.length > 0) {
          out.add(gap(pair.getValue() + " − " + pair.getKey(), p, a, b));
        }
      }
    }
    return out;
  }

  private static double[] values(Results results, Point p, String variant, String metric) {
    for (Experiment.Group g : results.groupsAt(p)) {
      if (g.variant().equals(variant)) {
        return results.okValues(g.label(), metric);
      }
    }
    return new double[0];
  }

  /** mean(b) - mean(a) with its Welch interval (NaN ends with fewer than two values on a side). */
  static Gap gap(String label, Point p, double[] a, double[] b) {
    double d = StatUtils.mean(b) - StatUtils.mean(a);
    if (a.length < 2 || b.length < 2) {
      return new Gap(label, p, d, Double.NaN, Double.NaN, a.length, b.length);
    }
    double va = StatUtils.variance(a) / a.length;
    double vb = StatUtils.variance(b) / b.length;
    if (va + vb == 0) {
      return new Gap(label, p, d, d, d, a.length, b.length);
    }
    double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
    double half = new TDistribution(null, df).inverseCumulativeProbability(0.975) * Math.sqrt(va + vb);
    return new Gap(label, p, d, d - half, d + half, a.length, b.length);
  }

  private static CategoryChart chart(List<Gap> gaps, String metric) {
    CategoryChart chart = new CategoryChart(Charts.WIDTH, Charts.HEIGHT);
    Charts.style(chart.getStyler());
    chart.getStyler().setOverlapped(false);
    chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    chart.setTitle("gap in final " + metric + " (mean difference, bar: 95% Welch CI)");
    chart.setYAxisTitle(metric + " gap");
    List<String> labels = new ArrayList<>();
    gaps.forEach(g -> {
      if (!labels.contains(g.label())) {
        labels.add(g.label());
      }
    });
    Map<Point, List<Gap>> byPoint = new LinkedHashMap<>();
    gaps.forEach(g -> byPoint.computeIfAbsent(g.point(), k -> new ArrayList<>()).add(g));
    int color = 0;
    for (Map.Entry<Point, List<Gap>> e : byPoint.entrySet()) {
      List<Double> ys = new ArrayList<>();
      List<Double> err = new ArrayList<>();
      for (String l : labels) {
        Gap g = e.getValue().stream().filter(x -> x.label().equals(l)).findFirst().orElse(null);
        ys.add(g == null ? null : g.gap());
        err.add(g == null || Double.isNaN(g.high()) ? 0.0 : g.high() - g.gap());
      }
      String name = e.getKey().isEmpty() ? "gap" : e.getKey().label();
      CategorySeries s = chart.addSeries(name, labels, ys, err);
      s.setMarker(SeriesMarkers.DIAMOND);
      s.setMarkerColor(Charts.color(color++));
    }
    List<Double> zero = new ArrayList<>();
    labels.forEach(l -> zero.add(0.0));
    CategorySeries z = chart.addSeries("no gap", labels, zero);
    z.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
    z.setLineColor(Charts.BASELINE_COLOR);
    z.setLineStyle(Charts.DASHED);
    z.setMarker(SeriesMarkers.NONE);
    return chart;
  }

  static String caption(List<Gap> gaps, String metric) {
    List<String> parts = new ArrayList<>();
    for (Gap g : gaps) {
      String ci = Double.isNaN(g.low()) ? "no interval (fewer than 2 seeds)"
          : "95% CI [" + signed(g.low()) + ", " + signed(g.high()) + "]";
      parts.add((g.point().isEmpty() ? "" : g.point().label() + ": ") + g.label() + " = " + signed(g.gap()) + ", "
          + ci + " (n " + g.nA() + "/" + g.nB() + ")");
    }
    return "Gap in final " + metric + " between paired variants over ok seeds, mean difference with its 95% Welch "
        + "confidence interval: " + String.join("; ", parts) + ".";
  }

  private static String signed(double v) {
    return (v > 0 ? "+" : "") + String.format(Locale.ROOT, "%.4f", v);
  }
}
