package org.rnnlab.report;

/** The chart contract for {@code {"type": "setting_curve"}} on the report fixture with every measurement. */
class SettingCurveChartTest extends ChartContractTest {
  @Override
  protected ChartConfig chart() {
    return new SettingCurveChart.Config(null, "model.hidden_size", null, null, null);
  }
}
