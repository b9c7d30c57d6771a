package org.rnnlab.report;

import java.util.Map;

/**
 * The final outcome of one cell (one group, one seed) as recorded in its {@code result.json}.
 *
 * @param metrics final test metrics in file order; a null JSON value becomes NaN
 * @param divergedAtStep the step at which training diverged, or null
 */
record CellResult(
    String cell,
    String group,
    String variant,
    Point point,
    int seedIndex,
    long seed,
    String configSha256,
    String status,
    Long divergedAtStep,
    Map<String, Double> metrics,
    Provenance provenance) {

  static final String OK = "ok";
  static final String DIVERGED = "diverged";

  /** Where and how the cell ran; any field may be null if the runner did not record it. */
  record Provenance(
      String specSha256,
      String codeVersion,
      String jvm,
      String os,
      String cpu,
      Integer threads,
      Double wallSeconds) {}

  /** Whether this cell counts in the statistics. */
  boolean isOk() {
    return OK.equals(status);
  }

  /** The final value of {@code metric}, or NaN if absent. */
  double metric(String metric) {
    Double v = metrics.get(metric);
    return v == null ? Double.NaN : v;
  }
}
