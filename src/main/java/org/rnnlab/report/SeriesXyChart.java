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
 * One recorded series against another recorded at the same update, index by index, e.g. the bits
 * per token of a language model's samples against their temperature: a line per group through the
 * median over seeds, the quartiles as a band and every seed as a dot. The last update at which both
 * were recorded is drawn.
 */
public final class SeriesXyChart {
  private SeriesXyChart() {}

  /** {@code {"type": "series_xy", "x": "samples.temperature", "y": "samples.bits_per_token"}}. */
  public record Config(
      @Hyper(doc = "The series on the x axis (e.g. samples.temperature).") String x,
      @Hyper(doc = "The series on the y axis, index by index with x (e.g. samples.bits_per_token).") String y,
      @OptionalKey @Hyper(doc = "The x axis title; absent: the series name.") String xTitle,
      @OptionalKey @Hyper(doc = "The y axis title; absent: the series name.") String yTitle,
      @OptionalKey @Hyper(doc = "A horizontal reference line per group: a final metric (e.g. test.bpc), drawn "
          + "dashed in the group's colour; absent: none.") String reference,
      @Hyper(doc = "Which groups: sweep key to a regular expression its value (a point's name for named points) "
          + "must match in full; keys left out match every value.", defaultValue = "{}") Map<String, String> where,
      @OptionalKey @Hyper(doc = "Only this variant; absent: every variant.") String variant)
      implements ChartConfig {
    public Config {
      if (x == null || x.isEmpty() || y == null || y.isEmpty()) {
        throw new IllegalArgumentException("series_xy needs the series x and y");
      }
      where = where == null ? Map.of() : Map.copyOf(new TreeMap<>(where));
      GroupSelection.of(variant, where);
    }

    @Override
    public List<Need> needs(String mainMetric) {
      List<Need> out = new ArrayList<>(List.of(Need.at(Measures.Kind.SERIES, x, "x"),
          Need.at(Measures.Kind.SERIES, y, "y")));
      if (reference != null) {
        out.add(Need.at(Measures.Kind.METRIC, reference, "reference"));
      }
      return out;
    }

    @Override
    public List<ChartOutput> draw(Results results, ChartNames names) {
      List<Experiment.Group> groups = GroupSelection.of(variant, where).groups(results);
      String xt = xTitle == null ? x : xTitle;
      String yt = yTitle == null ? y : yTitle;
      String title = Labels.capitalized(yt) + " against " + xt;
      XYChart chart = Charts.xyChart(Charts.widthForTitle(Charts.WIDTH, title), title, xt, yt);
      boolean any = false;
      for (int gi = 0; gi < groups.size(); gi++) {
        Experiment.Group g = groups.get(gi);
        int look = LearningCurveChart.variantIndex(results.experiment(), g);
        java.awt.Color color = Charts.color(look);
        List<double[]> ys = new ArrayList<>();
        double[] xs = null;
        List<Double> dotX = new ArrayList<>();
        List<Double> dotY = new ArrayList<>();
        for (TrialRow t : results.trialsOf(g.label())) {
          if (!t.isOk()) {
            continue;
          }
          TreeMap<Long, double[]> xv = SeriesCharts.steps(results, t.trial(), x);
          TreeMap<Long, double[]> yv = SeriesCharts.steps(results, t.trial(), y);
          Long step = null;
          for (Long s : yv.descendingKeySet()) {
            if (xv.containsKey(s)) {
              step = s;
              break;
            }
          }
          if (step == null) {
            continue;
          }
          double[] tx = xv.get(step);
          double[] ty = yv.get(step);
          int n = Math.min(tx.length, ty.length);
          xs = xs == null ? java.util.Arrays.copyOf(tx, n) : xs;
          ys.add(java.util.Arrays.copyOf(ty, n));
          for (int i = 0; i < n; i++) {
            if (Double.isFinite(tx[i]) && Double.isFinite(ty[i])) {
              dotX.add(tx[i]);
              dotY.add(ty[i]);
            }
          }
        }
        if (xs == null || dotX.isEmpty()) {
          continue;
        }
        any = true;
        double[] x0 = xs;
        String label = SeriesCharts.id(groups, g);
        SeriesCharts.draw(chart, label, SeriesCharts.label(groups, g), SeriesCharts.band(ys, i -> x0[i], false), color, false);
        chart.getSeriesMap().get(label).setLineStyle(Charts.variantStroke(look, Charts.SOLID.getLineWidth()));
        chart.getSeriesMap().get(label).setMarker(Charts.variantMarker(look));
        XYSeries dots = chart.addSeries(label + " seeds", dotX.stream().mapToDouble(Double::doubleValue).toArray(),
            dotY.stream().mapToDouble(Double::doubleValue).toArray());
        dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        dots.setMarker(SeriesMarkers.CIRCLE);
        dots.setMarkerColor(Charts.translucent(color, 160));
        dots.setShowInLegend(false);
        if (reference != null) {
          double[] ref = results.okValues(g.label(), reference);
          if (ref.length > 0) {
            double mean = java.util.Arrays.stream(ref).average().orElse(Double.NaN);
            double lo = java.util.Arrays.stream(xs).filter(Double::isFinite).min().orElse(0);
            double hi = java.util.Arrays.stream(xs).filter(Double::isFinite).max().orElse(1);
            XYSeries line = chart.addSeries(label + " " + reference, new double[] {lo, hi}, new double[] {mean, mean});
            line.setLineColor(color);
            line.setLineStyle(Charts.DASHED);
            line.setMarker(SeriesMarkers.NONE);
            line.setShowInLegend(false);
          }
        }
      }
      if (!any) {
        return List.of();
      }
      String caption = y + " against " + x + " per variant: the median over seeds (line), the quartiles (band) and "
          + "every seed (dots)" + (reference == null ? "" : "; dashed: the group's mean final " + reference) + ".";
      return List.of(new ChartOutput(names.named("xy_" + y + "_" + x), chart, caption));
    }
  }
}
