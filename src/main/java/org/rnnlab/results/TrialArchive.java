package org.rnnlab.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * The trial record committed with a report ({@code trials.jsonl.xz}): everything the report read of
 * its results, so that the report can be rebuilt bit for bit without results/ (and without the
 * datasets) and queried with {@code xzcat | jq}. xz-compressed JSON Lines, UTF-8, "\n" line ends:
 * <ol>
 *   <li>{@code {"format": "rnnlab-trials/1", "plan": {the plan the report presented}, "warnings": [...],
 *       "series_read": [...]}}: the last, when present, lists the series reads the series rows were cut down
 *       to ("trial\nname", "\nends" added for a first-and-last-steps read)</li>
 *   <li>one line per planned trial in plan order: {@code trial}, {@code group}, and either
 *       {@code missing} (why the report had no result) or the trial's {@code result} (result.json),
 *       {@code config} (config.json), {@code curve} ({@code [step, metric, value]} rows of curve.csv),
 *       {@code series} ({@code [name, step, index, value]} rows of series.csv) and {@code texts}
 *       (texts.json); model weights are not recorded</li>
 *   <li>{@code {"sha256": "..."}}: the SHA-256 of every uncompressed byte before this line, checked
 *       before a single value is read</li>
 * </ol>
 * Curves are recorded in full; of the series, a report records the rows its charts read
 * ({@code Results.seriesRows}, {@code seriesEnds}), which is all a rebuild reads: a trial whose clipping
 * statistics no chart draws keeps none of them, a gradient-flow series drawn at initialisation and after
 * training keeps its first and last steps. Values are in
 * Jackson's shortest round-trip form, so a record read back gives the same doubles, and non-finite
 * values are the strings "NaN", "Infinity", "-Infinity". xz rather than gzip: its encoder here is
 * pure Java (org.tukaani:xz, pinned), so equal contents give equal bytes on every machine and JDK,
 * where java.util.zip's output depends on the platform's zlib; and LZMA's 8 MiB dictionary removes
 * what repeats from trial to trial beyond gzip's 32 KiB window (a tagging trial's provenance lists
 * the digests of 500 corpus files: 9 times smaller than gzip).
 */
public final class TrialArchive {
  /** The file name of a report's trial record. */
  public static final String FILE = "trials.jsonl.xz";
  /** The format this code writes and reads. */
  public static final String FORMAT = "rnnlab-trials/1";
  private static final Pattern TAIL = Pattern.compile("\\{\"sha256\":\"([0-9a-f]{64})\"}\n\\z");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TrialArchive() {}

  /**
   * What a report read of one planned trial: its verified data, or (data null) why it has none.
   */
  public record Entry(String trial, String group, ResultsStore.TrialData data, String missing) {
    public Entry {
      if ((data == null) == (missing == null)) {
        throw new IllegalArgumentException("trial " + trial + ": needs either data or a reason it has none");
      }
    }
  }

  /**
   * A report's trials: the plan it presented, one entry per planned trial in plan order, and warnings.
   *
   * @param seriesRead the series reads ("trial\nname", with "\nends" for first and last steps only) whose
   *     rows the series were cut down to ({@link #keepingSeries}); null: series kept whole (an older record)
   */
  public record Contents(PlanRecord plan, List<Entry> trials, List<String> warnings, List<String> seriesRead) {
    public Contents {
      trials = List.copyOf(trials);
      warnings = List.copyOf(warnings);
      seriesRead = seriesRead == null ? null : List.copyOf(seriesRead);
    }

    /** Contents whose series are whole. */
    public Contents(PlanRecord plan, List<Entry> trials, List<String> warnings) {
      this(plan, trials, warnings, null);
    }

    /**
     * These contents with only the series rows of a trial that {@code keep} accepts, noting the reads
     * {@code read} (sorted) that decided it.
     */
    public Contents keepingSeries(BiPredicate<String, SeriesRow> keep, java.util.Collection<String> read) {
      List<Entry> out = new ArrayList<>();
      for (Entry e : trials) {
        if (e.data() == null) {
          out.add(e);
          continue;
        }
        ResultsStore.TrialData d = e.data();
        List<SeriesRow> rows = d.series().stream().filter(r -> keep.test(e.trial(), r)).toList();
        out.add(new Entry(e.trial(), e.group(), new ResultsStore.TrialData(d.result(), d.config(), d.curve(), rows,
            d.texts()), null));
      }
      return new Contents(plan, out, warnings, read.stream().sorted().toList());
    }

