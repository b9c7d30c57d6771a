package org.rnnlab.report;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a results directory written by the runner: {@code experiment.json} plus one directory
 * per cell with {@code result.json} and {@code curve.csv}. The plan file must be valid; a cell
 * that is incomplete or unreadable is reported as missing instead of failing the whole report,
 * because a partial report of an interrupted run is still worth reading.
 */
final class ResultsReader {
  static final String EXPERIMENT_FILE = "experiment.json";
  static final String RESULT_FILE = "result.json";
  static final String CURVE_FILE = "curve.csv";
  static final String CONFIG_FILE = "config.json";

  // The runner may write NaN/Infinity for metrics of diverged cells; strict JSON cannot.
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private ResultsReader() {}

  /** Reads plan, results and curves; {@code skip} (may be null) is a directory to ignore. */
  static Results read(Path resultsDir, Path skip) throws IOException {
    Experiment experiment = readExperiment(resultsDir.resolve(EXPERIMENT_FILE));
    List<CellResult> cells = new ArrayList<>();
    List<MissingCell> missing = new ArrayList<>();
    Map<String, List<CurveRow>> curves = new HashMap<>();
    List<String> warnings = new ArrayList<>();

    for (Path dir : cellDirectories(resultsDir, skip)) {
      String dirName = dir.getFileName().toString();
      Path resultFile = dir.resolve(RESULT_FILE);
      if (!Files.isRegularFile(resultFile)) {
        missing.add(new MissingCell(dirName, "no " + RESULT_FILE));
        continue;
      }
      CellResult cell;
      try {
        cell = readCell(resultFile, dirName);
      } catch (IOException | RuntimeException e) {
        missing.add(new MissingCell(dirName, "unreadable " + RESULT_FILE + ": " + oneLine(e)));
        continue;
      }
      cells.add(cell);
      Path curveFile = dir.resolve(CURVE_FILE);
      if (Files.isRegularFile(curveFile)) {
        try {
          curves.put(cell.cell(), readCurve(curveFile));
        } catch (IOException | RuntimeException e) {
          warnings.add("cell " + dirName + ": unreadable " + CURVE_FILE + ": " + oneLine(e));
        }
      } else {
        warnings.add("cell " + dirName + ": no " + CURVE_FILE);
      }
    }

    List<Experiment.Group> groups = new ArrayList<>(experiment.groups());
    Map<String, Integer> order = new HashMap<>();
    for (Experiment.Group g : groups) {
      order.putIfAbsent(g.label(), order.size());
    }
    // Groups the plan does not know about still get reported, after the planned ones.
    List<CellResult> unplanned =
        cells.stream()
            .filter(c -> !order.containsKey(c.group()))
            .sorted(Comparator.comparing(CellResult::group).thenComparing(CellResult::cell))
            .toList();
    for (CellResult c : unplanned) {
      if (!order.containsKey(c.group())) {
        order.put(c.group(), order.size());
        groups.add(new Experiment.Group(c.group(), c.variant(), c.point(), "", Map.of(), ""));
        warnings.add("group \"" + c.group() + "\" of cell " + c.cell() + " is not in the plan");
      }
    }
    cells.sort(
        Comparator.<CellResult>comparingInt(c -> order.get(c.group()))
            .thenComparingInt(CellResult::seedIndex)
            .thenComparing(CellResult::cell));
    missing.sort(Comparator.comparing(MissingCell::cell));
    return new Results(experiment, List.copyOf(groups), List.copyOf(cells), List.copyOf(missing),
        Map.copyOf(curves), List.copyOf(warnings));
  }

