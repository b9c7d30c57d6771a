package org.rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapSeries;
import org.rnnlab.results.ResultsStore;

/**
 * The chart contract for {@code {"type": "attention_map"}} on pair-task results ({@link Fixture#pairs}), and
 * what it draws: one map per recorded example up to {@code examples}, from the first ok seed that recorded
 * maps, its cells the recorded weights with the first output step at the top.
 */
class AttentionMapChartTest extends ChartContractTest {
  @Override
  protected ChartConfig chart() {
    return new AttentionMapChart.Config(null, null, null, null);
  }

  @Override
  protected Results withData(Path dir) throws IOException {
    Fixture.Run run = Fixture.pairs(dir);
    return ResultsReader.read(run.plan(), new ResultsStore(run.dir()));
  }

  private List<ChartOutput> draw(int examples, String dir) throws IOException {
    Results r = withData(tmp.resolve(dir));
    return new AttentionMapChart.Config(examples, null, null, null).draw(r, new ChartNames(List.of()));
  }

  @Test
  void oneMapPerRecordedExampleUpToExamples() throws IOException {
    // only attn recorded maps (last has no attention); 3 were recorded per trial
    assertEquals(List.of("attention_attn_0.png"), draw(1, "a").stream().map(ChartOutput::file).toList());
    assertEquals(List.of("attention_attn_0.png", "attention_attn_1.png"),
        draw(2, "b").stream().map(ChartOutput::file).toList(), "the default, 2");
    assertEquals(List.of("attention_attn_0.png", "attention_attn_1.png", "attention_attn_2.png"),
        draw(20, "c").stream().map(ChartOutput::file).toList(), "no more than were recorded");
    Results r = withData(tmp.resolve("d"));
    assertEquals(List.of(), new AttentionMapChart.Config(5, List.of("last"), null, null)
        .draw(r, new ChartNames(List.of())), "a variant without maps draws nothing");
    assertEquals(List.of("s2s_attn_0.png"), new AttentionMapChart.Config(1, null, null, "s2s")
        .draw(r, new ChartNames(List.of())).stream().map(ChartOutput::file).toList());
  }

  @Test
  void cellsAreTheRecordedWeightsFirstOutputAtTheTop() throws IOException {
    List<ChartOutput> out = draw(3, "w");
    for (int k = 0; k < 3; k++) {
      ChartOutput c = out.get(k);
      // attn__s0 diverged: the first seed with maps is seed 1
      assertTrue(c.caption().contains("trial attn__s1"), c.caption());
      double[][] a = Fixture.attention(1, k);
      int cols = 3 + k;
      int rows = cols + 1;
      HeatMapSeries s = ((HeatMapChart) c.chart()).getHeatMapSeries();
      assertEquals(cols, s.getXData().size());
      assertEquals(rows, s.getYData().size());
      assertEquals("1 a", s.getXData().get(0), "source symbols across, numbered by position");
      // XChart draws y index 0 at the bottom: the last y label is the top row, the first output symbol
      assertEquals("1 " + (char) ('a' + cols - 1), s.getYData().get(rows - 1));
      assertEquals(rows + " </s>", s.getYData().get(0), "the end symbol is the bottom row");
      assertEquals(rows * cols, s.getHeatData().size());
      for (Number[] cell : s.getHeatData()) {
        int j = cell[0].intValue();
        int t = rows - 1 - cell[1].intValue();
        assertEquals(a[t][j], cell[2].doubleValue(), 0.0, "example " + k + " output " + t + " source " + j);
      }
      // the reversal's anti-diagonal: the top row's peak is at the last source symbol
      double top = -1;
      int at = -1;
      for (Number[] cell : s.getHeatData()) {
        if (cell[1].intValue() == rows - 1 && cell[2].doubleValue() > top) {
          top = cell[2].doubleValue();
          at = cell[0].intValue();
        }
      }
      assertEquals(cols - 1, at);
      assertEquals(0.7, top, 1e-12);
    }
  }
}