    /**
     * These trials under {@code current}, the plan of the spec as it is now: each planned trial gets the
     * record's entry of the same id and config hash. Labels, claims and wording are not part of a config, so
     * a relabelled spec finds every trial it had. The plan keeps the record's code version and command (the
     * run that computed the trials). Throws if a trial the record holds data for would be lost (its config
     * changed, or the plan no longer has it): the record is the only copy, so it is never cut down.
     */
    public Contents replanned(PlanRecord current) {
      Map<String, Entry> byId = new HashMap<>();
      trials.forEach(e -> byId.put(e.trial(), e));
      List<Entry> out = new ArrayList<>();
      List<String> lost = new ArrayList<>();
      Set<String> planned = new HashSet<>();
      for (PlanRecord.PlannedTrial t : current.trials()) {
        planned.add(t.trial());
        Entry e = byId.get(t.trial());
        if (e != null && e.data() != null && !e.data().result().configSha256().equals(t.configSha256())) {
          lost.add(t.trial() + " (config changed)");
          continue;
        }
        out.add(e == null ? new Entry(t.trial(), t.group(), null, "not in the trial record")
            : e.data() == null ? new Entry(t.trial(), t.group(), null, e.missing())
            : new Entry(t.trial(), t.group(), e.data(), null));
      }
      trials.stream().filter(e -> e.data() != null && !planned.contains(e.trial()))
          .forEach(e -> lost.add(e.trial() + " (not in the plan)"));
      if (!lost.isEmpty()) {
        throw new IllegalArgumentException(lost.size() + " trial" + (lost.size() == 1 ? "" : "s")
            + " of the record would be lost under the current spec: " + String.join(", ", lost.subList(0,
            Math.min(3, lost.size()))) + (lost.size() > 3 ? ", ..." : "") + "; only display names, claims and "
            + "wording may change without a rerun (run the experiment to report a changed spec)");
      }
      return new Contents(current.withRun(plan.codeVersion(), plan.command()), out, warnings, seriesRead);
    }
  }

  /**
   * Reads from {@code store} every trial of {@code plan}: a complete, verified result for the planned
   * config, or the reason there is none (not run yet, running, failed, stale, older format, damaged).
   */
  public static Contents snapshot(PlanRecord plan, ResultsStore store) throws IOException {
    List<Entry> entries = new ArrayList<>();
    Set<String> planned = new HashSet<>();
    for (PlanRecord.PlannedTrial t : plan.trials()) {
      planned.add(t.trial());
      ResultsStore.Inspection in = store.inspect(t.trial(), t.configSha256());
      String why = switch (in.state()) {
        case DONE -> null;
        case MISSING -> {
          TrialFailure f = store.readFailure(t.trial());
          yield f != null ? "failed: " + f.error() : store.isLocked(t.trial()) ? "running" : "not run yet";
        }
        case STALE -> "stale: " + in.reason();
        case LEGACY -> "older format: " + in.reason();
        case DAMAGED -> "damaged: " + in.reason();
      };
      entries.add(new Entry(t.trial(), t.group(), why == null ? store.readTrial(t.trial()) : null, why));
    }
    int unplanned = 0;
    for (String dir : store.trialDirectories()) {
      if (!planned.contains(dir)) {
        unplanned++;
      }
    }
    List<String> warnings = new ArrayList<>();
    if (unplanned > 0) {
      warnings.add(unplanned + " trial director" + (unplanned == 1 ? "y" : "ies") + " in " + store.dir()
          + " belong to no trial of the current plan and are ignored");
    }
    return new Contents(plan, entries, warnings);
  }

  // ---- writing ----

  /** Writes {@code contents} to {@code file} atomically; equal contents give equal bytes. */
  public static void write(Path file, Contents contents) throws IOException {
    AtomicWrite.write(file, xz(text(contents).getBytes(StandardCharsets.UTF_8)));
  }

