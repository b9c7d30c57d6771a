package org.rnnlab.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.concurrent.ConcurrentHashMap;
import org.rnnlab.results.CurveRow;
import org.rnnlab.results.SeriesRow;
import org.rnnlab.results.TextRow;

/**
 * Everything read from one results directory.
 *
 * @param groups the plan's groups followed by any group that only appears in a result file
 * @param trials trials with a verified result for the planned config, sorted by group (plan order),
 *     seed index, trial id
 * @param missing planned trials without a usable result, in plan order, with the reason
 * @param curves each trial's curve in file order, keyed by trial id
 * @param series each trial's series rows in file order, keyed by trial id
 * @param warnings problems worth a reader's attention that did not stop the report
 * @param texts each trial's texts (samples of a language model), keyed by trial id; absent: none
 * @param seriesRead the (trial, series name) pairs the report has read through {@link #seriesRows}: what its
 *     trial record keeps of the series, so that a report rebuilt from the record reads the same rows
 */
public record Results(
    Experiment experiment,
    List<Experiment.Group> groups,
    List<TrialRow> trials,
    List<MissingTrial> missing,
    Map<String, List<CurveRow>> curves,
    Map<String, List<SeriesRow>> series,
    List<String> warnings,
    Map<String, List<TextRow>> texts,
    Set<String> seriesRead) {

  /** Results whose series nothing has read yet. */
  public Results(Experiment experiment, List<Experiment.Group> groups, List<TrialRow> trials,
                 List<MissingTrial> missing, Map<String, List<CurveRow>> curves, Map<String, List<SeriesRow>> series,
                 List<String> warnings, Map<String, List<TextRow>> texts) {
    this(experiment, groups, trials, missing, curves, series, warnings, texts, ConcurrentHashMap.newKeySet());
  }

  /** Results of trials that produced no texts. */
  public Results(Experiment experiment, List<Experiment.Group> groups, List<TrialRow> trials,
                 List<MissingTrial> missing, Map<String, List<CurveRow>> curves, Map<String, List<SeriesRow>> series,
                 List<String> warnings) {
    this(experiment, groups, trials, missing, curves, series, warnings, Map.of());
  }

  /**
   * The rows of series {@code name} of {@code trial}, in file order (empty: none). Every read of a
   * series goes through here, and is noted in {@link #seriesRead}.
   */
  public List<SeriesRow> seriesRows(String trial, String name) {
    seriesRead.add(readKey(trial, name));
    List<SeriesRow> out = new ArrayList<>();
    for (SeriesRow r : series.getOrDefault(trial, List.of())) {
      if (r.name().equals(name)) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * The rows of series {@code name} of {@code trial} at its first and last recorded steps (empty: none), for
   * a chart that draws a series at initialisation and after training; noted in {@link #seriesRead} as such,
   * so that the trial record keeps those two steps of it.
   */
  public List<SeriesRow> seriesEnds(String trial, String name) {
    seriesRead.add(readKey(trial, name) + ENDS);
    long[] ends = ends(trial, name);
    List<SeriesRow> out = new ArrayList<>();
    for (SeriesRow r : series.getOrDefault(trial, List.of())) {
      if (r.name().equals(name) && (r.step() == ends[0] || r.step() == ends[1])) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * What the charts have read so far, row by row ({@link #seriesRows}: every row of a series;
   * {@link #seriesEnds}: those of its first and last steps), each series' ends found once.
   */
  public BiPredicate<String, SeriesRow> rowsRead() {
    Set<String> read = Set.copyOf(seriesRead);
    Map<String, long[]> ends = new java.util.HashMap<>();
    return (trial, row) -> {
      String key = readKey(trial, row.name());
      if (read.contains(key)) {
        return true;
      }
      if (!read.contains(key + ENDS)) {
        return false;
      }
      long[] e = ends.computeIfAbsent(key, k -> ends(trial, row.name()));
      return row.step() == e[0] || row.step() == e[1];
    };
  }

  /** The first and last step of series {@code name} of {@code trial} (MAX_VALUE, MIN_VALUE: none). */
  private long[] ends(String trial, String name) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (SeriesRow r : series.getOrDefault(trial, List.of())) {
      if (r.name().equals(name)) {
        first = Math.min(first, r.step());
        last = Math.max(last, r.step());
      }
    }
    return new long[] {first, last};
  }

  private static final String ENDS = "\nends";

  /** The series reads so far, as the trial record lists them. */
  public Set<String> seriesReads() {
    return Set.copyOf(seriesRead);
  }

  private static String readKey(String trial, String name) {
    return trial + "\n" + name;
  }

  /** The trials of {@code group} with a result, in seed order. */
  List<TrialRow> trialsOf(String group) {
    List<TrialRow> out = new ArrayList<>();
    for (TrialRow c : trials) {
      if (c.group().equals(group)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The finite final values of {@code metric} over the ok trials of {@code group}. */
  double[] okValues(String group, String metric) {
    return okValues(List.of(group), metric);
  }

  /** The finite final values of {@code metric} over the ok trials of all {@code groups}. */
  double[] okValues(List<String> groups, String metric) {
    Set<String> wanted = Set.copyOf(groups);
    return trials.stream()
        .filter(c -> c.isOk() && wanted.contains(c.group()))
        .mapToDouble(c -> c.metric(metric))
        .filter(Double::isFinite)
        .toArray();
  }

  /**
   * How many ok trials of {@code groups} have no finite final {@code metric} (never measured, or
   * not finite): they drop out of every statistic of it, so the report counts them separately.
   */
  int unmeasured(List<String> groups, String metric) {
    Set<String> wanted = Set.copyOf(groups);
    return (int) trials.stream()
        .filter(c -> c.isOk() && wanted.contains(c.group()) && !Double.isFinite(c.metric(metric)))
        .count();
  }

  /** The number of trials of {@code group} with status {@code status}. */
  int count(String group, String status) {
    return (int) trials.stream().filter(c -> c.group().equals(group) && c.status().equals(status)).count();
  }

  /** How many of {@code group}'s planned trials have no usable result. */
  int missingCount(String group) {
    return (int) missing.stream().filter(m -> m.group().equals(group)).count();
  }

  /** Final metric names in order of first appearance across trials. */
  List<String> metricNames() {
    Set<String> names = new LinkedHashSet<>();
    for (TrialRow c : trials) {
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
