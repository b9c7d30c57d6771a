package org.rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.rnnlab.results.Provenance;
import org.rnnlab.results.SeriesRow;

/**
 * The charts of recorded series (gradient flow, clip trace, spectral radius, success rate) on
 * in-memory results whose statistics have closed forms: what each line's points are, which trials
 * count, and that the axes say what is plotted.
 */
class SeriesChartsTest {
  /** Results being built: two variants (rnn, lstm) at the sweep points of task (named, t10 and t20). */
  private static final class Builder {
    final List<Experiment.Group> groups = new ArrayList<>();
    final List<TrialRow> trials = new ArrayList<>();
    final Map<String, List<SeriesRow>> series = new HashMap<>();

    Builder() {
      for (String v : List.of("rnn", "lstm")) {
        for (String p : List.of("t10", "t20")) {
          groups.add(new Experiment.Group(v + " task=" + p, v, point(p), "task", Map.of(), "",
              MissingNode.getInstance()));
        }
      }
    }

    static Point point(String p) {
      return new Point(Map.of("task", p));
    }

    String trial(String variant, String p, int seed, String status, Long divergedAt, Map<String, Double> metrics) {
      String id = variant + "__task-" + p + "__s" + seed;
      trials.add(new TrialRow(id, variant + " task=" + p, variant, point(p), seed, seed, "c", status, divergedAt,
          new LinkedHashMap<>(metrics), new Provenance(null, null, null, null, null, null, null, null)));
      return id;
    }

    void series(String trial, String name, long step, double... values) {
      for (int i = 0; i < values.length; i++) {
        series.computeIfAbsent(trial, t -> new ArrayList<>()).add(new SeriesRow(name, step, i, values[i]));
      }
    }

    Results build() {
      Map<String, List<String>> sweep = Map.of("task", List.of("t10", "t20"));
      Experiment e = new Experiment("x", null, "experiments/x.json", "a", "d", "loss", true, List.of("rnn", "lstm"),
          sweep, 3, groups, List.of(), List.of(), null, null);
      return new Results(e, groups, trials, List.of(), Map.of(), series, List.of());
    }
  }

  private static ChartNames names() {
    return new ChartNames(List.of("task"));
  }

  private static XYSeries series(ChartOutput c, String name) {
    XYSeries s = ((XYChart) c.chart()).getSeriesMap().get(name);
    assertNotNull(s, "no series \"" + name + "\" in " + ((XYChart) c.chart()).getSeriesMap().keySet());
    return s;
  }

  private static double[] y(XYSeries s) {
    return s.getYData();
  }

  @Test
  void gradientFlowIsTheMedianOfTheNormalisedNormsByDistance() {
    Builder b = new Builder();
    // three rnn seeds at t10: norms at t = 0, 1, 2 (T = 3) at step 0 and at the final step 50
    double[][] init = {{1, 10, 100}, {4, 20, 100}, {9, 50, 100}};
    for (int s = 0; s < 3; s++) {
      String id = b.trial("rnn", "t10", s, s == 2 ? TrialRow.DIVERGED : TrialRow.OK, s == 2 ? 40L : null, Map.of());
      b.series(id, "flow.h.l0", 0, init[s]);
      b.series(id, "flow.h.l0", 50, 100, 100, 100);
    }
    List<ChartOutput> out = new GradientFlowChart.Config(null, null, null, null, null, null).draw(b.build(), names());
    assertEquals(1, out.size(), "one point has data");
    ChartOutput c = out.get(0);
    // distance 0, 1, 2 <- t = 2, 1, 0; normalised by the value at t = 2 (100)
    XYSeries atInit = series(c, "rnn init (n=3)");
    assertArrayEquals(new double[] {0, 1, 2}, atInit.getXData());
    assertArrayEquals(new double[] {1, 0.2, 0.04}, y(atInit), 1e-15);
    XYSeries band = series(c, "rnn init (n=3) quartiles");
    assertFalse(band.isShowInLegend());
    // the diverged seed has no "after training" measurement: n = 2
    assertArrayEquals(new double[] {1, 1, 1}, y(series(c, "rnn final (n=2)")), 0.0);
    XYChart chart = (XYChart) c.chart();
    assertTrue(chart.getStyler().isYAxisLogarithmic(), "two decades fit a log axis");
    // the fixture's task is described as "task", Labels.point's words for the point
    assertEquals("Gradient flow, rnn, task", chart.getTitle());
    assertEquals("rnn init", atInit.getLabel(), "the legend says variant and when; n is in the caption");
    assertTrue(c.caption().contains("rnn init 3, rnn final 2"), c.caption());
    assertTrue(chart.getXAxisTitle().contains("distance"));
    assertTrue(chart.getYAxisTitle().contains("||dL/dh_t||"));
    assertTrue(c.caption().contains("median") && c.caption().contains("interquartile"));
  }

