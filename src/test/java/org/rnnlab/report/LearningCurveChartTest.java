package org.rnnlab.report;

/** Learning curves meet the chart contract, for the main metric and another curve metric. */
class LearningCurveChartTest extends ChartContractTest {
  @Override
  protected ChartConfig chart() {
    return new LearningCurveChart.Config("loss");
  }
}
