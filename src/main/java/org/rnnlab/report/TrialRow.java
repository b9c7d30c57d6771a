package org.rnnlab.report;

import java.util.Map;
import org.rnnlab.results.Provenance;
import org.rnnlab.results.TrialResult;

/**
 * The final outcome of one trial (one group, one seed) as the report uses it.
 *
 * @param metrics final metrics in file order; a null JSON value becomes NaN
 * @param divergedAtStep the step at which training diverged, or null
 */
public record TrialRow(
    String trial,
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

  static final String OK = TrialResult.OK;
  static final String DIVERGED = TrialResult.DIVERGED;

  /** The report's view of a verified result. */
  static TrialRow of(TrialResult r) {
    Map<String, Double> m = new java.util.LinkedHashMap<>();
    r.metrics().forEach((k, v) -> m.put(k, v == null ? Double.NaN : v));
    return new TrialRow(r.trial(), r.group(), r.variant(), Point.ofValues(r.point()), r.seedIndex(), r.seed(),
        r.configSha256(), r.status(), r.divergedAtStep(), m,
        r.provenance() == null ? new Provenance(null, null, null, null, null, null, null, null) : r.provenance());
  }

  /** Whether this trial counts in the statistics. */
  boolean isOk() {
    return OK.equals(status);
  }

  /** The final value of {@code metric}, or NaN if absent. */
  double metric(String metric) {
    Double v = metrics.get(metric);
    return v == null ? Double.NaN : v;
  }
}
