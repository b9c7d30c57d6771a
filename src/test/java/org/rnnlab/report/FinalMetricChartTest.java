package org.rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.rnnlab.results.ResultsStore;

/** The final-metric chart meets the chart contract; its reference lines are labelled beside the categories. */
class FinalMetricChartTest extends ChartContractTest {
  @TempDir Path tmp;

  @Override
  protected ChartConfig chart() {
    return new FinalMetricChart.Config(null);
  }

  @Test
  void referenceLinesAreLabelledInAMarginRightOfTheCategoriesAndSpreadApart() throws IOException {
    Fixture.Run run = Fixture.manyVariants(tmp.resolve("lines"), 4);
    Results r = ResultsReader.read(run.plan(), new ResultsStore(run.dir()));
    // loss = 2 mse and solved_fraction = 1 - mse: two reference lines, far apart; mse 0.01..0.042
    XYChart c = (XYChart) new FinalMetricChart.Config("mse", null, List.of("loss", "solved_fraction"), null)
        .draw(r, new ChartNames(List.of())).get(0).chart();
    double last = 3.5; // the right edge of the last of 4 categories
    assertTrue(c.getStyler().getXAxisMax() >= last + 1.5, "a margin: " + c.getStyler().getXAxisMax());
    assertEquals(2, c.getSeriesMap().keySet().stream().filter(k -> k.equals("loss") || k.equals("solved_fraction"))
        .count(), "both lines drawn");
    assertTrue(c.getStyler().getYAxisMax() > 0.98, "the plot reaches the top line (solved_fraction ~0.97)");
    assertEquals(Charts.LEGEND_FONT, c.getStyler().getAnnotationTextFont(), "the report's font, not monospace");
  }

  @Test
  void closeLabelsAreSpreadALabelApartAndFarOnesStay() {
    assertArrayEquals(new double[] {2.156, 2.256, 2.891, 4.481},
        FinalMetricChart.spread(new double[] {2.156, 2.191, 2.891, 4.481}, 0.1), 1e-12);
  }
}
