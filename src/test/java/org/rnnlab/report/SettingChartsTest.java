package org.rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.rnnlab.results.PlanRecord;
import org.rnnlab.results.Provenance;
import org.rnnlab.results.ResultsJson;
import org.rnnlab.results.ResultsStore;
import org.rnnlab.results.SeriesRow;
import org.rnnlab.results.TrialResult;

/**
 * The charts that place groups by a setting of their configs (heat map, setting curve), the trace of
 * a recorded series, and claims that compare two selections of groups.
 */
class SettingChartsTest {
  @TempDir
  Path dir;

  /** Named model points: grid cells r{radius}_s{scaling} at 100 units, and sizes n50, n200. */
  private static final Map<String, double[]> POINTS = new LinkedHashMap<>();

  static {
    POINTS.put("r0.5_s0.1", new double[] {100, 0.5, 0.1});
    POINTS.put("r0.5_s1", new double[] {100, 0.5, 1.0});
    POINTS.put("r1_s0.1", new double[] {100, 1.0, 0.1});
    POINTS.put("r1_s1", new double[] {100, 1.0, 1.0});
    POINTS.put("n50", new double[] {50, 0.9, 0.5});
    POINTS.put("n200", new double[] {200, 0.9, 0.5});
  }

  /** nrmse of (point, seed): a closed form, so the charts' numbers can be checked by hand. */
  private static double nrmse(String point, int seed) {
    double[] p = POINTS.get(point);
    return 0.1 * p[1] + p[2] + 100.0 / p[0] * 0.1 + 0.01 * seed;
  }

