package org.rnnlab.report;

import org.rnnlab.results.Measures;

/** The chart contract for {@code {"type": "series_trace"}} on the report fixture with every measurement. */
class SeriesTraceChartTest extends ChartContractTest {
  @Override
  protected ChartConfig chart() {
    return new SeriesTraceChart.Config(Measures.FREE_RUN_PREDICTION, Measures.FREE_RUN_TRUTH, null, null, null);
  }
}
