package org.rnnlab.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-group statistics of every final metric over the group's ok seeds with a finite value, and
 * how many ok seeds had none (so that n + unmeasured + diverged + missing accounts for every seed).
 */
final class Summary {
  private Summary() {}

  /** One group's statistics for one metric; {@code unmeasured}: its ok seeds without a finite value. */
  record Row(String group, String metric, Stats stats, int unmeasured) {}

  /** Rows in plan group order, then metric order of first appearance in the results. */
  static List<Row> of(Results results) {
    List<Row> rows = new ArrayList<>();
    List<String> metrics = results.metricNames();
    for (Experiment.Group g : results.groups()) {
      for (String metric : metrics) {
        rows.add(row(results, g, metric));
      }
    }
    return rows;
  }

  /** The statistics of {@code metric} for every group, in plan order (main-metric table). */
  static List<Row> of(Results results, String metric) {
    List<Row> rows = new ArrayList<>();
    for (Experiment.Group g : results.groups()) {
      rows.add(row(results, g, metric));
    }
    return rows;
  }

  private static Row row(Results results, Experiment.Group g, String metric) {
    return new Row(g.label(), metric, Stats.of(results.okValues(g.label(), metric)),
        results.unmeasured(List.of(g.label()), metric));
  }
}
