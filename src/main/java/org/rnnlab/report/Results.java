package org.rnnlab.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything read from one results directory.
 *
 * @param groups the plan's groups followed by any group that only appears in a result file
 * @param cells cells with a readable result, sorted by group (plan order), seed index, cell id
 * @param missing cell directories without a usable result, sorted by cell id
 * @param curves each cell's evaluations in file order, keyed by cell id (absent if no curve.csv)
 * @param warnings problems worth a reader's attention that did not stop the report
 */
record Results(
    Experiment experiment,
    List<Experiment.Group> groups,
    List<CellResult> cells,
    List<MissingCell> missing,
    Map<String, List<CurveRow>> curves,
    List<String> warnings) {

  /** The cells of {@code group}, in seed order. */
  List<CellResult> cellsOf(String group) {
    List<CellResult> out = new ArrayList<>();
    for (CellResult c : cells) {
      if (c.group().equals(group)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The finite final values of {@code metric} over the ok cells of {@code group}. */
  double[] okValues(String group, String metric) {
    return okValues(List.of(group), metric);
  }

  /** The finite final values of {@code metric} over the ok cells of all {@code groups}. */
  double[] okValues(List<String> groups, String metric) {
    Set<String> wanted = Set.copyOf(groups);
    return cells.stream()
        .filter(c -> c.isOk() && wanted.contains(c.group()))
        .mapToDouble(c -> c.metric(metric))
        .filter(Double::isFinite)
        .toArray();
  }

  /** The number of cells of {@code group} with status {@code status}. */
  int count(String group, String status) {
    return (int) cells.stream().filter(c -> c.group().equals(group) && c.status().equals(status)).count();
  }

  /** How many of {@code group}'s planned seeds have no result: the plan's seeds minus results. */
  int missingCount(String group) {
    return Math.max(0, experiment.seeds() - cellsOf(group).size());
  }

  /** Final metric names in order of first appearance across cells. */
  List<String> metricNames() {
    Set<String> names = new LinkedHashSet<>();
    for (CellResult c : cells) {
      names.addAll(c.metrics().keySet());
    }
    return List.copyOf(names);
  }

  /** The distinct sweep points of the groups, in plan order. */
  List<Point> points() {
    Set<Point> points = new LinkedHashSet<>();
    for (Experiment.Group g : groups) {
      points.add(g.point());
    }
    return List.copyOf(points);
  }

  /** The groups at {@code point}, in plan order. */
  List<Experiment.Group> groupsAt(Point point) {
    return groups.stream().filter(g -> g.point().equals(point)).toList();
  }
}
