package org.rnnlab.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * result.json: what one trial (one variant at one sweep point with one seed) produced, the
 * files it wrote with their digests, and its provenance. It is written last into the trial's
 * directory, which appears complete or not at all.
 *
 * @param format         {@link #FORMAT}; files without it were written by an older rnnlab
 * @param point          sweep key to its value, or to the point's name for named points
 * @param status         {@link #OK} or {@link #DIVERGED}
 * @param divergedAtStep the update at which a loss, gradient or parameter became NaN/infinite, or null
 * @param metrics        final metrics in a fixed order; null where not finite or not measured
 * @param files          every other file of the trial directory, by name
 */
public record TrialResult(
    String format,
    String trial,
    String group,
    String variant,
    Map<String, Object> point,
    int seedIndex,
    long seed,
    long testSeed,
    String configSha256,
    String status,
    Long divergedAtStep,
    Map<String, Double> metrics,
    Map<String, FileDigest> files,
    Provenance provenance) {
  /**
   * The format this code writes and reads. 3: result.json ends with its own SHA-256 (a /2 file,
   * which has none, is read as older-format and recomputed, so an edited metric is never trusted).
   */
  public static final String FORMAT = "rnnlab-trial/3";
  public static final String OK = "ok";
  public static final String DIVERGED = "diverged";

  public TrialResult {
    point = point == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(point));
    Map<String, Double> m = new LinkedHashMap<>();
    if (metrics != null) {
      metrics.forEach((k, v) -> m.put(k, v == null || !Double.isFinite(v) ? null : v));
    }
    metrics = Collections.unmodifiableMap(m);
    files = files == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }

  /** Whether the trial counts in statistics. */
  public boolean isOk() {
    return OK.equals(status);
  }

  /** The final value of {@code metric}, NaN if absent or null. */
  public double metric(String metric) {
    Double v = metrics.get(metric);
    return v == null ? Double.NaN : v;
  }
}
