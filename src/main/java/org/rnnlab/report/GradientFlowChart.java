package org.rnnlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.rnnlab.config.Hyper;
import org.rnnlab.results.Measures;

/**
 * Gradient flow through time (seed 000, 7.3, eq. 7.5): ||dL/dh_t|| against the distance T-1-t
 * from the loss at the last step, on a log axis, one line per group at initialisation (dashed)
 * and after training (solid): the median over seeds with the interquartile band. Reads the series
 * that {@code training.diagnostics.gradient_flow} records ({@code flow.h.l<k>}, {@code flow.c.l<k>}).
 */
public final class GradientFlowChart {
  private GradientFlowChart() {}

  /** {@code {"type": "gradient_flow", "series": "flow.h.l0"}}. */
  public record Config(
      @Hyper(doc = "The recorded series: flow.h.l<k> (||dL/dh_t|| of layer k) or flow.c.l<k> (||dL/dc_t||, LSTM).",
          defaultValue = "\"" + Measures.FLOW_HIDDEN_L0 + "\"") String series,
      @Hyper(doc = "Divide every measurement by its value at distance 0 (the last step), so that lines start at 1.",
          defaultValue = "true") Boolean normalize,
      @Hyper(doc = "Which measurements: init (update 0) and/or final (the last update).",
          defaultValue = "[\"init\", \"final\"]") List<String> when,
      @Hyper(doc = "One chart per sweep point (true) or one chart with every selected group (false).",
          defaultValue = "true") Boolean perPoint,
      @Hyper(doc = "Variants to draw; empty: all.", defaultValue = "[]") List<String> variants,
      @Hyper(doc = "Sweep points to draw: sweep key to value (point name for named points); empty: all.",
          defaultValue = "{}") Map<String, Object> where) implements ChartConfig {
    public Config {
      series = series == null ? Measures.FLOW_HIDDEN_L0 : series;
      normalize = normalize == null || normalize;
      when = when == null ? List.of(INIT, FINAL) : List.copyOf(when);
      perPoint = perPoint == null || perPoint;
      variants = variants == null ? List.of() : List.copyOf(variants);
      where = where == null ? Map.of() : Map.copyOf(where);
      for (String w : when) {
        if (!w.equals(INIT) && !w.equals(FINAL)) {
          throw new IllegalArgumentException("gradient_flow when must list init and/or final, got " + w);
        }
      }
    }

    @Override
    public List<Need> needs(String mainMetric) {
      return List.of(Need.at(Measures.Kind.SERIES, series, "series"));
    }

    @Override
    public List<ChartOutput> draw(Results results, ChartNames names) {
      List<ChartOutput> out = new ArrayList<>();
      List<Experiment.Group> selected = SeriesCharts.select(results, variants, where);
      List<List<Experiment.Group>> charts = SeriesCharts.charts(results, selected, perPoint);
      for (List<Experiment.Group> groups : charts) {
        Point p = groups.get(0).point();
        boolean one = groups.stream().allMatch(g -> g.point().equals(p));
        Drawn d = of(results, groups);
        if (d != null) {
          String stem = "gradient_" + series;
          out.add(new ChartOutput(one ? names.at(stem, p) : names.named(stem), d.chart(),
              caption(one ? p : Point.EMPTY, d)));
        }
      }
      return out;
    }

    private String caption(Point p, Drawn d) {
      boolean logAxis = d.chart().getStyler().isYAxisLogarithmic();
      return (Measures.isCellFlow(series) ? "||dL/dc_t||" : "||dL/dh_t||") + " (" + series + ")"
          + (normalize ? " divided by its value nearest the loss (at the last step; for dL/dc_t at the last step "
          + "where it is non-zero)" : "")
          + " against the distance from the loss at the last step" + (p.isEmpty() ? "" : ", " + p.label())
          + (logAxis ? "; log scale" : "; log scale, drawn as log10 on a linear axis with ticks at whole decades "
          + "(a log axis would label each of its many decades)")
          + ". Line: median over seeds, band: interquartile range; dashed: at initialisation "
          + "(every seed), solid: after training (ok seeds only); seeds per line: " + String.join(", ", d.counts()) + ". Points where a norm underflowed to 0 are "
          + "left out. Seed 000, 7.3: each step back multiplies the error by diag(phi') W_hh^T.";
    }

    /** The title: which error, which groups, when: "Gradient flow, rnn, at initialisation". */
    private String title(List<Experiment.Group> groups) {
      String what = Measures.isCellFlow(series) ? "Cell-state gradient flow" : "Gradient flow";
      int layer = Measures.flowLayer(series);
      String at = when.size() == 1 ? when.get(0).equals(INIT) ? ", at initialisation" : ", after training" : "";
      // flow.h.l1 is the second layer
      return what + (layer > 0 ? ", layer " + (layer + 1) : "")
          + SeriesCharts.common(groups)
          + at;
    }

    /** One line to draw: series name (stable, with n), legend label, quartiles, colour, dashed. */
    private record Line(String name, Experiment.Group group, String when, SeriesCharts.Band band, int color) {}

    /** The chart and, per line, "label n" for the caption. */
    private record Drawn(XYChart chart, List<String> counts) {}

    private Drawn of(Results results, List<Experiment.Group> groups) {
      String what = Measures.isCellFlow(series) ? "||dL/dc_t||" : "||dL/dh_t||";
      List<Line> lines = new ArrayList<>();
      List<String> counts = new ArrayList<>();
      List<Double> all = new ArrayList<>();
      for (int i = 0; i < groups.size(); i++) {
        Experiment.Group g = groups.get(i);
        for (String w : when) {
          List<double[]> perSeed = new ArrayList<>();
          for (TrialRow t : results.trialsOf(g.label())) {
            if (w.equals(FINAL) && !t.isOk()) {
              continue;
            }
            TreeMap<Long, double[]> s = SeriesCharts.ends(results, t.trial(), series);
            if (s.isEmpty() || (w.equals(INIT) && s.firstKey() != 0L)) {
              continue;
            }
            double[] v = (w.equals(INIT) ? s.firstEntry() : s.lastEntry()).getValue();
            // index d of the reversed vector is the distance from the loss
            double[] byDistance = new double[v.length];
            double ref = reference(v);
            for (int d = 0; d < v.length; d++) {
              byDistance[d] = normalize ? v[v.length - 1 - d] / ref : v[v.length - 1 - d];
            }
            perSeed.add(byDistance);
          }
          SeriesCharts.Band b = SeriesCharts.band(perSeed, d -> d, true);
          if (!b.isEmpty()) {
            lines.add(new Line(SeriesCharts.id(groups, g) + " " + w + " (n=" + perSeed.size() + ")", g, w, b,
                LearningCurveChart.variantIndex(results.experiment(), g)));
            counts.add(SeriesCharts.label(groups, g) + " " + w + " " + perSeed.size());
            for (double y : b.ys()) {
              all.add(y);
            }
          }
        }
      }
      if (lines.isEmpty()) {
        return null;
      }
      boolean log10 = Charts.manyDecades(all.stream().mapToDouble(Double::doubleValue).toArray());
      // titles and labels tell apart the groups drawn, not those selected without data
      List<Experiment.Group> drawn = lines.stream().map(Line::group).distinct().toList();
      XYChart chart = SeriesCharts.chart(title(drawn), "distance from the loss, T-1-t (steps)",
          normalize ? what + " relative to t = T-1" : what);
      // one colour per variant, unless the panel holds several points of one variant: then one per point (in
      // plan order, so a point has the same colour in every panel), never a colour twice in a panel
      boolean byPoint = drawn.stream().map(Experiment.Group::variant).distinct().count() < drawn.size();
      for (Line l : lines) {
        String label = SeriesCharts.shortLabel(drawn, l.group());
        int color = byPoint ? results.points().indexOf(l.group().point()) : l.color();
        if (when.size() > 1) {
          label = label.isEmpty() ? l.when() : label + " " + l.when();
        }
        SeriesCharts.draw(chart, l.name(), label, log10 ? l.band().log10() : l.band(), SeriesCharts.color(color),
            l.when().equals(INIT));
      }
      if (log10) {
        Charts.log10Axis(chart);
      } else {
        double[] values = all.stream().mapToDouble(Double::doubleValue).toArray();
        Charts.yAxis(chart.getStyler(), true, values);
        Charts.decadeAxis(chart);
      }
      Charts.roundXTicks(chart);
      return new Drawn(chart, counts);
    }
  }

  /**
   * The norm nearest the loss that is positive: the last step's, except for ||dL/dc_t|| with h_t held
   * fixed, which is 0 at the last step (nothing reaches c_{T-1} but through h_{T-1}).
   */
  static double reference(double[] v) {
    for (int t = v.length - 1; t >= 0; t--) {
      if (v[t] > 0 && Double.isFinite(v[t])) {
        return v[t];
      }
    }
    return Double.NaN;
  }

  static final String INIT = "init";
  static final String FINAL = "final";
}
