package org.rnnlab.report;

import java.util.ArrayList;
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
 * A final metric measured on several evaluation sets, each placed at an x value the spec gives, e.g.
 * a reversal model's accuracy on sets of growing source length (with the training lengths marked),
 * or the word error rate of the test set decoded with growing beam widths: a line per group through
 * the median over seeds, the quartiles as a band and every seed as a dot.
 */
public final class SetCurveChart {
  private SetCurveChart() {}

  /** One evaluation set and where it sits on the x axis. */
  public record SetPoint(
      @Hyper(doc = "The evaluation set: test, validation, a set of evaluation.sets, or test_beamB.") String set,
      @Hyper(doc = "Its x value (e.g. the set's source length, or the beam width).") Double x) {
    public SetPoint {
      if (set == null || set.isEmpty() || x == null || !Double.isFinite(x)) {
        throw new IllegalArgumentException("a set_curve point needs a set and a finite x");
      }
    }
  }

  /** {@code {"type": "set_curve", "metric": "accuracy", "points": [{"set": "len12", "x": 12}, ...]}}. */
  public record Config(
      @Hyper(doc = "The task metric, measured on every set of points (e.g. accuracy, wer).") String metric,
      @Hyper(doc = "The sets and their x values, in any order.") List<SetPoint> points,
      @Hyper(doc = "The x axis title.", defaultValue = "\"evaluation set\"") String xTitle,
      @OptionalKey @Hyper(doc = "The y axis title; absent: the metric.") String yTitle,
      @OptionalKey @Hyper(doc = "An x range to mark, [low, high] (e.g. the training lengths); absent: none.")
      List<Double> marked,
      @Hyper(doc = "What the marked range is, in the legend.", defaultValue = "\"training range\"") String markedLabel,
      @Hyper(doc = "Only these variants (absent or empty: all).", defaultValue = "[]") List<String> variants,
      @Hyper(doc = "Which groups: sweep key to a regular expression its value must match in full.",
          defaultValue = "{}") Map<String, String> where,
      @OptionalKey @Hyper(doc = "The chart's file name stem; absent: sets_<metric>.") String name)
      implements ChartConfig {
    public Config {
      if (metric == null || metric.isEmpty() || points == null || points.size() < 2) {
        throw new IllegalArgumentException("set_curve needs a metric and at least two points");
      }
      points = List.copyOf(points);
      if (marked != null && (marked.size() != 2 || !(marked.get(0) <= marked.get(1)))) {
        throw new IllegalArgumentException("marked must be [low, high] with low <= high, got " + marked);
      }
      marked = marked == null ? null : List.copyOf(marked);
      xTitle = xTitle == null ? "evaluation set" : xTitle;
      markedLabel = markedLabel == null ? "training range" : markedLabel;
      variants = variants == null ? List.of() : List.copyOf(variants);
      where = where == null ? Map.of() : Map.copyOf(new TreeMap<>(where));
      GroupSelection.of(null, where);
    }

    /** The final metric of {@code p}'s set. */
    private String metricOf(SetPoint p) {
      return Measures.ofSet(p.set(), metric);
    }

    @Override
    public List<Need> needs(String mainMetric) {
      List<Need> out = new ArrayList<>();
      for (int i = 0; i < points.size(); i++) {
        out.add(Need.at(Measures.Kind.METRIC, metricOf(points.get(i)), "points/" + i + "/set"));
      }
      return out;
    }

    @Override
    public List<ChartOutput> draw(Results results, ChartNames names) {
      List<Experiment.Group> groups = GroupSelection.of(null, where).groups(results).stream()
          .filter(g -> variants.isEmpty() || variants.contains(g.variant())).toList();
      List<SetPoint> sorted = new ArrayList<>(points);
      sorted.sort((a, b) -> Double.compare(a.x(), b.x()));
      String yt = yTitle == null ? metric : yTitle;
      String title = Labels.capitalized(yt) + " against " + xTitle;
      XYChart chart = Charts.xyChart(Charts.widthForTitle(Charts.WIDTH, title), title, xTitle, yt);
      double yLo = Double.POSITIVE_INFINITY;
      double yHi = Double.NEGATIVE_INFINITY;
      boolean any = false;
      for (Experiment.Group g : groups) {
        int look = LearningCurveChart.variantIndex(results.experiment(), g);
        java.awt.Color color = Charts.color(look);
        List<double[]> ys = new ArrayList<>();
        List<Double> dotX = new ArrayList<>();
        List<Double> dotY = new ArrayList<>();
        for (TrialRow t : results.trialsOf(g.label())) {
          if (!t.isOk()) {
            continue;
          }
          double[] y = new double[sorted.size()];
          for (int i = 0; i < y.length; i++) {
            y[i] = t.metric(metricOf(sorted.get(i)));
            if (Double.isFinite(y[i])) {
              dotX.add(sorted.get(i).x());
              dotY.add(y[i]);
              yLo = Math.min(yLo, y[i]);
              yHi = Math.max(yHi, y[i]);
            }
          }
          ys.add(y);
        }
        if (dotX.isEmpty()) {
          continue;
        }
        any = true;
        String label = SeriesCharts.id(groups, g);
        SeriesCharts.draw(chart, label, SeriesCharts.label(groups, g),
            SeriesCharts.band(ys, i -> sorted.get(i).x(), false), color, false);
        chart.getSeriesMap().get(label).setLineStyle(Charts.variantStroke(look, Charts.SOLID.getLineWidth()));
        chart.getSeriesMap().get(label).setMarker(Charts.variantMarker(look));
        XYSeries dots = chart.addSeries(label + " seeds", dotX.stream().mapToDouble(Double::doubleValue).toArray(),
            dotY.stream().mapToDouble(Double::doubleValue).toArray());
        dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        dots.setMarker(SeriesMarkers.CIRCLE);
        dots.setMarkerColor(Charts.translucent(color, 160));
        dots.setShowInLegend(false);
      }
      if (!any) {
        return List.of();
      }
      if (marked != null) {
        double lo = marked.get(0);
        double hi = marked.get(1);
        XYSeries box = chart.addSeries(markedLabel, new double[] {lo, lo, hi, hi, lo},
            new double[] {yLo, yHi, yHi, yLo, yLo});
        box.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        box.setFillColor(Charts.translucent(Charts.BASELINE_COLOR, 30));
        box.setLineColor(Charts.translucent(Charts.BASELINE_COLOR, 90));
        box.setMarker(SeriesMarkers.NONE);
      }
      StringBuilder caption = new StringBuilder(metric + " on each evaluation set at its x value per variant: the "
          + "median over seeds (line), the quartiles (band) and every seed (dots)");
      if (marked != null) {
        caption.append("; shaded: ").append(markedLabel).append(" (").append(Num.show(marked.get(0))).append("-")
            .append(Num.show(marked.get(1))).append(")");
      }
      caption.append(".");
      return List.of(new ChartOutput(names.named(name != null ? name : "sets_" + metric), chart, caption.toString()));
    }
  }
}
