package org.rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;
import org.rnnlab.results.ResultsStore;
import org.rnnlab.spec.Registries;

/** The gap chart: its intervals, its captions, and the chart contract. */
class GapChartTest extends ChartContractTest {
  @Override
  protected ChartConfig chart() {
    return new GapChart.Config(Map.of("rnn", "lstm"), null);
  }

  @Test
  void theIntervalEndsAreWhereWelchsTestHasPFivePercent() {
    double[] a = {0.10, 0.12, 0.14};
    double[] b = {0.01, 0.02, 0.03, 0.05};
    GapChart.Gap g = GapChart.gap("b − a", Point.ofValues(Map.of()), a, b);
    assertEquals(Arrays.stream(b).average().orElseThrow() - 0.12, g.gap(), 1e-15);
    // shifting b by an end of the interval puts the gap exactly on that end: Welch p = 0.05 (commons-math's TTest)
    TTest test = new TTest();
    for (double end : new double[] {g.low(), g.high()}) {
      double[] shifted = Arrays.stream(b).map(x -> x - end).toArray();
      assertEquals(0.05, test.tTest(a, shifted), 1e-9, "end " + end);
    }
    assertTrue(g.low() < g.gap() && g.gap() < g.high());
    GapChart.Gap one = GapChart.gap("x", Point.ofValues(Map.of()), new double[] {1.0}, b);
    assertTrue(Double.isNaN(one.low()) && Double.isNaN(one.high()), "no interval from one seed");
  }

  @Test
  void oneGapPerPairAndPointWithTheNumbersInTheCaption() throws IOException {
    Fixture.Run run = Fixture.sweep(tmp.resolve("results"));
    Results results = ResultsReader.read(run.plan(), new ResultsStore(run.dir()));
    List<ChartOutput> out = new GapChart.Config(Map.of("rnn", "lstm"), "mse").draw(results,
        new ChartNames(List.of("task.seq_len")));
    assertEquals(List.of("gap_mse_seq_len-50.png", "gap_mse_seq_len-100.png"), out.stream().map(ChartOutput::file)
        .toList(), "one chart per sweep point");
    List<Point> points = results.points();
    List<GapChart.Gap> at50 = GapChart.gaps(results, points.get(0), Map.of("rnn", "lstm"), "mse");
    List<GapChart.Gap> at100 = GapChart.gaps(results, points.get(1), Map.of("rnn", "lstm"), "mse");
    // seq_len=50: lstm 0.01, 0.02, 0.03 minus rnn 0.10, 0.12, 0.14; seq_len=100: two ok seeds on each side
    assertEquals(-0.10, at50.get(0).gap(), 1e-12);
    assertEquals(0.03 - 0.16, at100.get(0).gap(), 1e-12);
    assertEquals(2, at100.get(0).nA());
    assertTrue(out.get(0).caption().contains("seq_len=50: lstm − rnn = -0.1000, 95% CI ["), out.get(0).caption());
    assertTrue(out.get(0).caption().contains("(n 3/3)") && out.get(1).caption().contains("(n 2/2)"));
    assertTrue(new GapChart.Config(Map.of("gru", "lstm"), "mse").draw(results,
        new ChartNames(List.of("task.seq_len"))).isEmpty(), "no such variant: no chart");
  }

  @Test
  void registeredAndWithoutPairsDrawsNothing() throws IOException {
    assertSame(GapChart.Config.class, Registries.CHARTS.types().get("gap"));
    Fixture.Run run = Fixture.sweep(tmp.resolve("results"));
    Results results = ResultsReader.read(run.plan(), new ResultsStore(run.dir()));
    assertTrue(new GapChart.Config(null, null).draw(results, new ChartNames(List.of("task.seq_len"))).isEmpty());
  }
}
