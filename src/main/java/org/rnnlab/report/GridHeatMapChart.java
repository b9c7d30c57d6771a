package org.rnnlab.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.style.Styler;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.results.Measures;

/**
 * A final metric over a grid of two numeric settings as a heat map, one per variant: each cell is
 * the mean over the ok seeds of the selected groups whose resolved configs have that pair of values
 * (read at two setting paths, e.g. the spectral radius and the input scaling of a reservoir), with
 * the value written in the cell. Light is low; the colour scale stops at 10 times the best cell (the
 * values stay written), so that a few poor cells do not wash out the differences among the good ones.
 */
public final class GridHeatMapChart {
  private GridHeatMapChart() {}

  /** Light (low) to dark (high): a sequential blue scale, readable in grey and with colour blindness. */
  // light to mid blue (ColorBrewer Blues up to its middle): XChart 3.8.8 writes every value in one colour, and black
  // stays legible on the darkest cell (navy made the high values unreadable)
  private static final Color[] SCALE = {new Color(0xF7FBFF), new Color(0xDEEBF7), new Color(0xC6DBEF),
      new Color(0x9ECAE1), new Color(0x6BAED6)};

  /**
   * {@code {"type": "heat_map", "metric": "nrmse", "x": "model.cell.spectral_radius",
   * "y": "model.cell.input_scaling", "where": {"model": "grid_.*"}}}.
   */
  public record Config(
      @OptionalKey @Hyper(doc = "The final metric; absent: report.main_metric.") String metric,
      @Hyper(doc = "The setting along x: its path in a trial's resolved config, as sweep keys write it, "
          + "e.g. model.cell.spectral_radius.") String x,
      @Hyper(doc = "The setting along y, e.g. model.cell.input_scaling.") String y,
      @Hyper(doc = "Which groups: sweep key to a regular expression its value (a point's name for named points) "
          + "must match in full; keys left out match every value.", defaultValue = "{}") Map<String, String> where,
      @OptionalKey @Hyper(doc = "Only this variant; absent: one heat map per variant.") String variant)
      implements ChartConfig {
    public Config {
      GroupSelection.checkPath(x, "x");
      GroupSelection.checkPath(y, "y");
      where = where == null ? Map.of() : Map.copyOf(new TreeMap<>(where));
      GroupSelection.of(variant, where);
    }

    @Override
    public List<Need> needs(String mainMetric) {
      return List.of(Need.metricOrMain(Measures.Kind.METRIC, metric, mainMetric));
    }

    @Override
    public List<ChartOutput> draw(Results results, ChartNames names) {
      String m = metric == null ? results.experiment().mainMetric() : metric;
      List<Experiment.Group> groups = GroupSelection.of(variant, where).groups(results);
      List<ChartOutput> out = new ArrayList<>();
      for (String v : GroupSelection.variants(results, groups)) {
        Cells cells = cells(results, groups.stream().filter(g -> g.variant().equals(v)).toList(), m, x, y);
        if (!cells.values().isEmpty()) {
          out.add(new ChartOutput(names.named("heatmap_" + m + "_" + v), chart(cells, m, v, x, y),
              "Final " + m + " of " + v + " over " + GroupSelection.settingName(x) + " x "
                  + GroupSelection.settingName(y) + ": mean over ok seeds in each cell (" + cells.seeds()
                  + " seeds in all), the value written in the cell, light low and dark high"
                  + (cells.capped() ? "; the colour scale stops at " + Num.show(cells.top(), 3)
                  + ", " + Num.show(CAP) + " x the best cell" : "") + "."));
        }
      }
      return out;
    }
  }

  /** The grid: sorted x and y values, the mean per (x index, y index), the seeds pooled, the colour scale's top. */
  record Cells(List<Double> xs, List<Double> ys, Map<List<Integer>, Double> values, int seeds, double top,
               boolean capped) {}

  /** The colour scale ends at this many times the smallest cell, so that a few poor cells do not wash out the rest. */
  static final double CAP = 10.0;

  static Cells cells(Results results, List<Experiment.Group> groups, String metric, String x, String y) {
    Map<List<Double>, List<Double>> pooled = new LinkedHashMap<>();
    for (Experiment.Group g : groups) {
      double gx = g.setting(x);
      double gy = g.setting(y);
      if (!Double.isFinite(gx) || !Double.isFinite(gy)) {
        continue;
      }
      for (double v : results.okValues(g.label(), metric)) {
        pooled.computeIfAbsent(List.of(gx, gy), k -> new ArrayList<>()).add(v);
      }
    }
    TreeSet<Double> xs = new TreeSet<>();
    TreeSet<Double> ys = new TreeSet<>();
    pooled.keySet().forEach(k -> {
      xs.add(k.get(0));
      ys.add(k.get(1));
    });
    List<Double> xl = List.copyOf(xs);
    List<Double> yl = List.copyOf(ys);
    Map<List<Integer>, Double> values = new LinkedHashMap<>();
    int seeds = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Map.Entry<List<Double>, List<Double>> e : pooled.entrySet()) {
      double mean = Stats.of(e.getValue().stream().mapToDouble(Double::doubleValue).toArray()).mean();
      values.put(List.of(xl.indexOf(e.getKey().get(0)), yl.indexOf(e.getKey().get(1))), mean);
      min = Math.min(min, mean);
      max = Math.max(max, mean);
      seeds += e.getValue().size();
    }
    boolean capped = min > 0 && max > CAP * min;
    return new Cells(xl, yl, values, seeds, capped ? CAP * min : max, capped);
  }

  static HeatMapChart chart(Cells cells, String metric, String variant, String x, String y) {
    // the (width, height) constructor of XChart 3.8.8 applies no theme: no range colours, no fonts
    HeatMapChart chart = new HeatMapChart(Charts.WIDTH, Charts.HEIGHT, Styler.ChartTheme.XChart);
    var s = chart.getStyler();
    Charts.style(s);
    // Every cell's value is written in it; XChart 3.8.8's colour bar prints its ends with every digit
    // (0.7607712711549782) and takes no format, so it stays out and the caption says light is low.
    s.setLegendVisible(false);
    s.setValueFont(Charts.TICK_FONT.deriveFont(7f));
    s.setRangeColors(SCALE);
    s.setShowValue(true);
    s.setDrawBorder(true);
    s.setValueFontColor(Color.BLACK);
    s.setHeatMapValueDecimalPattern("0.####");
    chart.setTitle(Labels.capitalized(Labels.metric(metric)) + ", " + variant);
    chart.setXAxisTitle(GroupSelection.settingName(x).replace('_', ' '));
    chart.setYAxisTitle(GroupSelection.settingName(y).replace('_', ' '));
    List<String> xl = cells.xs().stream().map(Num::show).toList();
    List<String> yl = cells.ys().stream().map(Num::show).toList();
    List<Number[]> heat = new ArrayList<>();
    double min = Double.POSITIVE_INFINITY;
    for (Map.Entry<List<Integer>, Double> e : cells.values().entrySet()) {
      heat.add(new Number[] {e.getKey().get(0), e.getKey().get(1), e.getValue()});
      min = Math.min(min, e.getValue());
    }
    s.setMin(min);
    s.setMax(cells.top() > min ? cells.top() : min + 1);
    chart.addSeries(metric, xl, yl, heat);
    return chart;
  }
}
