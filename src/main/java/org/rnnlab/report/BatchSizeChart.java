package org.rnnlab.report;

import java.util.ArrayList;
import java.util.Collections;
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
 * A final metric against the minibatch size, one line per named series of variants (e.g. the
 * BN-LSTM at batch 4, 16 and 64 as three variants): at each group's {@code training.batch_size}
 * the mean over its ok seeds with the 95% t confidence interval as an error bar, on a log2 x axis.
 * For the claim that batch normalisation degrades at small batches while layer normalisation
 * does not (Ba, Kiros and Hinton 2016; seed 000, 7.3.1).
 */
public final class BatchSizeChart {
  private BatchSizeChart() {}

  /**
   * {@code {"type": "batch_size", "metric": "accuracy", "series": {"BN-LSTM": ["bn_b4", "bn", "bn_b64"]}}},
   * optionally with a {@code name}.
   */
  public record Config(
      @OptionalKey @Hyper(doc = "The final metric; absent: report.main_metric.") String metric,
      @Hyper(doc = "Line name to the variants it joins (each variant's groups are placed at their resolved "
          + "training.batch_size), in legend order.") Map<String, List<String>> series,
      @OptionalKey @Hyper(doc = "The chart's name, for two or more batch-size charts: its file is "
          + "batch_size_NAME_METRIC.png and its title and caption say it; absent: batch_size_METRIC.png.")
      String name) implements ChartConfig {
    /** A chart named by its metric only. */
    public Config(String metric, Map<String, List<String>> series) {
      this(metric, series, null);
    }

    public Config {
      if (name != null && !name.matches("[a-z0-9_-]+")) {
        throw new IllegalArgumentException("batch_size name \"" + name + "\" must match [a-z0-9_-]+");
      }
      if (series == null || series.isEmpty()) {
        throw new IllegalArgumentException("batch_size needs series: line name to its variants");
      }
      Map<String, List<String>> copy = new LinkedHashMap<>();
      series.forEach((k, v) -> {
        if (v == null || v.isEmpty()) {
          throw new IllegalArgumentException("batch_size series \"" + k + "\" lists no variant");
        }
        copy.put(k, List.copyOf(v));
      });
      series = Collections.unmodifiableMap(copy);
    }

    @Override
    public List<Need> needs(String mainMetric) {
      return List.of(Need.metricOrMain(Measures.Kind.METRIC, metric, mainMetric));
    }

    @Override
    public List<ChartOutput> draw(Results results, ChartNames names) {
      String m = metric == null ? results.experiment().mainMetric() : metric;
      Drawn d = of(results, m, series);
      if (d == null) {
        return List.of();
      }
      if (name != null) {
        d.chart().setTitle(d.chart().getTitle() + " (" + name + ")");
      }
      return List.of(new ChartOutput(names.named("batch_size_" + (name == null ? "" : name + "_") + m), d.chart(),
          "Final " + m + " against the minibatch size" + (name == null ? "" : " (" + name + ")")
              + ": mean over ok seeds with its 95% t confidence interval (error bars), one line per series of "
              + "variants (seeds per point: " + String.join(", ", d.counts()) + ")."));
    }
  }

  /** The chart and, per line, "NAME n>=N" (the fewest seeds behind one of its points) for the caption. */
  record Drawn(XYChart chart, List<String> counts) {}

  /** The chart, or null if no listed group has an ok value of {@code metric} and a batch size. */
  static Drawn of(Results results, String metric, Map<String, List<String>> series) {
    XYChart chart = Charts.xyChart(Charts.WIDTH, Labels.capitalized(Labels.metric(metric)) + " vs batch size",
        "batch size (sequences per update)", Labels.metric(metric));
    List<Double> batches = new ArrayList<>();
    List<String> counts = new ArrayList<>();
    int colour = 0;
    for (Map.Entry<String, List<String>> s : series.entrySet()) {
      TreeMap<Double, List<Double>> byBatch = new TreeMap<>();
      for (Experiment.Group g : results.groups()) {
        double b = g.setting("training.batch_size");
        if (!s.getValue().contains(g.variant()) || !Double.isFinite(b)) {
          continue;
        }
        for (double v : results.okValues(g.label(), metric)) {
          byBatch.computeIfAbsent(b, k -> new ArrayList<>()).add(v);
        }
      }
      if (byBatch.isEmpty()) {
        colour++;
        continue;
      }
      double[] x = new double[byBatch.size()];
      double[] y = new double[x.length];
      double[] err = new double[x.length];
      int i = 0;
      int nMin = Integer.MAX_VALUE;
      for (Map.Entry<Double, List<Double>> e : byBatch.entrySet()) {
        Stats st = Stats.of(e.getValue().stream().mapToDouble(Double::doubleValue).toArray());
        x[i] = log2(e.getKey());
        y[i] = st.mean();
        err[i] = Double.isFinite(st.ciHigh()) ? st.ciHigh() - st.mean() : 0.0;
        nMin = Math.min(nMin, st.n());
        i++;
      }
      XYSeries line = chart.addSeries(s.getKey() + " (n>=" + nMin + ")", x, y, err);
      counts.add(s.getKey() + " n>=" + nMin);
      line.setLabel(s.getKey());
      batches.addAll(byBatch.keySet());
      line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      line.setLineColor(Charts.color(colour));
      line.setMarkerColor(Charts.color(colour));
      line.setLineStyle(Charts.SOLID);
      line.setMarker(SeriesMarkers.CIRCLE);
      colour++;
    }
    // log2 on a linear axis, labelled at the batch sizes only: a log axis over 4..64 labels 4..9, 10..60
    // and crowds them, and never 16 or 64
    chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> batchLabel(v, batches));
    return counts.isEmpty() ? null : new Drawn(chart, counts);
  }

  /** Where a batch size sits on the x axis. */
  static double log2(double b) {
    return Math.log(b) / Math.log(2);
  }

  /** The batch size whose log2 is {@code v}, if it is one of {@code batches}, else no label. */
  static String batchLabel(double v, List<Double> batches) {
    for (double b : batches) {
      if (Math.abs(log2(b) - v) < 1e-9) {
        return Num.show(b);
      }
    }
    return "";
  }
}