  /** The uncompressed text of the record, digest line included. */
  static String text(Contents contents) throws IOException {
    StringBuilder out = new StringBuilder();
    ObjectNode head = NODES.objectNode();
    head.put("format", FORMAT);
    head.set("plan", ResultsJson.mapper().valueToTree(contents.plan()));
    ArrayNode warnings = head.putArray("warnings");
    contents.warnings().forEach(warnings::add);
    if (contents.seriesRead() != null) {
      ArrayNode read = head.putArray("series_read");
      contents.seriesRead().forEach(read::add);
    }
    line(out, head);
    for (Entry e : contents.trials()) {
      line(out, entryNode(e));
    }
    String body = out.toString();
    return body + "{\"sha256\":\"" + Checksums.sha256(body) + "\"}\n";
  }

  private static ObjectNode entryNode(Entry e) {
    ObjectNode n = NODES.objectNode();
    n.put("trial", e.trial());
    n.put("group", e.group());
    n.put("missing", e.missing());
    ResultsStore.TrialData d = e.data();
    if (d == null) {
      return n;
    }
    n.set("result", ResultsJson.mapper().valueToTree(d.result()));
    n.set("config", d.config());
    ArrayNode curve = n.putArray("curve");
    for (CurveRow r : d.curve()) {
      ArrayNode row = curve.addArray();
      row.add(r.step());
      row.add(r.metric());
      number(row, r.value());
    }
    ArrayNode series = n.putArray("series");
    for (SeriesRow r : d.series()) {
      ArrayNode row = series.addArray();
      row.add(r.name());
      row.add(r.step());
      row.add(r.index());
      number(row, r.value());
    }
    n.set("texts", ResultsJson.mapper().valueToTree(d.texts()));
    return n;
  }

  /** A double as a JSON number, or as its Java name where JSON has none. */
  private static void number(ArrayNode row, double v) {
    if (Double.isFinite(v)) {
      row.add(v);
    } else {
      row.add(Double.toString(v));
    }
  }

  private static void line(StringBuilder out, JsonNode n) throws JsonProcessingException {
    out.append(ResultsJson.mapper().writeValueAsString(n)).append('\n');
  }

