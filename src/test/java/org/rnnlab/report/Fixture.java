package org.rnnlab.report;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes synthetic results directories in the runner's format. The numbers are chosen so that
 * the statistics have closed forms: e.g. rnn at seq_len=50 has mse 0.10, 0.12, 0.14, so mean
 * 0.12 and sd 0.02.
 */
final class Fixture {
  // NaN must be writable for the diverged cell, as the runner writes it.
  static final JsonMapper JSON =
      JsonMapper.builder().disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();

  static final double BASELINE = 1.0 / 6;

  private Fixture() {}

  /**
   * 2 variants (rnn, lstm) x 2 sweep points (seq_len 50, 100) x 3 seeds. Cell
   * rnn__seq_len-100__s2 diverged at step 150; lstm__seq_len-100__s2 has no result.json.
   */
  static Path sweep(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Map<String, Object>> groups = new ArrayList<>();
    for (int len : new int[] {50, 100}) {
      for (String v : List.of("rnn", "lstm")) {
        groups.add(group(v + " seq_len=" + len, v, Map.of("task.seq_len", len)));
      }
    }
    Map<String, Object> exp = experiment("toy-sweep", groups);
    exp.put("sweep", Map.of("task.seq_len", List.of(50, 100)));
    exp.put(
        "claims",
        List.of(
            claim("LSTM reaches mse < 0.05 at seq_len=100", "lstm", Map.of("task.seq_len", 100), "mean", "<", 0.05),
            claim("RNN reaches mse < 0.1 at seq_len=100", "rnn", Map.of("task.seq_len", 100), "mean", "<", 0.1),
            claim("Every LSTM seed has mse <= 0.04", "lstm", Map.of(), "max", "<=", 0.04),
            claim("GRU reaches mse < 0.05", "gru", Map.of(), "mean", "<", 0.05)));
    write(dir.resolve("experiment.json"), exp);

    cell(dir, "rnn", 50, 0, 0.10);
    cell(dir, "rnn", 50, 1, 0.12);
    cell(dir, "rnn", 50, 2, 0.14);
    cell(dir, "lstm", 50, 0, 0.01);
    cell(dir, "lstm", 50, 1, 0.02);
    cell(dir, "lstm", 50, 2, 0.03);
    cell(dir, "rnn", 100, 0, 0.15);
    cell(dir, "rnn", 100, 1, 0.17);
    divergedCell(dir, "rnn", 100, 2, 150);
    cell(dir, "lstm", 100, 0, 0.02);
    cell(dir, "lstm", 100, 1, 0.04);
    // The missing cell: the runner created it and wrote its config, then stopped.
    Path missing = Files.createDirectories(dir.resolve("lstm__seq_len-100__s2"));
    Files.writeString(missing.resolve("config.json"), "{}\n");
    return dir;
  }

  /** 2 variants without a sweep, 3 seeds each, all ok. */
  static Path noSweep(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Map<String, Object>> groups =
        List.of(group("rnn", "rnn", Map.of()), group("lstm", "lstm", Map.of()));
    Map<String, Object> exp = experiment("toy-flat", groups);
    exp.put("sweep", Map.of());
    exp.put("profile", null);
    write(dir.resolve("experiment.json"), exp);
    double[][] mse = {{0.11, 0.12, 0.13}, {0.001, 0.002, 0.0015}};
    for (int g = 0; g < 2; g++) {
      String v = g == 0 ? "rnn" : "lstm";
      for (int s = 0; s < 3; s++) {
        writeCell(dir, v + "__s" + s, v, v, Map.of(), s, "ok", null, mse[g][s]);
      }
    }
    return dir;
  }

  private static Map<String, Object> experiment(String name, List<Map<String, Object>> groups) {
    Map<String, Object> exp = new LinkedHashMap<>();
    exp.put("name", name);
    exp.put("profile", "ci");
    exp.put("spec_file", "experiments/" + name + ".json");
    exp.put("spec_sha256", "a".repeat(64));
    exp.put("description", "Does gating help_on a *toy* copy task? See [paper] | <b>x</b>");
    exp.put("main_metric", "mse");
    exp.put("lower_is_better", true);
    exp.put("variants", List.of("rnn", "lstm"));
    exp.put("seeds", 3);
    exp.put("groups", groups);
    exp.put(
        "published",
        List.of(Map.of("claim", "LSTM solves the adding problem at T=100", "value", "mse < 0.05",
            "source", "Hochreiter & Schmidhuber 1997")));
    exp.put("claims", List.of());
    exp.put("code_version", "abc1234");
    exp.put("command", "make experiment NAME=" + name);
    return exp;
  }

