package org.rnnlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.rnnlab.config.Hyper;
import org.rnnlab.results.Measures;

/**
 * The spectral radius (or the largest singular value) of one gate block of a recurrent weight over
 * training, one line per group: the median over the seeds measured at each update with the
 * interquartile band, and the line 1 = 1/gamma' for tanh (seed 000, 7.3, Lemma 7.3.1: below it the
 * error vanishes, above it explosion becomes possible). Reads {@code spectrum.radius.<param>} or
 * {@code spectrum.sigma_max.<param>} of {@code training.diagnostics.spectrum}.
 */
public final class SpectralRadiusChart {
  private SpectralRadiusChart() {}

  /** {@code {"type": "spectral_radius", "param": "weight_hh_l0"}}. */
  public record Config(
      @Hyper(doc = "The recurrent weight, e.g. weight_hh_l0 (weight_hh_l0_reverse for a reverse direction).",
          defaultValue = "\"" + Measures.RECURRENT_WEIGHT_L0 + "\"") String param,
      @Hyper(doc = "The gate block (PyTorch's order; 0 for the tanh RNN's whole W_hh).", min = 0, defaultValue = "0")
      Integer block,
      @Hyper(doc = "radius: largest |eigenvalue|; sigma_max: largest singular value.",
          allowed = {Measures.RADIUS, Measures.SIGMA_MAX}, defaultValue = "\"" + Measures.RADIUS + "\"") String quantity,
      @Hyper(doc = "One chart per sweep point (true) or one chart with every selected group (false).",
          defaultValue = "true") Boolean perPoint,
      @Hyper(doc = "Variants to draw; empty: all.", defaultValue = "[]") List<String> variants,
      @Hyper(doc = "Sweep points to draw: sweep key to value (point name for named points); empty: all.",
          defaultValue = "{}") Map<String, Object> where,
      @Hyper(doc = "Logarithmic y axis.", defaultValue = "false") Boolean logY) implements ChartConfig {
    public Config {
      param = param == null ? Measures.RECURRENT_WEIGHT_L0 : param;
      block = block == null ? 0 : block;
      quantity = quantity == null ? Measures.RADIUS : quantity;
      if (!quantity.equals(Measures.RADIUS) && !quantity.equals(Measures.SIGMA_MAX)) {
        throw new IllegalArgumentException("spectral_radius quantity must be radius or sigma_max, got " + quantity);
      }
      perPoint = perPoint == null || perPoint;
      variants = variants == null ? List.of() : List.copyOf(variants);
      where = where == null ? Map.of() : Map.copyOf(where);
      logY = logY != null && logY;
    }

    @Override
    public List<Need> needs(String mainMetric) {
      // the parameter is the part of the series' name a spec spells out
      return List.of(Need.at(Measures.Kind.SERIES, Measures.spectrum(quantity, param), "param"));
    }

    @Override
    public List<ChartOutput> draw(Results results, ChartNames names) {
      List<Experiment.Group> selected = SeriesCharts.select(results, variants, where);
      List<List<Experiment.Group>> charts = SeriesCharts.charts(results, selected, perPoint);
      List<ChartOutput> out = new ArrayList<>();
      String what = quantity.equals(Measures.RADIUS) ? "spectral radius" : "largest singular value";
      for (List<Experiment.Group> groups : charts) {
        Point p = groups.get(0).point();
        boolean one = groups.stream().allMatch(g -> g.point().equals(p));
        XYChart c = of(results, groups, Labels.capitalized(what) + " of " + weightInWords(), what);
        if (c != null) {
          String stem = "spectrum_" + quantity + "-" + param;
          out.add(new ChartOutput(one ? names.at(stem, p) : names.named(stem), c,
              "The " + what + " of " + param + " (gate block " + block + ") at every measurement"
                  + (one && !p.isEmpty() ? ", " + p.label() : "") + ": median over the seeds measured at that "
                  + "update (diverged runs until they diverged), band: interquartile range; dashed: 1 = 1/gamma' "
                  + "for tanh (seed 000, Lemma 7.3.1)."));
        }
      }
      return out;
    }

    private XYChart of(Results results, List<Experiment.Group> groups, String title, String what) {
      XYChart chart = SeriesCharts.chart(title, Labels.UPDATES, what + (logY ? " (log)" : ""));
      String name = Measures.spectrum(quantity, param);
      List<Experiment.Group> drawn = new ArrayList<>();
      List<SeriesCharts.Band> bands = new ArrayList<>();
      List<Integer> colors = new ArrayList<>();
      double first = Double.POSITIVE_INFINITY;
      double last = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < groups.size(); i++) {
        Experiment.Group g = groups.get(i);
        TreeMap<Long, List<Double>> byStep = new TreeMap<>();
        for (TrialRow t : results.trialsOf(g.label())) {
          SeriesCharts.steps(results, t.trial(), name).forEach((step, v) -> {
            if (block < v.length) {
              byStep.computeIfAbsent(step, s -> new ArrayList<>()).add(v[block]);
            }
          });
        }
        List<Long> steps = new ArrayList<>(byStep.keySet());
        List<double[]> cols = new ArrayList<>();
        for (List<Double> v : byStep.values()) {
          cols.add(v.stream().mapToDouble(Double::doubleValue).toArray());
        }
        // one "seed" vector per step: the band helper takes quartiles over the values at each index
        List<double[]> perSeed = transpose(cols);
        SeriesCharts.Band b = SeriesCharts.band(perSeed, k -> steps.get(k), logY);
        if (!b.isEmpty()) {
          drawn.add(g);
          bands.add(b);
          colors.add(LearningCurveChart.variantIndex(results.experiment(), g));
          first = Math.min(first, b.x()[0]);
          last = Math.max(last, b.x()[b.x().length - 1]);
        }
      }
      if (drawn.isEmpty()) {
        return null;
      }
      // titles and labels tell apart the groups drawn, not those selected without data
      chart.setTitle(title + SeriesCharts.common(drawn));
      colors = SeriesCharts.distinctLooks(colors);
      for (int j = 0; j < drawn.size(); j++) {
        SeriesCharts.draw(chart, SeriesCharts.id(groups, drawn.get(j)), SeriesCharts.shortLabel(drawn, drawn.get(j)),
            bands.get(j), SeriesCharts.color(colors.get(j)), false);
      }
      Charts.baseline(chart, "1 = 1/gamma' (tanh)", "1 = 1/gamma'", first, Math.max(last, first + 1), 1.0);
      chart.getStyler().setYAxisLogarithmic(logY);
      Charts.roundXTicks(chart);
      return chart;
    }

    /**
     * The weight in words for the title: "W_hh" for weight_hh_l0, "W_hh, layer 2" for weight_hh_l1, with
     * ", reverse" and ", gate block k" when they apply.
     */
    private String weightInWords() {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("weight_hh_l(\\d+)(_reverse)?").matcher(param);
      if (!m.matches()) {
        return param + (block == 0 ? "" : ", gate block " + block);
      }
      int layer = Integer.parseInt(m.group(1));
      return "W_hh" + (layer == 0 ? "" : ", layer " + (layer + 1)) + (m.group(2) == null ? "" : ", reverse")
          + (block == 0 ? "" : ", gate block " + block);
    }

    /** Rows of unequal length to columns: out[j][k] = in[k][j], NaN where in[k] is shorter. */
    private static List<double[]> transpose(List<double[]> in) {
      int n = in.stream().mapToInt(v -> v.length).max().orElse(0);
      List<double[]> out = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        double[] row = new double[in.size()];
        for (int k = 0; k < in.size(); k++) {
          row[k] = j < in.get(k).length ? in.get(k)[j] : Double.NaN;
        }
        out.add(row);
      }
      return out;
    }
  }
}