  /** xz at the default preset (6), CRC64 check: the same bytes every time (no timestamps in the format). */
  public static byte[] xz(byte[] raw) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(raw.length / 8 + 64);
    try (XZOutputStream out = new XZOutputStream(buf, new LZMA2Options(LZMA2Options.PRESET_DEFAULT), XZ.CHECK_CRC64)) {
      out.write(raw);
    }
    return buf.toByteArray();
  }

  // ---- reading ----

  /**
   * Reads and verifies {@code file}; a missing, damaged, edited or older record is one
   * {@link ResultsException} line naming the file.
   */
  public static Contents read(Path file) throws ResultsException {
    byte[] packed;
    try {
      packed = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ResultsException(file + ": missing");
    } catch (IOException e) {
      throw new ResultsException(file + ": cannot read: " + e.getMessage());
    }
    String text = unxz(file, packed);
    Matcher m = TAIL.matcher(text);
    int tail = text.lastIndexOf('\n', text.length() - 2) + 1;
    if (!m.find() || m.start() != tail) {
      throw new ResultsException(file + ": damaged: its last line is not {\"sha256\": ...} (truncated or edited)");
    }
    String body = text.substring(0, tail);
    if (!Checksums.sha256(body).equals(m.group(1))) {
      throw new ResultsException(file + ": damaged: contents do not match the SHA-256 on its last line (edited)");
    }
    String[] lines = body.split("\n", -1); // the body ends with "\n": the last element is empty
    if (lines.length < 2) {
      throw new ResultsException(file + ": damaged: no header line");
    }
    JsonNode head = parse(file, 1, lines[0]);
    String format = head.path("format").asText("");
    if (!FORMAT.equals(format)) {
      throw new ResultsException(file + ": line 1: /format is \"" + format + "\", this rnnlab reads " + FORMAT);
    }
    PlanRecord plan;
    try {
      plan = ResultsJson.mapper().treeToValue(head.path("plan"), PlanRecord.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new ResultsException(file + ": line 1: /plan: not a plan (" + ResultsStore.firstLine(e) + ")");
    }
    if (plan == null) {
      throw new ResultsException(file + ": line 1: /plan: missing");
    }
    List<String> warnings = new ArrayList<>();
    head.path("warnings").forEach(w -> warnings.add(w.asText()));
    List<String> read = null;
    if (head.has("series_read")) {
      read = new ArrayList<>();
      for (JsonNode r : head.get("series_read")) {
        read.add(r.asText());
      }
    }
    List<Entry> entries = new ArrayList<>();
    for (int i = 1; i < lines.length - 1; i++) {
      entries.add(entry(file, i + 1, parse(file, i + 1, lines[i])));
    }
    return new Contents(plan, entries, warnings, read);
  }

  private static String unxz(Path file, byte[] packed) throws ResultsException {
    try (InputStream in = new XZInputStream(new ByteArrayInputStream(packed))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (EOFException e) {
      throw new ResultsException(file + ": damaged: the xz stream ends early (truncated)");
    } catch (IOException e) {
      throw new ResultsException(file + ": damaged: not valid xz (" + e.getMessage() + ")");
    }
  }

  private static JsonNode parse(Path file, int line, String text) throws ResultsException {
    try {
      JsonNode n = ResultsJson.mapper().readTree(text);
      if (n == null || !n.isObject()) {
        throw new ResultsException(file + ": line " + line + ": expected a JSON object");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new ResultsException(file + ": line " + line + ": not JSON (" + ResultsStore.firstLine(e) + ")");
    }
  }

  private static Entry entry(Path file, int line, JsonNode n) throws ResultsException {
    String where = file + ": line " + line + ": ";
    String trial = text(n, "trial", where);
    String group = text(n, "group", where);
    JsonNode missing = n.path("missing");
    if (missing.isTextual()) {
      return new Entry(trial, group, null, missing.asText());
    }
    TrialResult result;
    List<TextRow> texts;
    try {
      result = ResultsJson.mapper().treeToValue(n.path("result"), TrialResult.class);
      texts = List.of(ResultsJson.mapper().treeToValue(n.path("texts"), TextRow[].class));
    } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
      throw new ResultsException(where + "/result or /texts: not a trial result (" + e.getMessage()
          .lines().findFirst().orElse("") + ")");
    }
    if (result == null || !trial.equals(result.trial())) {
      throw new ResultsException(where + "/result/trial: expected \"" + trial + "\"");
    }
    JsonNode config = n.path("config");
    if (!config.isObject()) {
      throw new ResultsException(where + "/config: expected an object");
    }
    List<CurveRow> curve = new ArrayList<>();
    for (JsonNode r : rows(n, "curve", 3, where)) {
      curve.add(new CurveRow(r.get(0).asLong(), r.get(1).asText(), number(r.get(2), where + "/curve")));
    }
    List<SeriesRow> series = new ArrayList<>();
    for (JsonNode r : rows(n, "series", 4, where)) {
      series.add(new SeriesRow(r.get(0).asText(), r.get(1).asLong(), r.get(2).asInt(),
          number(r.get(3), where + "/series")));
    }
    return new Entry(trial, group, new ResultsStore.TrialData(result, config, curve, series, texts), null);
  }

  private static String text(JsonNode n, String key, String where) throws ResultsException {
    JsonNode v = n.path(key);
    if (!v.isTextual()) {
      throw new ResultsException(where + "/" + key + ": expected a string");
    }
    return v.asText();
  }

  private static List<JsonNode> rows(JsonNode n, String key, int width, String where) throws ResultsException {
    JsonNode a = n.path(key);
    if (!a.isArray()) {
      throw new ResultsException(where + "/" + key + ": expected an array of rows");
    }
    List<JsonNode> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      JsonNode r = a.get(i);
      if (!r.isArray() || r.size() != width) {
        throw new ResultsException(where + "/" + key + "/" + i + ": expected a row of " + width + " values");
      }
      out.add(r);
    }
    return out;
  }

  private static double number(JsonNode v, String where) throws ResultsException {
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isTextual() && Map.of("NaN", 0, "Infinity", 0, "-Infinity", 0).containsKey(v.asText())) {
      return Double.parseDouble(v.asText());
    }
    throw new ResultsException(where + ": value " + v + " is not a number");
  }

  /** The entries of {@code contents} by trial id (for lookups by the plan's trials). */
  public static Map<String, Entry> byTrial(Contents contents) {
    Map<String, Entry> out = new LinkedHashMap<>();
    contents.trials().forEach(e -> out.put(e.trial(), e));
    return out;
  }
}