  private static Map<String, Object> group(String label, String variant, Map<String, Object> point) {
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("group", label);
    g.put("variant", variant);
    g.put("point", point);
    g.put("task", "adding problem");
    g.put("baseline", Map.of("mse", BASELINE));
    g.put("baseline_description", "always predict 1: MSE = 1/6");
    return g;
  }

  private static Map<String, Object> claim(
      String text, String variant, Map<String, Object> where, String statistic, String op, double value) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("text", text);
    c.put("variant", variant);
    c.put("where", where);
    c.put("metric", "mse");
    c.put("statistic", statistic);
    c.put("op", op);
    c.put("value", value);
    return c;
  }

  static String cellId(String variant, int len, int seed) {
    return variant + "__seq_len-" + len + "__s" + seed;
  }

  private static void cell(Path dir, String variant, int len, int seed, double mse) throws IOException {
    writeCell(dir, cellId(variant, len, seed), variant + " seq_len=" + len, variant,
        Map.of("task.seq_len", len), seed, "ok", null, mse);
  }

  private static void divergedCell(Path dir, String variant, int len, int seed, long step)
      throws IOException {
    writeCell(dir, cellId(variant, len, seed), variant + " seq_len=" + len, variant,
        Map.of("task.seq_len", len), seed, "diverged", step, Double.NaN);
  }

  /**
   * One cell. Metrics: loss = 2 mse, mse, solved_fraction = 1 - mse. The curve of an ok cell
   * goes 10 mse, 3 mse, mse at steps 0, 100, 200; a diverged one 0.5, Infinity, NaN.
   */
  static void writeCell(
      Path dir, String id, String group, String variant, Map<String, Object> point, int seedIndex,
      String status, Long divergedAt, double mse) throws IOException {
    Path cellDir = Files.createDirectories(dir.resolve(id));
    Map<String, Object> metrics = new LinkedHashMap<>();
    boolean ok = status.equals("ok");
    metrics.put("loss", ok ? 2 * mse : Double.NaN);
    metrics.put("mse", ok ? mse : null);
    metrics.put("solved_fraction", ok ? 1 - mse : null);
    Map<String, Object> prov = new LinkedHashMap<>();
    prov.put("spec_sha256", "a".repeat(64));
    prov.put("code_version", "abc1234");
    prov.put("jvm", "OpenJDK 17.0.15");
    prov.put("os", "Linux amd64");
    prov.put("threads", 1);
    prov.put("wall_seconds", 2.5);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("cell", id);
    r.put("group", group);
    r.put("variant", variant);
    r.put("point", point);
    r.put("seed_index", seedIndex);
    r.put("seed", 1000L + seedIndex);
    r.put("config_sha256", "c".repeat(64));
    r.put("status", status);
    r.put("diverged_at_step", divergedAt);
    r.put("metrics", metrics);
    r.put("provenance", prov);
    write(cellDir.resolve("result.json"), r);
    Files.writeString(cellDir.resolve("config.json"), "{\"cell\": \"" + id + "\"}\n");

    StringBuilder curve = new StringBuilder("step,metric,value\n");
    double[] values = ok ? new double[] {10 * mse, 3 * mse, mse} : new double[] {0.5, Double.POSITIVE_INFINITY, Double.NaN};
    for (int i = 0; i < 3; i++) {
      curve.append(String.format(Locale.ROOT, "%d,loss,%s\n", 100 * i, 2 * values[i]));
      curve.append(String.format(Locale.ROOT, "%d,mse,%s\n", 100 * i, values[i]));
    }
    Files.writeString(cellDir.resolve("curve.csv"), curve.toString(), StandardCharsets.UTF_8);
  }

  static void write(Path file, Object value) throws IOException {
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
  }
}
