package org.rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.rnnlab.results.CurveRow;
import org.rnnlab.results.PlanRecord;
import org.rnnlab.results.Provenance;
import org.rnnlab.results.ResultsJson;
import org.rnnlab.results.ResultsStore;
import org.rnnlab.results.TrialResult;

/** The batch_size chart and learning_curve's variant selection, on four variants at two batch sizes. */
class NormChartsTest {
  @TempDir
  Path dir;

  /** Variants bn_b4, bn_b64, ln_b4, ln_b64, 3 seeds each; accuracy = base + 0.01 * seed, curve 0.1, acc. */
  private Results results() throws IOException {
    Map<String, Double> base = new LinkedHashMap<>();
    base.put("bn_b4", 0.5);
    base.put("bn_b64", 0.8);
    base.put("ln_b4", 0.7);
    base.put("ln_b64", 0.72);
    List<PlanRecord.Group> groups = new ArrayList<>();
    List<PlanRecord.PlannedTrial> trials = new ArrayList<>();
    for (String v : base.keySet()) {
      groups.add(new PlanRecord.Group(v, v, Map.of(), "task", Map.of("accuracy", 0.11), "majority class",
          List.of("loss", "accuracy")));
      for (int s = 0; s < 3; s++) {
        ObjectNode config = ResultsJson.mapper().createObjectNode();
        config.putObject("training").put("batch_size", v.endsWith("b4") ? 4 : 64);
        trials.add(new PlanRecord.PlannedTrial(trials.size(), v + "__s" + s, v, v, Map.of(), s, 10L + s, 7L,
            "c".repeat(64), config));
      }
    }
    PlanRecord plan = new PlanRecord(PlanRecord.FORMAT, "norm-toy", null, "experiments/norm-toy.json", "a".repeat(64),
        "toy", "accuracy", false, List.copyOf(base.keySet()), Map.of(), 3, groups, trials, List.of(), List.of(),
        "abc1234", "make experiment NAME=norm-toy");
    ResultsStore store = new ResultsStore(dir);
    store.writePlan(plan);
    for (PlanRecord.PlannedTrial t : trials) {
      double acc = base.get(t.variant()) + 0.01 * t.seedIndex();
      Provenance prov = new Provenance("a".repeat(64), "abc1234", "jvm", "os", "cpu", "host", 1, 1.0);
      store.writeTrial(new TrialResult(TrialResult.FORMAT, t.trial(), t.group(), t.variant(), t.point(),
              t.seedIndex(), t.seed(), t.testSeed(), t.configSha256(), "ok", null,
              Map.of("loss", 1 - acc, "accuracy", acc), null, prov), ResultsJson.pretty(t.config()),
          List.of(new CurveRow(0, "validation.accuracy", 0.1), new CurveRow(10, "validation.accuracy", acc)),
          List.of());
    }
    return ResultsReader.read(plan, store);
  }

  @Test
  void eachSeriesIsItsVariantsAtTheirBatchSizesWithConfidenceIntervals() throws IOException {
    Map<String, List<String>> series = new LinkedHashMap<>();
    series.put("BN", List.of("bn_b64", "bn_b4"));
    series.put("LN", List.of("ln_b4", "ln_b64"));
    series.put("none", List.of("gru_b4"));
    BatchSizeChart.Drawn d = BatchSizeChart.of(results(), "accuracy", series);
    XYChart c = d.chart();
    assertEquals(List.of("BN n>=3", "LN n>=3"), d.counts());
    assertEquals(List.of("BN (n>=3)", "LN (n>=3)"), List.copyOf(c.getSeriesMap().keySet()));
    XYSeries bn = c.getSeriesMap().get("BN (n>=3)");
    assertEquals("BN", bn.getLabel(), "n is in the caption");
    assertArrayEquals(new double[] {2, 6}, bn.getXData(), 1e-12, "log2 of the batch sizes 4 and 64");
    Function<Double, String> label = c.getStyler().getxAxisTickLabelsFormattingFunction();
    assertEquals("4", label.apply(2.0));
    assertEquals("64", label.apply(6.0));
    assertEquals("", label.apply(4.0), "16 is no batch size here");
    assertEquals("", label.apply(2.5));
    assertArrayEquals(new double[] {0.51, 0.81}, bn.getYData(), 1e-12);
    // sd of {x, x + 0.01, x + 0.02} is 0.01: half-width t(0.975, 2) * 0.01 / sqrt(3)
    double half = new TDistribution(null, 2).inverseCumulativeProbability(0.975) * 0.01 / Math.sqrt(3);
    assertArrayEquals(new double[] {half, half}, bn.getExtraValues(), 1e-9);
    assertNull(BatchSizeChart.of(results(), "accuracy", Map.of("none", List.of("gru"))));
    assertThrows(IllegalArgumentException.class, () -> new BatchSizeChart.Config(null, Map.of()));
    assertThrows(IllegalArgumentException.class, () -> new BatchSizeChart.Config(null, Map.of("x", List.of())));
    assertThrows(IllegalArgumentException.class, () -> new BatchSizeChart.Config(null, series, "Equal Updates"));
  }

  @Test
  void aNamedBatchSizeChartSaysItsNameInFileTitleAndCaption() throws IOException {
    Map<String, List<String>> series = Map.of("BN", List.of("bn_b4", "bn_b64"));
    Results r = results();
    ChartNames names = new ChartNames(List.of());
    ChartOutput plain = new BatchSizeChart.Config("accuracy", series).draw(r, names).get(0);
    ChartOutput named = new BatchSizeChart.Config("accuracy", series, "equal-updates").draw(r, names).get(0);
    assertEquals("batch_size_accuracy.png", plain.file());
    assertEquals("batch_size_equal-updates_accuracy.png", named.file());
    assertTrue(named.chart().getTitle().endsWith("(equal-updates)"), named.chart().getTitle());
    assertTrue(named.caption().contains("minibatch size (equal-updates)"), named.caption());
  }

  @Test
  void learningCurvesCanBeLimitedToSomeVariantsInTheirOrder() throws IOException {
    Results r = results();
    XYChart some = LearningCurveChart.of(r, Point.EMPTY, "validation.accuracy", List.of("ln_b64", "bn_b4"), "auto");
    List<String> lines = some.getSeriesMap().keySet().stream().filter(k -> k.contains("(n=")).toList();
    assertEquals(List.of("ln_b64 (n=3)", "bn_b4 (n=3)"), lines);
    XYChart all = LearningCurveChart.of(r, Point.EMPTY, "validation.accuracy");
    assertEquals(4, all.getSeriesMap().keySet().stream().filter(k -> k.contains("(n=")).count());
    ChartNames names = new ChartNames(List.of());
    assertEquals("curve-batch-4.png", new LearningCurveChart.Config("validation.accuracy", List.of("bn_b4"), "batch-4", null)
        .draw(r, names).get(0).file());
    assertThrows(IllegalArgumentException.class, () -> new LearningCurveChart.Config(null, null, "Bad Name", null));
  }
}
