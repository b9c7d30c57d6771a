package org.rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.rnnlab.results.ResultsStore;

/**
 * The chart contract for {@code {"type": "set_curve"}} on pair-task results ({@link Fixture#pairs}), and where
 * it places each set's metric: the median over a group's ok seeds at the set's x, every seed as a dot, the
 * marked range only when asked.
 */
class SetCurveChartTest extends ChartContractTest {
  /** The sets out of x order, as a spec may list them. */
  private static final List<SetCurveChart.SetPoint> POINTS = List.of(
      new SetCurveChart.SetPoint("xlong", 10.0), new SetCurveChart.SetPoint("test", 4.0),
      new SetCurveChart.SetPoint("long", 7.0));
  private static final double[] XS = {4, 7, 10};
  private static final List<String> SETS = List.of("test", "long", "xlong");

  @Override
  protected ChartConfig chart() {
    return config(List.of(3.0, 5.0));
  }

  private static SetCurveChart.Config config(List<Double> marked) {
    return new SetCurveChart.Config("accuracy", POINTS, "source length", null, marked, null, null, null, null);
  }

  @Override
  protected Results withData(Path dir) throws IOException {
    Fixture.Run run = Fixture.pairs(dir);
    return ResultsReader.read(run.plan(), new ResultsStore(run.dir()));
  }

  private XYChart draw(SetCurveChart.Config c, String dir) throws IOException {
    Results r = withData(tmp.resolve(dir));
    List<ChartOutput> out = c.draw(r, new ChartNames(List.of()));
    assertEquals(1, out.size());
    assertEquals("sets_accuracy.png", out.get(0).file());
    return (XYChart) out.get(0).chart();
  }

  /** The median of {@code v} (the mean of the middle two for an even count). */
  private static double median(double... v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  @Test
  void eachSetsMedianOverTheOkSeedsSitsAtItsX() throws IOException {
    XYChart chart = draw(config(null), "m");
    XYSeries last = chart.getSeriesMap().get("last");
    XYSeries attn = chart.getSeriesMap().get("attn");
    assertArrayEquals(XS, last.getXData(), 0.0, "sorted by x, whatever the order of points");
    assertArrayEquals(XS, attn.getXData(), 0.0);
    for (int i = 0; i < SETS.size(); i++) {
      String set = SETS.get(i);
      assertEquals(median(Fixture.pairAccuracy("last", 0, set), Fixture.pairAccuracy("last", 1, set),
          Fixture.pairAccuracy("last", 2, set)), last.getYData()[i], 1e-12, set);
      // attn__s0 diverged: its median is over seeds 1 and 2 only
      assertEquals(median(Fixture.pairAccuracy("attn", 1, set), Fixture.pairAccuracy("attn", 2, set)),
          attn.getYData()[i], 1e-12, set);
    }
    // attention loses less with length in the fixture: the lines must show it, not merely exist
    assertTrue(attn.getYData()[2] - last.getYData()[2] > 0.4);

    XYSeries dots = chart.getSeriesMap().get("attn seeds");
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < dots.getXData().length; i++) {
      seen.add(dots.getXData()[i] + ":" + dots.getYData()[i]);
    }
    List<String> expected = new ArrayList<>();
    for (int s = 1; s <= 2; s++) {
      for (int i = 0; i < SETS.size(); i++) {
        expected.add(XS[i] + ":" + Fixture.pairAccuracy("attn", s, SETS.get(i)));
      }
    }
    assertEquals(expected, seen, "every ok seed's value at its set's x, the diverged seed none");
  }

  @Test
  void theMarkedRangeIsDrawnOnlyWhenAsked() throws IOException {
    XYChart plain = draw(config(null), "p");
    assertNull(plain.getSeriesMap().get("training range"));
    assertFalse(plain.getSeriesMap().keySet().stream().anyMatch(k -> k.contains("range")),
        plain.getSeriesMap().keySet().toString());

    Results r = withData(tmp.resolve("k"));
    ChartOutput out = config(List.of(3.0, 5.0)).draw(r, new ChartNames(List.of())).get(0);
    XYSeries box = ((XYChart) out.chart()).getSeriesMap().get("training range");
    assertArrayEquals(new double[] {3, 3, 5, 5, 3}, box.getXData(), 0.0);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (String v : List.of("last", "attn")) {
      for (int s = v.equals("attn") ? 1 : 0; s < 3; s++) {
        for (String set : SETS) {
          lo = Math.min(lo, Fixture.pairAccuracy(v, s, set));
          hi = Math.max(hi, Fixture.pairAccuracy(v, s, set));
        }
      }
    }
    assertArrayEquals(new double[] {lo, hi, hi, lo, lo}, box.getYData(), 0.0, "spans every drawn value");
    assertTrue(out.caption().contains("shaded: training range (3-5)"), out.caption());
    assertFalse(config(null).draw(r, new ChartNames(List.of())).get(0).caption().contains("shaded"));

    SetCurveChart.Config named = new SetCurveChart.Config("accuracy", POINTS, "source length", null,
        List.of(3.0, 5.0), "trained lengths", null, null, null);
    assertTrue(((XYChart) named.draw(r, new ChartNames(List.of())).get(0).chart()).getSeriesMap()
        .containsKey("trained lengths"));
  }

  @Test
  void beamWidthsAreSetsToo() throws IOException {
    SetCurveChart.Config beams = new SetCurveChart.Config("accuracy", List.of(
        new SetCurveChart.SetPoint("test_beam1", 1.0), new SetCurveChart.SetPoint("test_beam4", 4.0)),
        "beam width", null, null, null, List.of("last"), null, "beam");
    Results r = withData(tmp.resolve("b"));
    List<ChartOutput> out = beams.draw(r, new ChartNames(List.of()));
    assertEquals("beam.png", out.get(0).file());
    XYChart chart = (XYChart) out.get(0).chart();
    assertNull(chart.getSeriesMap().get("attn"), "variants selects the groups");
    XYSeries last = chart.getSeriesMap().get("last");
    double test = Fixture.pairAccuracy("last", 2, "test"); // the median seed
    assertArrayEquals(new double[] {test + 0.01, test + 0.04}, last.getYData(), 1e-12);
  }
}
