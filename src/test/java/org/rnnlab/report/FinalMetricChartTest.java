package org.rnnlab.report;

/** The final-metric chart meets the chart contract. */
class FinalMetricChartTest extends ChartContractTest {
  @Override
  protected ChartConfig chart() {
    return new FinalMetricChart.Config(null);
  }
}
