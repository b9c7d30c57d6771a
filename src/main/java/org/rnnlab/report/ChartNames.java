package org.rnnlab.report;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stable ASCII file names for charts, e.g. {@code curve_seq_len-100.png} and
 * {@code final_mse.png}, so that links into a report survive re-runs.
 */
public final class ChartNames {
  /** Glob of the chart files of a report directory, for removing those an earlier run left. */
  static final String GLOB = "*.{png,svg,pdf}";

  private final List<String> sweepKeys;
  private final Set<String> used = new HashSet<>();

  ChartNames(List<String> sweepKeys) {
    this.sweepKeys = List.copyOf(sweepKeys);
  }

  /** {@code curve.png} without a sweep, else {@code curve_<key>-<value>[__<key>-<value>].png}. */
  public String curve(Point point) {
    return curve(point, "");
  }

  /** As {@link #curve(Point)}, with {@code metric} after "curve" unless empty ({@code curve-train_loss_...}). */
  public String curve(Point point, String metric) {
    return at(metric.isEmpty() ? "curve" : "curve-" + sanitize(metric), point);
  }

  /** {@code stem.png} without a sweep, else {@code stem_<key>-<value>[__<key>-<value>].png}. */
  public String at(String stem, Point point) {
    stem = sanitize(stem);
    if (point.isEmpty()) {
      return unique(stem);
    }
    StringBuilder sb = new StringBuilder(stem + "_");
    boolean first = true;
    for (Map.Entry<String, String> e : point.values().entrySet()) {
      if (!first) {
        sb.append("__");
      }
      first = false;
      sb.append(sanitize(shortKey(e.getKey()))).append('-').append(sanitize(e.getValue()));
    }
    return unique(sb.toString());
  }

  /** {@code final_<metric>.png}. */
  public String finalMetric(String metric) {
    return unique("final_" + sanitize(metric));
  }

  /** The last dotted segment of a key (task.seq_len → seq_len) unless two keys share it. */
  private String shortKey(String key) {
    String tail = key.substring(key.lastIndexOf('.') + 1);
    long same = sweepKeys.stream().filter(k -> k.substring(k.lastIndexOf('.') + 1).equals(tail)).count();
    return same > 1 ? key : tail;
  }

  /** {@code stem.png}, made unique within the report. */
  public String named(String stem) {
    return unique(sanitize(stem));
  }

  private String unique(String base) {
    String name = base + ".png";
    for (int i = 2; !used.add(name); i++) {
      name = base + "-" + i + ".png";
    }
    return name;
  }

  /** Keeps [A-Za-z0-9._-]; anything else, including non-ASCII, becomes '_'. */
  static String sanitize(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean keep =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
              || c == '.' || c == '_' || c == '-';
      out.append(keep ? c : '_');
    }
    return out.length() == 0 ? "_" : out.toString();
  }
}
