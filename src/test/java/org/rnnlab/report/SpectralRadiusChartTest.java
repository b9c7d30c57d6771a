package org.rnnlab.report;

/** The chart contract for {@code {"type": "spectral_radius"}} on the report fixture with every measurement. */
class SpectralRadiusChartTest extends ChartContractTest {
  @Override
  protected ChartConfig chart() {
    return new SpectralRadiusChart.Config(null, null, null, null, null, null, null);
  }
}
