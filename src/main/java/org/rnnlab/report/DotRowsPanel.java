package org.rnnlab.report;

import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnnlab.results.Measures;

/**
 * A {@link FinalMetricChart} panel turned on its side, for variants whose display names are too long
 * to stand under a horizontal axis ("per time step at 15 (Mikolov)"): one row per variant with its
 * name beside it, the metric along x. Every seed a dot, the median a bold tick, the quartiles a
 * whisker below, the baseline a dashed vertical line; a panel grows downward by one row per variant.
 */
final class DotRowsPanel {
  private DotRowsPanel() {}

  /** Display names longer than this many characters turn a final-metric panel on its side. */
  static final int LONG_NAME = 18;

  /**
   * Points per row. XChart 3.8.8 spaces the ticks of a y axis under 160 points at least 25 points apart and
   * rounds the step up to 2 once a row gets less than about 17 points of plot: 20 points a row (with the
   * title and x axis, 58 points) keep a tick, and so a name, at every row.
   */
  private static final int ROW = 20;

  /** Whether {@code names} need rows rather than columns. */
  static boolean wanted(List<String> names) {
    return names.stream().anyMatch(n -> n.length() > LONG_NAME);
  }

  /**
   * One panel: {@code drawn} as rows top to bottom, named {@code names}, on an x axis spanning {@code all}
   * (the values of every panel of the point, so that panels compare), titled {@code title}, {@code width}
   * points wide ({@link #width}).
   */
  static XYChart panel(Results results, List<Experiment.Group> drawn, List<String> names, String title,
                       String metric, String scale, double[] all, int width) {
    Experiment e = results.experiment();
    int n = drawn.size();
    XYChart chart = new XYChart(width, 58 + ROW * n);
    Charts.style(chart.getStyler());
    chart.setTitle(title);
    String kind = metric.equals(Measures.LOSS) ? Labels.lossKind(results, drawn) : null;
    chart.setXAxisTitle(Labels.metric(metric, kind));
    chart.setYAxisTitle("");
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setPlotGridHorizontalLinesVisible(false);

    boolean log = Charts.logAxis(scale, metric, e.lowerIsBetter(), all, Charts.LOG_SPAN);
    // over two decades and more the values are drawn as their log10 and the decades labelled 10^k (XChart's own
    // log axis would say 1E-5); a forced log axis over less keeps XChart's, which labels every 1..9 multiple
    boolean decades = log && Charts.wantsLog(all, Charts.LOG_SPAN);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : all) {
      if (Double.isFinite(v) && (!decades || v > 0)) {
        lo = Math.min(lo, at(v, decades));
        hi = Math.max(hi, at(v, decades));
      }
    }
    for (int i = 0; i < n; i++) {
      Experiment.Group g = drawn.get(i);
      double[] v = results.okValues(g.label(), metric);
      Stats s = Stats.of(v);
      double y = n - 1 - i; // the first variant on top
      int index = LearningCurveChart.variantIndex(e, g);
      Color color = Charts.color(index);
      double[] x = new double[v.length];
      double[] ys = new double[v.length];
      for (int k = 0; k < v.length; k++) {
        x[k] = at(v[k], decades);
        ys[k] = y + 0.15 - 0.3 * (v.length == 1 ? 0.5 : (double) k / (v.length - 1));
      }
      XYSeries seeds = chart.addSeries(g.variant() + " seeds", x, ys);
      seeds.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      seeds.setMarker(Charts.variantMarker(index));
      seeds.setMarkerColor(Charts.translucent(color, 150));
      double m = at(s.median(), decades);
      XYSeries median = chart.addSeries(g.variant() + " median", new double[] {m, m},
          new double[] {y - 0.3, y + 0.3});
      median.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      median.setLineColor(color);
      median.setLineStyle(new java.awt.BasicStroke(2.2f));
      median.setMarker(SeriesMarkers.NONE);
      if (v.length > 1) {
        XYSeries iqr = chart.addSeries(g.variant() + " quartiles",
            new double[] {at(s.q1(), decades), at(s.q3(), decades)}, new double[] {y - 0.36, y - 0.36});
        iqr.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        iqr.setLineColor(color);
        iqr.setLineStyle(new java.awt.BasicStroke(1.2f));
        iqr.setMarker(SeriesMarkers.NONE);
      }
    }
    double baseline = drawn.get(0).baselineOf(metric);
    if (Double.isFinite(baseline) && (!decades || baseline > 0)) {
      double b = at(baseline, decades);
      XYSeries s = chart.addSeries("baseline", new double[] {b, b}, new double[] {-0.5, n - 0.5});
      s.setLabel("baseline " + Num.show(baseline));
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      s.setLineColor(Charts.BASELINE_COLOR);
      s.setLineStyle(Charts.DASHED);
      s.setMarker(SeriesMarkers.NONE);
    }
    chart.getStyler().setYAxisMin(-0.5);
    chart.getStyler().setYAxisMax(n - 0.5);
    // a tick at every row (see ROW): taller panels take the hint, spacing ticks at least this far apart
    chart.getStyler().setYAxisTickMarkSpacingHint(ROW - 6);
    List<String> bottomUp = new java.util.ArrayList<>(names);
    java.util.Collections.reverse(bottomUp);
    chart.setCustomYAxisTickLabelsFormatter(d -> Charts.categoryLabel(d, bottomUp));
    if (hi > lo) {
      chart.getStyler().setXAxisMin(lo);
      chart.getStyler().setXAxisMax(hi);
    }
    if (decades) {
      chart.getStyler().setXAxisTickMarkSpacingHint(Math.max(34, (int) Math.ceil((width - 160.0) / Math.max(1, hi - lo))));
      chart.setCustomXAxisTickLabelsFormatter(Charts::powerOfTen);
    } else {
      Charts.xAxis(chart.getStyler(), log, all);
      chart.getStyler().setXAxisDecimalPattern("0.########");
    }
    return chart;
  }

  /**
   * The width of panels that show {@code names} beside the plot under {@code titles}, rounded up to 40 points
   * so that panels of one figure line up: the names' column (about 4.2 points a character at 8 points) plus a
   * plot of at least 230 points, and room for the longest title, which XChart centres over the plot.
   */
  static int width(List<String> names, List<String> titles) {
    int column = 10 + (int) Math.ceil(4.2 * names.stream().mapToInt(String::length).max().orElse(4));
    int title = (int) Math.ceil(5.6 * titles.stream().mapToInt(String::length).max().orElse(0));
    int w = column + Math.max(230, 24 + title);
    return Math.min(Charts.MAX_WIDTH, (w + 39) / 40 * 40);
  }

  /** Where {@code v} sits on the x axis: itself, or its log10 on an axis of decades. */
  private static double at(double v, boolean decades) {
    return decades ? Math.log10(v) : v;
  }
}
