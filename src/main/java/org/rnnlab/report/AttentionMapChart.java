package org.rnnlab.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.style.Styler;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.results.Measures;
import org.rnnlab.results.TextRow;

/**
 * Where an attention model looks (Bahdanau et al. 2015, fig. 3): for the first seed with results of
 * each selected group, a heat map per recorded test example of the attention weights, output symbols
 * down (as the model wrote them, greedily, ending with its end symbol), source symbols across; dark is
 * weight near 1. A reversal model's map is an anti-diagonal, an addition model's looks at the digits
 * of the same place value.
 */
public final class AttentionMapChart {
  private AttentionMapChart() {}

  /** The series prefix and text name the seq2seq procedure records (Seq2SeqTraining.ATTENTION, ATTENTION_TEXT). */
  static final String SERIES = "attention.";
  static final String TEXT = "attention";
  private static final Color[] SCALE = {new Color(0xF7FBFF), new Color(0xC6DBEF), new Color(0x6BAED6),
      new Color(0x2171B5), new Color(0x08306B)};

  /** {@code {"type": "attention_map", "examples": 2}}. */
  public record Config(
      @Hyper(doc = "Examples drawn per group (at most what the trials recorded).", min = 1, max = 20,
          defaultValue = "2") Integer examples,
      @Hyper(doc = "Only these variants (absent or empty: every variant whose trials recorded attention maps).",
          defaultValue = "[]") List<String> variants,
      @Hyper(doc = "Which groups: sweep key to a regular expression its value must match in full.",
          defaultValue = "{}") Map<String, String> where,
      @OptionalKey @Hyper(doc = "The chart files' name stem; absent: attention.") String name)
      implements ChartConfig {
    public Config {
      examples = examples == null ? 2 : examples;
      variants = variants == null ? List.of() : List.copyOf(variants);
      where = where == null ? Map.of() : Map.copyOf(new TreeMap<>(where));
      GroupSelection.of(null, where);
    }

    @Override
    public List<Need> needs(String mainMetric) {
      return List.of(new Need(Measures.Kind.SERIES, SERIES + "0", "", "a model with attention "
          + "(model.attention true) and training.attention_maps > 0"));
    }

    @Override
    public List<ChartOutput> draw(Results results, ChartNames names) {
      List<ChartOutput> out = new ArrayList<>();
      for (Experiment.Group g : GroupSelection.of(null, where).groups(results)) {
        if (!variants.isEmpty() && !variants.contains(g.variant())) {
          continue;
        }
        TrialRow first = results.trialsOf(g.label()).stream()
            .filter(t -> t.isOk() && results.texts().getOrDefault(t.trial(), List.of()).stream()
                .anyMatch(r -> r.name().equals(TEXT)))
            .findFirst().orElse(null);
        if (first == null) {
          continue;
        }
        for (TextRow r : results.texts().get(first.trial())) {
          int k = (int) r.value("example");
          if (!r.name().equals(TEXT) || k >= examples) {
            continue;
          }
          TreeMap<Long, double[]> s = SeriesCharts.steps(results, first.trial(), SERIES + k);
          if (s.isEmpty()) {
            continue;
          }
          String[] lines = r.text().split("\n", -1);
          List<String> src = labels(lines[0]);
          List<String> outSyms = labels(lines.length > 1 ? lines[1] : "");
          double[] a = s.lastEntry().getValue();
          if (a.length != src.size() * outSyms.size()) {
            continue;
          }
          String title = "Attention, " + Labels.group(g) + ", example " + (k + 1);
          out.add(new ChartOutput(names.named((name == null ? "attention" : name) + "_" + g.label() + "_" + k),
              chart(title, src, outSyms, a),
              "Attention weights of " + Labels.group(g) + " (trial " + first.trial() + ") on test example " + (k + 1)
                  + ": output symbols down, as the model wrote them greedily (the last is its end symbol), source "
                  + "symbols across; each row sums to 1, dark is near 1."));
        }
      }
      return out;
    }
  }

  /** Position-numbered symbols, so that a repeated symbol keeps its own row or column. */
  private static List<String> labels(String line) {
    List<String> out = new ArrayList<>();
    String[] parts = line.isEmpty() ? new String[0] : line.split(" ", -1);
    for (int i = 0; i < parts.length; i++) {
      out.add((i + 1) + " " + parts[i]);
    }
    return out;
  }

  private static HeatMapChart chart(String title, List<String> src, List<String> outSyms, double[] a) {
    int w = Math.min(Charts.MAX_WIDTH, Math.max(Charts.WIDTH, 80 + 22 * src.size()));
    int h = Math.max(Charts.HEIGHT, 80 + 16 * outSyms.size());
    HeatMapChart chart = new HeatMapChart(w, h, Styler.ChartTheme.XChart);
    var s = chart.getStyler();
    Charts.style(s);
    s.setLegendVisible(false);
    s.setRangeColors(SCALE);
    s.setShowValue(false);
    s.setDrawBorder(true);
    s.setMin(0.0);
    s.setMax(1.0);
    chart.setTitle(title);
    chart.setXAxisTitle("source");
    chart.setYAxisTitle("output");
    List<Number[]> heat = new ArrayList<>();
    int cols = src.size();
    int rows = outSyms.size();
    for (int t = 0; t < rows; t++) {
      for (int j = 0; j < cols; j++) {
        heat.add(new Number[] {j, rows - 1 - t, a[t * cols + j]}); // first output at the top
      }
    }
    List<String> ys = new ArrayList<>(outSyms);
    java.util.Collections.reverse(ys);
    chart.addSeries("attention", src, ys, heat);
    return chart;
  }
}