  @Test
  void anUnderflowedNormIsLeftOutOfTheLogChart() {
    Builder b = new Builder();
    String id = b.trial("lstm", "t20", 0, TrialRow.OK, null, Map.of());
    b.series(id, "flow.c.l0", 0, 0.0, 1e-30, 1.0);
    ChartOutput c = new GradientFlowChart.Config("flow.c.l0", false, List.of("init"), false, null, null)
        .draw(b.build(), names()).get(0);
    XYSeries s = series(c, "lstm task=t20 init (n=1)");
    assertArrayEquals(new double[] {0, 1}, s.getXData());
    // 30 decades: drawn as log10 (of 1 and 1e-30) on a linear axis whose ticks read as powers of ten
    assertArrayEquals(new double[] {0.0, -30.0}, y(s), 1e-12);
    XYChart chart = (XYChart) c.chart();
    assertFalse(chart.getStyler().isYAxisLogarithmic());
    assertEquals("10\u207B\u00B2\u2070", chart.getStyler().getyAxisTickLabelsFormattingFunction().apply(-20.0));
    assertTrue(c.caption().contains("log10"));
    assertTrue(chart.getYAxisTitle().contains("||dL/dc_t||"));
    assertEquals("Cell-state gradient flow, lstm, task, at initialisation", chart.getTitle());
  }

  @Test
  void theCellErrorIsNormalisedByItsValueNearestTheLoss() {
    // dL/dc_t with h_t held fixed is 0 at the last step: the reference is the step before
    Builder b = new Builder();
    String id = b.trial("lstm", "t10", 0, TrialRow.OK, null, Map.of());
    b.series(id, "flow.c.l0", 0, 4.0, 2.0, 0.0);
    ChartOutput c = new GradientFlowChart.Config("flow.c.l0", true, List.of("init"), true, null, null)
        .draw(b.build(), names()).get(0);
    XYSeries s = series(c, "lstm init (n=1)");
    assertArrayEquals(new double[] {1, 2}, s.getXData());
    assertArrayEquals(new double[] {1.0, 2.0}, y(s), 0.0);
  }

  @Test
  void theClipTraceMarksFiredUpdatesAndDrawsTheNormThreshold() {
    Builder b = new Builder();
    String id = b.trial("rnn", "t10", 0, TrialRow.DIVERGED, 5L, Map.of());
    double[] before = {0.5, 3, 0.8, 4, Double.NaN};
    double[] after = {0.5, 2, 0.8, 2, Double.NaN};
    double[] fired = {0, 1, 0, 1, 0};
    for (int u = 1; u <= 5; u++) {
      b.series(id, "clip.norm_before", u, before[u - 1]);
      b.series(id, "clip.norm_after", u, after[u - 1]);
      b.series(id, "clip.fired", u, fired[u - 1]);
    }
    b.series(id, "clip.threshold.max_norm", 0, 2.0);
    b.trial("rnn", "t10", 1, TrialRow.OK, null, Map.of());
    List<ChartOutput> out = new ClipTraceChart.Config(List.of("rnn"), Map.of("task", "t10"), 0).draw(b.build(),
        names());
    assertEquals(1, out.size(), "seed 0 of the one selected group");
    ChartOutput c = out.get(0);
    assertArrayEquals(new double[] {1, 2, 3, 4}, series(c, "before clipping").getXData(), "the NaN update is cut");
    XYSeries f = series(c, "rule fired (2 of 4)");
    assertEquals("clipped", f.getLabel());
    assertTrue(c.caption().contains("2 of 4 updates"));
    assertEquals("Gradient norm per update, rnn, task, diverged", c.chart().getTitle());
    assertArrayEquals(new double[] {2, 4}, f.getXData());
    assertArrayEquals(new double[] {3, 4}, y(f), 0.0);
    XYSeries th = series(c, "threshold max_norm = 2");
    assertArrayEquals(new double[] {2, 2}, y(th), 0.0);
    assertTrue(c.caption().contains("diverged at update 5"));
    assertTrue(((XYChart) c.chart()).getYAxisTitle().contains("norm"));
  }

  @Test
  void aClipTraceOfARuleThatNeverFiredDrawsOneLineAndSaysSo() {
    Builder b = new Builder();
    String id = b.trial("rnn", "t10", 0, TrialRow.OK, null, Map.of());
    for (int u = 1; u <= 4; u++) {
      b.series(id, "clip.norm_before", u, u);
      b.series(id, "clip.norm_after", u, u);
      b.series(id, "clip.fired", u, 0);
    }
    ChartOutput c = new ClipTraceChart.Config(List.of("rnn"), Map.of("task", "t10"), 0).draw(b.build(), names())
        .get(0);
    assertArrayEquals(new double[] {1, 2, 3, 4}, y(series(c, "gradient norm")), 0.0);
    assertFalse(((XYChart) c.chart()).getSeriesMap().containsKey("after clipping"), "no second line on the first");
    assertFalse(((XYChart) c.chart()).getSeriesMap().containsKey("before clipping"));
    assertTrue(c.caption().contains("never fired in 4 updates"), c.caption());
  }

