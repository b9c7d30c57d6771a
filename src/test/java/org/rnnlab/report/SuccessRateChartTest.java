package org.rnnlab.report;

/** The chart contract for {@code {"type": "success_rate"}} on the report fixture with every measurement. */
class SuccessRateChartTest extends ChartContractTest {
  @Override
  protected ChartConfig chart() {
    return new SuccessRateChart.Config(null, null, null, null, null, null, null);
  }
}
