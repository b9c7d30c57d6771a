package org.rnnlab.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnnlab.config.Hyper;
import org.rnnlab.results.Measures;

/**
 * The gradient norm of every update of one seed over training, before and after clipping, on a log
 * axis, with the clipping threshold drawn from the update it is known at and the updates in which
 * the rule fired marked (Pascanu, Mikolov and Bengio 2013, Algorithm 1; docs/clipping.md). One
 * chart per selected group; reads the series of {@code training.diagnostics.clipping}.
 */
public final class ClipTraceChart {
  private ClipTraceChart() {}

  /** Thresholds on the scale of the whole gradient's norm, the only ones drawn on this axis. */
  private static final List<String> NORM_THRESHOLDS = List.of("max_norm", "after.max_norm");

  /** {@code {"type": "clip_trace", "variants": ["none", "global_norm"], "where": {"task": "order_t20"}}}. */
  public record Config(
      @Hyper(doc = "Variants to draw, one chart per group; empty: all.", defaultValue = "[]") List<String> variants,
      @Hyper(doc = "Sweep points to draw: sweep key to value (point name for named points); empty: all.",
          defaultValue = "{}") Map<String, Object> where,
      @Hyper(doc = "The seed index whose trace is drawn.", min = 0, defaultValue = "0") Integer seed)
      implements ChartConfig {
    public Config {
      variants = variants == null ? List.of() : List.copyOf(variants);
      where = where == null ? Map.of() : Map.copyOf(where);
      seed = seed == null ? 0 : seed;
    }

    @Override
    public List<Need> needs(String mainMetric) {
      // what every clip trace draws: the norm before clipping (clipping diagnostics with clip_trace)
      return List.of(new Need(Measures.Kind.SERIES, Measures.CLIP_NORM_BEFORE, "/type", "a clip_trace chart"));
    }

    @Override
    public List<ChartOutput> draw(Results results, ChartNames names) {
      List<ChartOutput> out = new ArrayList<>();
      for (Experiment.Group g : SeriesCharts.select(results, variants, where)) {
        for (TrialRow t : results.trialsOf(g.label())) {
          if (t.seedIndex() != seed) {
            continue;
          }
          XYChart c = of(results, g, t);
          if (c != null) {
            out.add(new ChartOutput(names.at("clip_trace-" + g.variant() + "-s" + seed, g.point()), c,
                caption(results, g, t)));
          }
        }
      }
      return out;
    }

    private static String caption(Results results, Experiment.Group g, TrialRow t) {
      List<double[]> b = points(SeriesCharts.steps(results, t.trial(), Measures.CLIP_NORM_BEFORE), null);
      List<double[]> f = points(SeriesCharts.steps(results, t.trial(), Measures.CLIP_NORM_BEFORE),
          SeriesCharts.steps(results, t.trial(), Measures.CLIP_FIRED));
      String lines = f.isEmpty()
          ? "the norm (blue); the rule never fired in " + b.size() + " updates, so the optimiser got that same gradient"
          : "before clipping (blue, wide), handed to the optimiser (orange, thin, on top), updates where the rule fired "
              + "marked (red dots; " + f.size() + " of " + b.size() + " updates)";
      return "Gradient norm of every update of " + Labels.group(g) + ", seed " + t.seedIndex() + " (log scale): "
          + lines + ", the norm threshold dashed from the update it is known at (drawn for global_norm only: the other "
          + "rules bound another quantity)" + (TrialRow.DIVERGED.equals(t.status())
          ? "; training diverged at update " + t.divergedAtStep() + " (vertical line)." : ".");
    }

    private static XYChart of(Results results, Experiment.Group g, TrialRow t) {
      TreeMap<Long, double[]> before = SeriesCharts.steps(results, t.trial(), Measures.CLIP_NORM_BEFORE);
      if (before.isEmpty()) {
        return null;
      }
      TreeMap<Long, double[]> after = SeriesCharts.steps(results, t.trial(), Measures.CLIP_NORM_AFTER);
      TreeMap<Long, double[]> fired = SeriesCharts.steps(results, t.trial(), Measures.CLIP_FIRED);
      XYChart chart = SeriesCharts.chart("Gradient norm per update, " + Labels.group(g), "update",
          "gradient norm ||g||");
      List<double[]> b = points(before, null);
      List<double[]> a = points(after, null);
      List<double[]> f = points(before, fired);
      // where clipping changed nothing the two lines coincide: "after" is drawn thin on top of a wide "before"
      if (f.isEmpty()) { // nothing clipped: "after" is "before", and a second line would only hide it
        line(chart, "gradient norm", b, SeriesCharts.color(0), SeriesCharts.THIN);
      } else {
        line(chart, "before clipping", b, SeriesCharts.color(0), BEFORE);
        line(chart, "after clipping", a, SeriesCharts.color(1), SeriesCharts.THIN);
      }
      if (!f.isEmpty()) {
        XYSeries s = chart.addSeries("rule fired (" + f.size() + " of " + b.size() + ")", xs(f), ys(f));
        s.setLabel("clipped");
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(new Color(0xD0, 0x20, 0x20, 120));
      }
      long last = before.lastKey();
      for (String name : NORM_THRESHOLDS) {
        TreeMap<Long, double[]> th = SeriesCharts.steps(results, t.trial(), Measures.clipThreshold(name));
        if (!th.isEmpty() && th.firstEntry().getValue()[0] > 0) {
          long from = Math.max(th.firstKey(), 1);
          double value = th.lastEntry().getValue()[0];
          Charts.baseline(chart, "threshold " + name + " = " + Num.show(value), "threshold " + Num.show(value),
              from, Math.max(from + 1, last), value);
        }
      }
      if (t.divergedAtStep() != null) {
        chart.addAnnotation(new AnnotationLine(t.divergedAtStep(), true, false));
        chart.setTitle(chart.getTitle() + ", diverged");
      }
      Charts.yAxis(chart.getStyler(), true, ys(b));
      Charts.decadeAxis(chart);
      Charts.roundXTicks(chart);
      return chart;
    }

    /** (update, value) for every value of every step; with {@code mask}, only where the mask is 1. */
    private static List<double[]> points(TreeMap<Long, double[]> s, TreeMap<Long, double[]> mask) {
      List<double[]> out = new ArrayList<>();
      s.forEach((step, v) -> {
        double[] m = mask == null ? null : mask.get(step);
        for (int i = 0; i < v.length; i++) {
          boolean keep = mask == null || (m != null && i < m.length && m[i] == 1.0);
          if (keep && Double.isFinite(v[i]) && v[i] > 0) {
            // several updates in one step (truncated BPTT) are spread over the step
            out.add(new double[] {step - 1 + (i + 1.0) / v.length, v[i]});
          }
        }
      });
      return out;
    }

    /** The line of the norm before clipping: wide enough to show on both sides of the "after" line over it. */
    static final java.awt.BasicStroke BEFORE = new java.awt.BasicStroke(2.2f);

    private static void line(XYChart chart, String name, List<double[]> pts, Color color, java.awt.BasicStroke stroke) {
      if (pts.isEmpty()) {
        return;
      }
      XYSeries s = chart.addSeries(name, xs(pts), ys(pts));
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      s.setLineColor(color);
      s.setLineStyle(stroke);
      s.setMarker(SeriesMarkers.NONE);
    }

    private static double[] xs(List<double[]> p) {
      return p.stream().mapToDouble(q -> q[0]).toArray();
    }

    private static double[] ys(List<double[]> p) {
      return p.stream().mapToDouble(q -> q[1]).toArray();
    }
  }
}
