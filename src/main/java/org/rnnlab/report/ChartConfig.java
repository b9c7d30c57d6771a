package org.rnnlab.report;

import java.util.List;
import org.rnnlab.config.Component;

/**
 * A chart the spec's {@code report.charts} asks for, chosen by {@code "type"} and registered in
 * {@code Registries.CHARTS} like every other component: its record holds its settings and draws
 * it from the results (one chart, or one per sweep point, or none when there is nothing to show).
 */
public interface ChartConfig extends Component {
  /** The charts to write, each with a stable file name from {@code names} and a caption. */
  List<ChartOutput> draw(Results results, ChartNames names);
}