  @Test
  void theSpectralRadiusLineIsTheMedianOverSeedsAtEachUpdate() {
    Builder b = new Builder();
    double[][] radius = {{0.5, 0.9}, {0.7, 1.1}, {0.6, 1.6}};
    for (int s = 0; s < 3; s++) {
      String id = b.trial("lstm", "t20", s, TrialRow.OK, null, Map.of());
      b.series(id, "spectrum.radius.weight_hh_l0", 0, radius[s][0], 9);
      b.series(id, "spectrum.radius.weight_hh_l0", 100, radius[s][1], 9);
    }
    List<ChartOutput> out = new SpectralRadiusChart.Config(null, 0, null, null, null, null, null).draw(b.build(),
        names());
    assertEquals(1, out.size());
    XYSeries s = series(out.get(0), "lstm");
    assertArrayEquals(new double[] {0, 100}, s.getXData());
    assertArrayEquals(new double[] {0.6, 1.1}, y(s), 1e-15);
    assertArrayEquals(new double[] {1, 1}, y(series(out.get(0), "1 = 1/gamma' (tanh)")), 0.0);
    List<ChartOutput> second = new SpectralRadiusChart.Config(null, 1, "radius", null, null, null, null)
        .draw(b.build(), names());
    assertArrayEquals(new double[] {9, 9}, y(series(second.get(0), "lstm")), 0.0);
  }

  @Test
  void theSuccessRateCountsDivergedRunsAsFailures() {
    Builder b = new Builder();
    // rnn t10: success, failure, diverged -> 1/3, 1 of 3 diverged; t20: two failures -> 0
    b.trial("rnn", "t10", 0, TrialRow.OK, null, Map.of("success", 1.0));
    b.trial("rnn", "t10", 1, TrialRow.OK, null, Map.of("success", 0.0));
    b.trial("rnn", "t10", 2, TrialRow.DIVERGED, 17L, Map.of());
    b.trial("rnn", "t20", 0, TrialRow.OK, null, Map.of("success", 0.0));
    b.trial("rnn", "t20", 1, TrialRow.OK, null, Map.of("success", 0.0));
    // lstm: every run succeeds
    for (String p : List.of("t10", "t20")) {
      b.trial("lstm", p, 0, TrialRow.OK, null, Map.of("success", 1.0));
    }
    ChartOutput c = new SuccessRateChart.Config(null, "task", Map.of("t10", 10.0, "t20", 20.0), null, null, null,
        null).draw(b.build(), names()).get(0);
    XYSeries rnn = series(c, "rnn");
    assertArrayEquals(new double[] {10, 20}, rnn.getXData());
    assertArrayEquals(new double[] {1.0 / 3, 0.0}, y(rnn), 1e-15);
    assertArrayEquals(new double[] {1.0 / 3, 0.0}, y(series(c, "rnn: diverged")), 1e-15);
    assertArrayEquals(new double[] {1, 1}, y(series(c, "lstm")), 0.0);
    assertFalse(((XYChart) c.chart()).getSeriesMap().containsKey("lstm: diverged"), "no lstm run diverged");
    assertTrue(c.caption().contains("1 diverged"));
    assertTrue(((XYChart) c.chart()).getXAxisTitle().equals("sequence length"));
    // only the listed points are drawn
    ChartOutput one = new SuccessRateChart.Config(null, "task", Map.of("t20", 20.0), List.of("rnn"), null, "T", "t")
        .draw(b.build(), names()).get(0);
    assertArrayEquals(new double[] {20}, series(one, "rnn").getXData());
    assertArrayEquals(new double[] {0.0}, y(series(one, "rnn")), 0.0);
  }

  @Test
  void withoutTheSeriesThereIsNoChart() {
    Builder b = new Builder();
    b.trial("rnn", "t10", 0, TrialRow.OK, null, Map.of());
    Results r = b.build();
    assertTrue(new GradientFlowChart.Config(null, null, null, null, null, null).draw(r, names()).isEmpty());
    assertTrue(new ClipTraceChart.Config(null, null, null).draw(r, names()).isEmpty());
    assertTrue(new SpectralRadiusChart.Config(null, null, null, null, null, null, null).draw(r, names()).isEmpty());
    assertTrue(new SuccessRateChart.Config(null, null, null, null, null, null, null).draw(r, names()).isEmpty(),
        "named points without x values");
  }

  @Test
  void linesOfOneChartNeverShareAColour() {
    // the variants' own colours when they differ: one colour per variant across the report
    assertEquals(List.of(0, 3, 5), SeriesCharts.distinctLooks(List.of(0, 3, 5)));
    // one variant at four sweep points (vanishing-gradients' spectral radii): four colours by position
    assertEquals(List.of(0, 1, 2, 3), SeriesCharts.distinctLooks(List.of(2, 2, 2, 2)));
    // variants 1 and 9 of a 13-variant spec fall on the same palette colour: by position
    assertEquals(List.of(0, 1), SeriesCharts.distinctLooks(List.of(1, 9)));
  }
}