  /**
   * The subdirectories that belong to cells: those holding at least one file a cell writes.
   * Other directories (a report written inside the results, an empty directory of a cell that
   * never started) are not cells; the latter still shows up as a missing seed of its group.
   */
  private static List<Path> cellDirectories(Path resultsDir, Path skip) throws IOException {
    Path skipAbs = skip == null ? null : skip.toAbsolutePath().normalize();
    try (Stream<Path> s = Files.list(resultsDir)) {
      return s.filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> skipAbs == null || !p.toAbsolutePath().normalize().equals(skipAbs))
          .filter(
              p ->
                  Files.exists(p.resolve(RESULT_FILE))
                      || Files.exists(p.resolve(CURVE_FILE))
                      || Files.exists(p.resolve(CONFIG_FILE)))
          .sorted()
          .toList();
    }
  }

  /** Reads and validates {@code experiment.json}. */
  static Experiment readExperiment(Path file) throws IOException {
    JsonNode root = readJson(file);
    String where = file.getFileName().toString();
    String mainMetric = requireText(root, "main_metric", where);

    Map<String, List<String>> sweep = new LinkedHashMap<>();
    JsonNode sweepNode = root.path("sweep");
    Iterator<Map.Entry<String, JsonNode>> it = sweepNode.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      List<String> values = new ArrayList<>();
      e.getValue().forEach(v -> values.add(Point.canonical(v)));
      sweep.put(e.getKey(), List.copyOf(values));
    }

    List<Experiment.Group> groups = new ArrayList<>();
    for (JsonNode g : require(root, "groups", where)) {
      String label = requireText(g, "group", where + " groups[]");
      Map<String, Double> baseline = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> b = g.path("baseline").fields();
      while (b.hasNext()) {
        Map.Entry<String, JsonNode> e = b.next();
        double v = number(e.getValue());
        if (!Double.isNaN(v)) {
          baseline.put(e.getKey(), v);
        }
      }
      groups.add(
          new Experiment.Group(
              label,
              text(g, "variant", label),
              Point.of(g.get("point")),
              text(g, "task", ""),
              baseline,
              text(g, "baseline_description", "")));
    }

    List<Experiment.Published> published = new ArrayList<>();
    for (JsonNode p : root.path("published")) {
      published.add(
          new Experiment.Published(text(p, "claim", ""), text(p, "value", ""), text(p, "source", "")));
    }

    List<Experiment.Claim> claims = new ArrayList<>();
    for (JsonNode c : root.path("claims")) {
      claims.add(
          new Experiment.Claim(
              text(c, "text", ""),
              text(c, "variant", null),
              Point.of(c.get("where")),
              text(c, "metric", mainMetric),
              text(c, "statistic", "mean"),
              text(c, "op", ""),
              number(c.get("value"))));
    }

    List<String> variants = new ArrayList<>();
    root.path("variants").forEach(v -> variants.add(v.asText()));

    JsonNode lower = require(root, "lower_is_better", where);
    if (!lower.isBoolean()) {
      throw new IOException(where + ": lower_is_better must be true or false");
    }
    JsonNode seeds = require(root, "seeds", where);
    if (!seeds.canConvertToInt()) {
      throw new IOException(where + ": seeds must be an integer");
    }
    return new Experiment(
        requireText(root, "name", where),
        text(root, "profile", null),
        text(root, "spec_file", null),
        text(root, "spec_sha256", null),
        text(root, "description", ""),
        mainMetric,
        lower.booleanValue(),
        List.copyOf(variants),
        sweep,
        seeds.intValue(),
        List.copyOf(groups),
        List.copyOf(published),
        List.copyOf(claims),
        text(root, "code_version", null),
        text(root, "command", null));
  }

  private static CellResult readCell(Path file, String dirName) throws IOException {
    JsonNode root = readJson(file);
    String where = dirName + "/" + RESULT_FILE;
    Map<String, Double> metrics = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = root.path("metrics").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      metrics.put(e.getKey(), number(e.getValue()));
    }
    JsonNode p = root.path("provenance");
    JsonNode threads = p.get("threads");
    double wall = number(p.get("wall_seconds"));
    CellResult.Provenance provenance =
        new CellResult.Provenance(
            text(p, "spec_sha256", null),
            text(p, "code_version", null),
            text(p, "jvm", null),
            text(p, "os", null),
            text(p, "cpu", null),
            threads != null && threads.canConvertToInt() ? threads.intValue() : null,
            Double.isNaN(wall) ? null : wall);
    JsonNode seedIndex = require(root, "seed_index", where);
    if (!seedIndex.canConvertToInt()) {
      throw new IOException(where + ": seed_index must be an integer");
    }
    JsonNode divergedAt = root.get("diverged_at_step");
    String label = requireText(root, "group", where);
    return new CellResult(
        text(root, "cell", dirName),
        label,
        text(root, "variant", label),
        Point.of(root.get("point")),
        seedIndex.intValue(),
        root.path("seed").asLong(),
        text(root, "config_sha256", null),
        requireText(root, "status", where),
        divergedAt != null && divergedAt.isNumber() ? divergedAt.longValue() : null,
        metrics,
        provenance);
  }

  /** Reads {@code step,metric,value} rows in file order. */
  static List<CurveRow> readCurve(Path file) throws IOException {
    CSVFormat format =
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).build();
    List<CurveRow> rows = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = format.parse(in)) {
      for (String column : List.of("step", "metric", "value")) {
        if (!parser.getHeaderMap().containsKey(column)) {
          throw new IOException("missing column " + column);
        }
      }
      for (CSVRecord r : parser) {
        String step = r.get("step");
        long s;
        try {
          s = Long.parseLong(step);
        } catch (NumberFormatException e) {
          s = (long) Double.parseDouble(step); // tolerate "100.0"
        }
        rows.add(new CurveRow(s, r.get("metric"), Num.parse(r.get("value"))));
      }
    }
    return List.copyOf(rows);
  }

  private static JsonNode readJson(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    if (root == null || !root.isObject()) {
      throw new IOException(file.getFileName() + ": expected a JSON object");
    }
    return root;
  }

  private static JsonNode require(JsonNode node, String field, String where) throws IOException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new IOException(where + ": missing field " + field);
    }
    return v;
  }

  private static String requireText(JsonNode node, String field, String where) throws IOException {
    JsonNode v = require(node, field, where);
    if (!v.isValueNode()) {
      throw new IOException(where + ": field " + field + " must be a string");
    }
    return v.asText();
  }

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? fallback : v.asText();
  }

  /** A JSON number, or a string such as "NaN"; null and anything else are NaN. */
  private static double number(JsonNode v) {
    if (v == null || v.isNull()) {
      return Double.NaN;
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isTextual()) {
      try {
        return Num.parse(v.asText());
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }

  private static String oneLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
