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
import org.rnnlab.results.SeriesRow;

/**
 * A recorded series against its index, e.g. a free-running prediction against the true series: one
 * chart per selected group, the truth (the first seed's, if several) as a black line and each ok
 * seed's prediction as a thin coloured one. When a series was recorded at several steps, the last is drawn.
 */
public final class SeriesTraceChart {
  private SeriesTraceChart() {}

  /** {@code {"type": "series_trace", "series": "free_run.prediction", "truth": "free_run.truth"}}. */
  public record Config(
      @Hyper(doc = "The recorded series to draw (e.g. free_run.prediction of the ridge procedure).") String series,
      @OptionalKey @Hyper(doc = "The series it is compared with (e.g. free_run.truth); absent: none.") String truth,
      @Hyper(doc = "Which groups: sweep key to a regular expression its value (a point's name for named points) "
          + "must match in full; keys left out match every value.", defaultValue = "{}") Map<String, String> where,
      @OptionalKey @Hyper(doc = "Only this variant; absent: every variant.") String variant,
      @Hyper(doc = "At most this many seeds per chart (the first ones).", min = 1, defaultValue = "5") Integer seeds)
      implements ChartConfig {
    public Config {
      if (series == null || series.isEmpty()) {
        throw new IllegalArgumentException("series_trace needs the series to draw");
      }
      where = where == null ? Map.of() : Map.copyOf(new TreeMap<>(where));
      seeds = seeds == null ? 5 : seeds;
      if (seeds < 1) {
        throw new IllegalArgumentException("seeds must be >= 1, got " + seeds);
      }
      GroupSelection.of(variant, where);
    }

    @Override
    public List<Need> needs(String mainMetric) {
      return truth == null ? List.of(Need.at(Measures.Kind.SERIES, series, "series"))
          : List.of(Need.at(Measures.Kind.SERIES, series, "series"), Need.at(Measures.Kind.SERIES, truth, "truth"));
    }

    @Override
    public List<ChartOutput> draw(Results results, ChartNames names) {
      List<ChartOutput> out = new ArrayList<>();
      for (Experiment.Group g : GroupSelection.of(variant, where).groups(results)) {
        XYChart c = of(results, g, this);
        if (c != null) {
          out.add(new ChartOutput(names.named("trace_" + series + "_" + g.label()), c, series + " of " + Labels.group(g)
              + (truth == null ? "" : " against " + truth + " (black)") + ", " + "one line per ok seed (at most "
              + seeds + ")."));
        }
      }
      return out;
    }
  }

  /** The values of series {@code name} of a trial at the last step it was recorded, by index. */
  static double[] lastRecorded(List<SeriesRow> rows, String name) {
    long last = Long.MIN_VALUE;
    for (SeriesRow r : rows) {
      if (r.name().equals(name)) {
        last = Math.max(last, r.step());
      }
    }
    TreeMap<Integer, Double> byIndex = new TreeMap<>();
    for (SeriesRow r : rows) {
      if (r.name().equals(name) && r.step() == last) {
        byIndex.put(r.index(), r.value());
      }
    }
    return byIndex.values().stream().mapToDouble(Double::doubleValue).toArray();
  }

  static XYChart of(Results results, Experiment.Group g, Config cfg) {
    List<TrialRow> trials = results.trialsOf(g.label()).stream().filter(TrialRow::isOk).limit(cfg.seeds()).toList();
    XYChart chart = Charts.xyChart(Charts.WIDTH, Labels.capitalized(cfg.series().replace('.', ' ').replace('_', ' '))
        + ", " + Labels.group(g), "index", "value");
    boolean any = false;
    for (TrialRow t : trials) {
      if (cfg.truth() != null && !any) {
        double[] truth = lastRecorded(results.seriesRows(t.trial(), cfg.truth()), cfg.truth());
        if (truth.length > 0) {
          XYSeries s = chart.addSeries("truth", indices(truth.length), truth);
          s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
          s.setLineColor(java.awt.Color.BLACK);
          s.setLineStyle(Charts.SOLID);
          s.setMarker(SeriesMarkers.NONE);
        }
      }
      double[] v = lastRecorded(results.seriesRows(t.trial(), cfg.series()), cfg.series());
      if (v.length == 0) {
        continue;
      }
      any = true;
      XYSeries s = chart.addSeries("seed " + t.seedIndex(), indices(v.length), v);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      s.setLineColor(Charts.translucent(Charts.color(t.seedIndex() + 1), 200));
      s.setLineStyle(new java.awt.BasicStroke(1.2f));
      s.setMarker(SeriesMarkers.NONE);
    }
    if (any) {
      Charts.roundXTicks(chart);
    }
    return any ? chart : null;
  }

  private static double[] indices(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
    }
    return x;
  }
}
