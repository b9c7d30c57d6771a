package org.rnnlab.report;

import java.util.List;
import java.util.Map;

/** The chart contract for {@code {"type": "batch_size"}} on the report fixture with every measurement. */
class BatchSizeChartTest extends ChartContractTest {
  @Override
  protected ChartConfig chart() {
    return new BatchSizeChart.Config(null, Map.of("all", List.of("rnn", "lstm")));
  }
}
