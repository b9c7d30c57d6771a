package org.rnnlab.task.series;

import java.util.List;
import org.rnnlab.task.SequenceTaskConfig;
import org.rnnlab.task.TaskConfig;

/** The spec record of a {@link SeriesTask}: every series task reports the same metrics. */
public interface SeriesTaskConfig extends SequenceTaskConfig {
  @Override
  SeriesTask create();

  @Override
  default List<String> metricNames() {
    return SeriesTask.metrics();
  }
}
