package org.rnnlab.report;

/** The chart contract for {@code {"type": "heat_map"}} on the report fixture with every measurement. */
class GridHeatMapChartTest extends ChartContractTest {
  @Override
  protected ChartConfig chart() {
    return new GridHeatMapChart.Config(null, "model.hidden_size", "model.cell.spectral_radius", null, null);
  }
}
