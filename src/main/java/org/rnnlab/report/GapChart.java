package org.rnnlab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.results.Measures;

/**
 * The gap in a final metric between paired variants (e.g. bilstm minus lstm) at each sweep point:
 * the difference of their means over ok seeds with its 95% Welch confidence interval,
 * gap ± t(0.975, df) sqrt(s_a²/n_a + s_b²/n_b), df by Welch–Satterthwaite. One chart per sweep point
 * (gaps of different tasks can differ by orders of magnitude); the caption states every gap and
 * interval, so the report carries the numbers as well as the picture.
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
    public List<Need> needs(String mainMetric) {
      return List.of(Need.metricOrMain(Measures.Kind.METRIC, metric, mainMetric));
    }

    @Override
    public List<ChartOutput> draw(Results results, ChartNames names) {
      String m = metric == null ? results.experiment().mainMetric() : metric;
      List<ChartOutput> out = new ArrayList<>();
      for (Point p : results.points()) {
        List<Gap> gaps = gaps(results, p, pairs, m);
        if (!gaps.isEmpty()) {
          String where = p.isEmpty() ? "" : ", " + Labels.point(results.groupsAt(p).get(0));
          out.add(new ChartOutput(names.named("gap_" + m + stem(p)), chart(gaps, where, m), caption(gaps, m)));
        }
      }
      return out;
    }
  }

  /** "" without a sweep, else "_key-value[__key-value]" with each key's last dotted part. */
  private static String stem(Point p) {
    StringBuilder sb = new StringBuilder();
    p.values().forEach((k, v) -> sb.append(sb.length() == 0 ? "_" : "__").append(k.substring(k.lastIndexOf('.') + 1))
        .append('-').append(v));
    return sb.toString();
  }

  /** The gaps of every pair at {@code p} where both variants have at least one ok value. */
  static List<Gap> gaps(Results results, Point p, Map<String, String> pairs, String metric) {
    List<Gap> out = new ArrayList<>();
    for (Map.Entry<String, String> pair : pairs.entrySet()) {
      double[] a = values(results, p, pair.getKey(), metric);
      double[] b = values(results, p, pair.getValue(), metric);
      if (a.length > 0 && b.length > 0) {
        out.add(gap(display(results, p, pair.getValue()) + " − " + display(results, p, pair.getKey()), p, a, b));
      }
    }
    return out;
  }

  /** The display name of {@code variant} (its group's at {@code p}). */
  private static String display(Results results, Point p, String variant) {
    return results.groupsAt(p).stream().filter(g -> g.variant().equals(variant)).map(Experiment.Group::display)
        .findFirst().orElse(variant);
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

  /** One chart of the gaps at one point: pairs along x (labelled), the interval as error bars, 0 dashed. */
  private static XYChart chart(List<Gap> gaps, String where, String metric) {
    String title = "Gap in " + Labels.metric(metric) + where;
    // a named task's words can be long: the chart widens rather than cut its title
    XYChart chart = Charts.xyChart(Charts.widthForTitle(Charts.WIDTH, title), title, "pair (compared − reference)",
        Labels.metric(metric) + " gap");
    int n = gaps.size();
    double[] x = new double[n];
    double[] y = new double[n];
    double[] err = new double[n];
    for (int i = 0; i < n; i++) {
      Gap g = gaps.get(i);
      x[i] = i;
      y[i] = g.gap();
      err[i] = Double.isNaN(g.high()) ? 0.0 : g.high() - g.gap();
    }
    XYSeries s = chart.addSeries("gap", x, y, err);
    s.setLabel("gap, 95% CI");
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    s.setMarker(SeriesMarkers.DIAMOND);
    s.setMarkerColor(Charts.color(0));
    XYSeries z = chart.addSeries("no gap", new double[] {-0.5, n - 0.5}, new double[] {0.0, 0.0});
    z.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    z.setLineColor(Charts.BASELINE_COLOR);
    z.setLineStyle(Charts.DASHED);
    z.setMarker(SeriesMarkers.NONE);
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    // half a category of room at each end: a first or last name centred on the plot's edge is dropped by XChart
    chart.getStyler().setXAxisMin(-0.5);
    chart.getStyler().setXAxisMax(n - 0.5);
    List<String> names = gaps.stream().map(Gap::label).toList();
    chart.setCustomXAxisTickLabelsFormatter(d -> Charts.categoryLabel(d, names));
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
