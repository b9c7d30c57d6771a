package org.rnnlab.report;

/** The chart contract for {@code {"type": "gradient_flow"}} on the report fixture with every measurement. */
class GradientFlowChartTest extends ChartContractTest {
  @Override
  protected ChartConfig chart() {
    return new GradientFlowChart.Config(null, null, null, null, null, null);
  }
}
