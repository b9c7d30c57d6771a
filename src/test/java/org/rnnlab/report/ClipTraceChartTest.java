package org.rnnlab.report;

/** The chart contract for {@code {"type": "clip_trace"}} on the report fixture with every measurement. */
class ClipTraceChartTest extends ChartContractTest {
  @Override
  protected ChartConfig chart() {
    return new ClipTraceChart.Config(null, null, null);
  }
}
