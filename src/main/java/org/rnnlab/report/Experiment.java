package org.rnnlab.report;

import java.util.List;
import java.util.Map;

/**
 * The plan of one experiment run as recorded by the runner in {@code experiment.json}.
 *
 * @param sweep sweep keys to their values (canonical text), in spec order; empty without a sweep
 * @param groups the cells' groups in plan order
 */
record Experiment(
    String name,
    String profile,
    String specFile,
    String specSha256,
    String description,
    String mainMetric,
    boolean lowerIsBetter,
    List<String> variants,
    Map<String, List<String>> sweep,
    int seeds,
    List<Group> groups,
    List<Published> published,
    List<Claim> claims,
    String codeVersion,
    String command) {

  /** One variant at one sweep point; its cells differ only by seed. */
  record Group(
      String label,
      String variant,
      Point point,
      String task,
      Map<String, Double> baseline,
      String baselineDescription) {

    /** The task baseline for {@code metric}, or NaN if none is given. */
    double baselineOf(String metric) {
      Double b = baseline.get(metric);
      return b == null ? Double.NaN : b;
    }
  }

  /** A number reported in the literature, shown next to ours for comparison. */
  record Published(String claim, String value, String source) {}

  /**
   * A claim the experiment is meant to support, e.g. "mean mse of lstm at seq_len=100 is
   * below 0.05". A null variant matches every variant; an empty {@code where} every point.
   */
  record Claim(
      String text,
      String variant,
      Point where,
      String metric,
      String statistic,
      String op,
      double value) {}
}
