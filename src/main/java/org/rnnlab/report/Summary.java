package org.rnnlab.report;

import java.util.ArrayList;
import java.util.List;

/** Per-group statistics of every final metric over the group's ok seeds. */
final class Summary {
  private Summary() {}

  /** One group's statistics for one metric. */
  record Row(String group, String metric, Stats stats) {}

  /** Rows in plan group order, then metric order of first appearance in the results. */
  static List<Row> of(Results results) {
    List<Row> rows = new ArrayList<>();
    List<String> metrics = results.metricNames();
    for (Experiment.Group g : results.groups()) {
      for (String metric : metrics) {
        rows.add(new Row(g.label(), metric, Stats.of(results.okValues(g.label(), metric))));
      }
    }
    return rows;
  }

  /** The statistics of {@code metric} for every group, in plan order (main-metric table). */
  static List<Row> of(Results results, String metric) {
    List<Row> rows = new ArrayList<>();
    for (Experiment.Group g : results.groups()) {
      rows.add(new Row(g.label(), metric, Stats.of(results.okValues(g.label(), metric))));
    }
    return rows;
  }
}
