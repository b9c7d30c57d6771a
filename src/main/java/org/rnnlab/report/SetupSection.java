package org.rnnlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The report's "Setup" section: what was run, generated from the groups' resolved configs (every
 * default filled in), so that a reader need not open the spec: the settings every group shares, one
 * row per setting; then the settings the groups differ in, one row per group; then the seeds and the
 * compute the trials took. The trial seeds themselves differ per trial and are left out.
 */
final class SetupSection {
  /** Top-level config keys in the order a reader asks about them; others follow alphabetically. */
  private static final List<String> ORDER = List.of("task", "model", "training", "evaluation");

  private SetupSection() {}

  static void add(Doc doc, Results results) {
    List<Experiment.Group> groups = results.groups().stream()
        .filter(g -> g.config() != null && g.config().isObject()).toList();
    if (groups.isEmpty()) {
      return;
    }
    Experiment e = results.experiment();
    doc.heading(2, "Setup");
    if (e.profile() != null && !e.profile().isEmpty()) {
      doc.paragraph("This is the " + e.profile() + " profile of the experiment, scaled down from the full run: "
          + "the settings below are the ones it ran with, not the full profile's.");
    }
    List<Map<String, String>> flat = groups.stream().map(g -> flatten(g.config())).toList();
    Set<String> paths = new LinkedHashSet<>();
    flat.forEach(m -> paths.addAll(m.keySet()));
    List<List<String>> shared = new ArrayList<>();
    List<String> differing = new ArrayList<>();
    for (String p : paths) {
      String first = flat.get(0).get(p);
      if (flat.stream().allMatch(m -> Objects.equals(m.get(p), first))) {
        shared.add(List.of(p, first));
      } else {
        differing.add(p);
      }
    }
    differing.sort(java.util.Comparator.comparingInt(SetupSection::rank).thenComparing(p -> p));
    doc.paragraph("Settings every group ran with (resolved: defaults filled in):");
    doc.table(List.of("Setting", "Value"), shared, "ll");
    differingTable(doc, groups.stream().map(Labels::group).toList(), flat, differing);
    doc.paragraph(compute(results));
  }

  /**
   * The settings the groups differ in: a row per group, or, when there are more settings than groups
   * (families of different tasks and models), a row per setting, so that the table is as wide as the
   * groups are many, not as the settings are.
   */
  static void differingTable(Doc doc, List<String> labels, List<Map<String, String>> flat, List<String> differing) {
    if (!differing.isEmpty() && differing.size() > labels.size()) {
      doc.paragraph("Settings the groups differ in, a column per group (— : not set):");
      List<String> header = new ArrayList<>(List.of("Setting"));
      header.addAll(labels);
      List<List<String>> rows = new ArrayList<>();
      for (String p : differing) {
        List<String> row = new ArrayList<>(List.of(p));
        for (int i = 0; i < labels.size(); i++) {
          row.add(flat.get(i).getOrDefault(p, "—"));
        }
        rows.add(row);
      }
      doc.table(header, rows, "l".repeat(header.size()));
    } else if (!differing.isEmpty()) {
      doc.paragraph("Settings the groups differ in (— : not set):");
      List<String> header = new ArrayList<>(List.of("Group"));
      header.addAll(differing);
      List<List<String>> rows = new ArrayList<>();
      for (int i = 0; i < labels.size(); i++) {
        List<String> row = new ArrayList<>(List.of(labels.get(i)));
        for (String p : differing) {
          row.add(flat.get(i).getOrDefault(p, "—"));
        }
        rows.add(row);
      }
      doc.table(header, rows, "l".repeat(header.size()));
    }
  }

  /** The position of a path's top-level key in {@link #ORDER} (others after). */
  private static int rank(String path) {
    int i = ORDER.indexOf(path.split("\\.", 2)[0]);
    return i < 0 ? ORDER.size() : i;
  }

  /** Seeds and compute in one sentence. */
  static String compute(Results results) {
    Experiment e = results.experiment();
    double seconds = 0;
    int timed = 0;
    Set<String> cpus = new LinkedHashSet<>();
    for (TrialRow t : results.trials()) {
      Double w = t.provenance().wallSeconds();
      if (w != null && Double.isFinite(w)) {
        seconds += w;
        timed++;
      }
      if (t.provenance().cpu() != null) {
        cpus.add(t.provenance().cpu());
      }
    }
    return String.format(Locale.ROOT, "%d seed%s per group, %d group%s, %d trials with results; "
            + "compute: %s of trial time over %d timed trials%s.", e.seeds(), e.seeds() == 1 ? "" : "s",
        results.groups().size(), results.groups().size() == 1 ? "" : "s", results.trials().size(),
        duration(seconds), timed, cpus.isEmpty() ? "" : " on " + String.join("; ", cpus));
  }

  /** "3 h 12 min", "4 min 05 s", "12 s". */
  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
    return s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : s + " s";
  }

  /** The config's leaves by dotted path (arrays of numbers or strings as one value), reader's order first. */
  static Map<String, String> flatten(JsonNode resolved) {
    JsonNode config = withPrecision(resolved);
    Map<String, String> out = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>();
    ORDER.stream().filter(config::has).forEach(keys::add);
    List<String> rest = new ArrayList<>();
    config.fieldNames().forEachRemaining(k -> {
      if (!ORDER.contains(k)) {
        rest.add(k);
      }
    });
    rest.sort(null);
    keys.addAll(rest);
    for (String k : keys) {
      if (!k.equals("seed") && !k.equals("test_seed")) {
        walk(k, config.get(k), out);
      }
    }
    return out;
  }

  /**
   * The config with an rnn model's {@code precision} spelled out: a resolved config leaves out float64,
   * the default (so that configs from before the key keep their hashes), but a reader should see it.
   */
  private static JsonNode withPrecision(JsonNode config) {
    JsonNode m = config.get("model");
    boolean rnn = m != null && m.isObject() && (!m.has("type") || m.get("type").asText().equals("rnn"));
    if (!rnn || m.has("precision")) {
      return config;
    }
    ObjectNode copy = config.deepCopy();
    ((ObjectNode) copy.get("model")).put("precision", "float64");
    return copy;
  }

  private static void walk(String path, JsonNode n, Map<String, String> out) {
    if (n.isObject()) {
      if (n.isEmpty()) {
        out.put(path, "{}");
      }
      n.fields().forEachRemaining(f -> walk(path + "." + f.getKey(), f.getValue(), out));
    } else if (n.isArray()) {
      List<String> parts = new ArrayList<>();
      boolean scalars = true;
      for (JsonNode x : n) {
        scalars &= x.isValueNode();
        parts.add(x.isTextual() ? x.asText() : x.isNumber() ? number(x) : x.toString());
      }
      out.put(path, scalars ? "[" + String.join(", ", parts) + "]" : n.toString());
    } else if (n.isNumber()) {
      out.put(path, number(n));
    } else if (!n.isNull()) {
      out.put(path, n.asText());
    }
  }

  /** A number as a spec writes it: 0.002, 1e-08, 4000. */
  private static String number(JsonNode n) {
    if (n.isIntegralNumber()) {
      return n.asText();
    }
    double d = n.doubleValue();
    return d != 0 && (Math.abs(d) < 1e-4 || Math.abs(d) >= 1e7) ? String.format(Locale.ROOT, "%.6g", d)
        .replaceAll("\\.?0+e", "e") : SampleSection.plain(d);
  }
}
