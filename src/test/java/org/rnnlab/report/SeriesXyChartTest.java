package org.rnnlab.report;

import org.rnnlab.results.Measures;

/** The chart contract for {@code {"type": "series_xy"}} on the report fixture with every measurement. */
class SeriesXyChartTest extends ChartContractTest {
  @Override
  protected ChartConfig chart() {
    return new SeriesXyChart.Config(Measures.FREE_RUN_TRUTH, Measures.FREE_RUN_PREDICTION, "truth", "prediction",
        null, null, null);
  }
}
