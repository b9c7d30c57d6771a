package org.rnnlab.report;

import java.util.List;
import org.rnnlab.config.Component;
import org.rnnlab.results.Measures;

/**
 * A chart the spec's {@code report.charts} asks for, chosen by {@code "type"} and registered in
 * {@code Registries.CHARTS} like every other component: its record holds its settings and draws
 * it from the results (one chart, or one per sweep point, or none when there is nothing to show),
 * and it declares the measurements it reads, so that the planner refuses a chart naming one that no
 * trial records instead of drawing nothing.
 */
public interface ChartConfig extends Component {
  /** The charts to write, each with a stable file name from {@code names} and a caption. */
  List<ChartOutput> draw(Results results, ChartNames names);

  /**
   * The measurements this chart reads, each with the JSON pointer (relative to the chart) of the key
   * that names it; {@code mainMetric} is {@code report.main_metric}, which a chart without a metric reads.
   */
  List<Need> needs(String mainMetric);

  /** The factors this chart names, with the JSON pointer of each below the chart (checked against the spec's). */
  default java.util.Map<String, String> factorsNamed() {
    return java.util.Map.of();
  }

  /**
   * One measurement a chart reads.
   *
   * @param kind    where it is recorded (final metric, curve scalar, series)
   * @param name    its name
   * @param pointer the JSON pointer of the chart key that names it ("/metric"), relative to the chart
   * @param implied why the name is read when no key gives it ("report.main_metric", "the default"); null
   *                when the key at {@code pointer} names it
   */
  record Need(Measures.Kind kind, String name, String pointer, String implied) {
    /** {@code name} given at {@code key} of the chart. */
    public static Need at(Measures.Kind kind, String name, String key) {
      return new Need(kind, name, "/" + key, null);
    }

    /** A final metric from the chart's {@code metric} key, or report.main_metric when it is absent (null). */
    public static Need metricOrMain(Measures.Kind kind, String metric, String mainMetric) {
      return metric != null ? at(kind, metric, "metric") : new Need(kind, mainMetric, "", "report.main_metric");
    }
  }
}