  private Results results() throws IOException {
    List<PlanRecord.Group> groups = new ArrayList<>();
    List<PlanRecord.PlannedTrial> trials = new ArrayList<>();
    for (String point : POINTS.keySet()) {
      String label = "esn model=" + point;
      groups.add(new PlanRecord.Group(label, "esn", Map.of("model", point), "a series",
          Map.of("nrmse", 1.0, "linear_nrmse", 0.6), "mean: 1", List.of("nrmse")));
      for (int s = 0; s < 2; s++) {
        ObjectNode config = ResultsJson.mapper().createObjectNode();
        ObjectNode model = config.putObject("model");
        model.put("hidden_size", (int) POINTS.get(point)[0]);
        model.putObject("cell").put("type", "esn").put("spectral_radius", POINTS.get(point)[1])
            .put("input_scaling", POINTS.get(point)[2]);
        trials.add(new PlanRecord.PlannedTrial(trials.size(), "esn__model-" + point + "__s" + s, label, "esn",
            Map.of("model", point), s, 10L + s, 7L, "c".repeat(64), config));
      }
    }
    PlanRecord plan = new PlanRecord(PlanRecord.FORMAT, "esn-toy", "ci", "experiments/esn-toy.json", "a".repeat(64),
        "toy", "nrmse", true, List.of("esn"), Map.of("model", List.copyOf(POINTS.keySet())), 2, groups, trials,
        List.of(), List.of(), "abc", "make");
    ResultsStore store = new ResultsStore(dir);
    store.writePlan(plan);
    Provenance prov = new Provenance("a".repeat(64), "abc", "jvm", "os", "cpu", "host", 1, 0.5);
    for (PlanRecord.PlannedTrial t : trials) {
      String point = (String) t.point().get("model");
      double v = nrmse(point, t.seedIndex());
      TrialResult r = new TrialResult(TrialResult.FORMAT, t.trial(), t.group(), t.variant(), t.point(), t.seedIndex(),
          t.seed(), t.testSeed(), t.configSha256(), "ok", null, Map.of("nrmse", v), null, prov);
      List<SeriesRow> series = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        series.add(new SeriesRow("free_run.truth", 0, i, i));
        series.add(new SeriesRow("free_run.prediction", 0, i, i + t.seedIndex() + 0.5));
      }
      store.writeTrial(r, ResultsJson.pretty(t.config()), List.of(), series);
    }
    return ResultsReader.read(plan, store);
  }

  private static ChartNames names() {
    return new ChartNames(List.of("model"));
  }

  @Test
  void heatMapCellsAreTheMeansOfTheSelectedGroupsAtTheirSettings() throws IOException {
    GridHeatMapChart.Config c = new GridHeatMapChart.Config(null, "model.cell.spectral_radius",
        "model.cell.input_scaling", Map.of("model", "r.*"), null);
    List<ChartOutput> out = c.draw(results(), names());
    assertEquals(1, out.size());
    assertEquals("heatmap_nrmse_esn.png", out.get(0).file());
    HeatMapChart chart = (HeatMapChart) out.get(0).chart();
    assertEquals(List.of("0.5", "1"), chart.getHeatMapSeries().getXData());
    assertEquals(List.of("0.1", "1"), chart.getHeatMapSeries().getYData());
    assertEquals("Test NRMSE, esn", chart.getTitle());
    assertFalse(chart.getStyler().isLegendVisible(), "the values are in the cells; the colour bar would print 16 digits");
    Map<String, Double> cells = new LinkedHashMap<>();
    for (Number[] n : chart.getHeatMapSeries().getHeatData()) {
      cells.put(n[0] + "," + n[1], n[2].doubleValue());
    }
    // the sizes n50, n200 are not selected; each cell is the mean of its two seeds
    assertEquals(4, cells.size());
    assertEquals((nrmse("r1_s0.1", 0) + nrmse("r1_s0.1", 1)) / 2, cells.get("1,0"), 1e-12);
    assertEquals((nrmse("r0.5_s1", 0) + nrmse("r0.5_s1", 1)) / 2, cells.get("0,1"), 1e-12);
    assertTrue(out.get(0).caption().contains("8 seeds"), out.get(0).caption());
    assertTrue(Charts.png(chart).length > 1000, "the chart renders");
    assertThrows(IllegalArgumentException.class, () -> new GridHeatMapChart.Config(null, "model/x", "y", null, null));
    assertThrows(IllegalArgumentException.class,
        () -> new GridHeatMapChart.Config(null, "x", "y", Map.of("model", "(["), null));
  }

  @Test
  void settingCurveDrawsMeansWithTheirConfidenceIntervalsAndBaselines() throws IOException {
    SettingCurveChart.Config c = new SettingCurveChart.Config(null, "model.hidden_size",
        Map.of("model", "n.*|r1_s1"), List.of("linear_nrmse"), null);
    List<ChartOutput> out = c.draw(results(), names());
    assertEquals("final_nrmse_vs_hidden_size.png", out.get(0).file());
    XYChart chart = (XYChart) out.get(0).chart();
    XYSeries line = chart.getSeriesMap().get("esn");
    assertArrayEquals(new double[] {50, 100, 200}, line.getXData(), 0.0);
    double m50 = (nrmse("n50", 0) + nrmse("n50", 1)) / 2;
    assertEquals(m50, line.getYData()[0], 1e-12);
    // two seeds 0.01 apart: sd 0.01/sqrt(2), half-width t(0.975, 1) sd / sqrt(2) = 12.7062 * 0.005
    assertEquals(12.706204736 * 0.005, line.getExtraValues()[0], 1e-8);
    XYSeries base = chart.getSeriesMap().get("esn: baseline linear_nrmse");
    assertArrayEquals(new double[] {0.6, 0.6, 0.6}, base.getYData(), 0.0);
    assertEquals("baseline linear", base.getLabel());
    assertEquals("Test NRMSE vs hidden size, esn", chart.getTitle(), "one variant: named in the title");
    assertFalse(chart.getStyler().isXAxisLogarithmic(), "50..200 units (a factor 4) on a linear axis");
    assertTrue(Charts.png(chart).length > 1000, "the chart renders");
  }

  @Test
  void settingCurvePoolsTheSelectedVariantsOnOneNamedLine() throws IOException {
    SettingCurveChart.Config c = new SettingCurveChart.Config(null, "model.hidden_size",
        Map.of("model", "n.*|r1_s1"), List.of(), null, List.of("esn"), "sizes");
    List<ChartOutput> out = c.draw(results(), names());
    assertEquals("final_nrmse_vs_hidden_size_sizes.png", out.get(0).file());
    XYChart chart = (XYChart) out.get(0).chart();
    assertEquals(List.of("sizes"), List.copyOf(chart.getSeriesMap().keySet()));
    assertArrayEquals(new double[] {50, 100, 200}, chart.getSeriesMap().get("sizes").getXData(), 0.0);
    assertEquals(List.of(), new SettingCurveChart.Config(null, "model.hidden_size", Map.of(), List.of(), null,
        List.of("no_such_variant"), "sizes").draw(results(), names()), "no selected variant: no chart");
  }

  @Test
  void seriesTraceDrawsTheTruthOnceAndEachSeed() throws IOException {
    SeriesTraceChart.Config c = new SeriesTraceChart.Config("free_run.prediction", "free_run.truth",
        Map.of("model", "n50"), null, null);
    List<ChartOutput> out = c.draw(results(), names());
    assertEquals(1, out.size());
    XYChart chart = (XYChart) out.get(0).chart();
    assertEquals(List.of("truth", "seed 0", "seed 1"), List.copyOf(chart.getSeriesMap().keySet()));
    assertArrayEquals(new double[] {1.5, 2.5, 3.5, 4.5}, chart.getSeriesMap().get("seed 1").getYData(), 0.0);
    assertTrue(Charts.png(chart).length > 1000, "the chart renders");
    assertFalse(new SeriesTraceChart.Config("other", null, null, null, null).draw(results(), names())
        .iterator().hasNext(), "no such series: no chart");
  }

  @Test
  void aComparisonClaimUsesTheStatisticOfTheOtherGroups() throws IOException {
    Results r = results();
    Experiment.Claim falls = new Experiment.Claim("falls with size", "esn", new Point(Map.of("model", "n200")),
        "nrmse", "mean", "<", Double.NaN,
        new Experiment.Reference("esn", new Point(Map.of("model", "n50")), "nrmse", "mean", 1.0));
    ClaimResult c = Claims.evaluate(falls, r);
    assertTrue(c.passed(), c.detail());
    assertEquals((nrmse("n200", 0) + nrmse("n200", 1)) / 2, c.measured(), 1e-12);
    assertTrue(c.detail().contains("mean nrmse") && c.detail().contains("esn model=n50"), c.detail());
    // n200 is 0.15 below n50: not below half of it
    Experiment.Claim halves = new Experiment.Claim("halves", "esn", new Point(Map.of("model", "n200")),
        "nrmse", "mean", "<", Double.NaN,
        new Experiment.Reference("esn", new Point(Map.of("model", "n50")), "nrmse", "mean", 0.5));
    assertFalse(Claims.evaluate(halves, r).passed());
    Experiment.Claim nothing = new Experiment.Claim("no reference", "esn", Point.EMPTY, "nrmse", "mean", "<",
        Double.NaN, new Experiment.Reference("gru", Point.EMPTY, "nrmse", "mean", 1.0));
    ClaimResult none = Claims.evaluate(nothing, r);
    assertFalse(none.passed());
    assertTrue(none.detail().contains("no group matches the reference"), none.detail());
  }
}
