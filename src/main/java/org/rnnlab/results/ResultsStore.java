package org.rnnlab.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The results directory of one experiment run, the only writer and reader of its files:
 * {@code plan.json}; a directory per trial with {@code config.json}, {@code curve.csv},
 * {@code series.csv}, {@code texts.json} (if the trial produced texts) and, last, {@code result.json}, which lists the others with their digests;
 * {@code failures/TRIAL.json} for trials whose procedure threw; {@code .locks/} for the trial
 * locks. A trial directory is assembled under a temporary name and renamed into place, so it is
 * complete or absent; a reader checks result.json against the digest it ends with (SelfDigest)
 * and every file it lists against its digest, so a truncated or edited file is reported as damage,
 * never silently read.
 */
public class ResultsStore {
  public static final String PLAN = "plan.json";
  public static final String RESULT = "result.json";
  public static final String CONFIG = "config.json";
  public static final String CURVE = "curve.csv";
  public static final String SERIES = "series.csv";
  public static final String TEXTS = "texts.json";
  static final String FAILURES = "failures";
  static final String LOCKS = ".locks";
  /** A cluster run's batch scripts, logs and code snapshot (org.rnnlab.cluster): not a trial. */
  public static final String SLURM = "slurm";

  private final Path dir;

  /** The store of the results directory {@code dir} (created on first write). */
  public ResultsStore(Path dir) {
    this.dir = dir;
  }

  /** The results directory. */
  public Path dir() {
    return dir;
  }

  /** What is on disk for one trial. */
  public enum State {
    /** A complete result for the expected config. */
    DONE,
    /** Nothing yet. */
    MISSING,
    /** A complete result of another config (the spec or code changed): to be recomputed. */
    STALE,
    /** Written by an older rnnlab, in a format this one does not read: to be recomputed. */
    LEGACY,
    /** A result whose files do not match their digests, or that cannot be read. */
    DAMAGED
  }

  /** A trial's state, with the reason for anything but DONE and MISSING. */
  public record Inspection(State state, String reason, TrialResult result) {}

  /** Everything a complete, verified trial directory holds. */
  public record TrialData(TrialResult result, JsonNode config, List<CurveRow> curve, List<SeriesRow> series,
                          List<TextRow> texts) {}

  // ---- plan ----

  /** Writes plan.json atomically. */
  public void writePlan(PlanRecord plan) throws IOException {
    writeAtomically(dir.resolve(PLAN), ResultsJson.pretty(plan).getBytes(StandardCharsets.UTF_8));
  }

  /** Reads plan.json; a missing, older or damaged file is a one-line {@link ResultsException}. */
  public PlanRecord readPlan() throws ResultsException {
    Path f = dir.resolve(PLAN);
    JsonNode n = readJson(f);
    String format = n.path("format").asText("");
    if (!PlanRecord.FORMAT.equals(format)) {
      throw new ResultsException(f + ": format \"" + format + "\" is not " + PlanRecord.FORMAT
          + "; run the experiment again to rewrite it");
    }
    try {
      return ResultsJson.mapper().treeToValue(n, PlanRecord.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new ResultsException(f + ": damaged: " + firstLine(e));
    }
  }

  // ---- trials ----

  /** The lock of {@code trial} if free, else null (see {@link TrialLock}). */
  public TrialLock tryLock(String trial) throws IOException {
    return TrialLock.tryAcquire(lockFile(trial));
  }

  /** Waits for the lock of {@code trial}. */
  public TrialLock lock(String trial) throws IOException, InterruptedException {
    return TrialLock.acquire(lockFile(trial), 200);
  }

  /** Whether another thread or process holds the lock of {@code trial} now (it is running). */
  public boolean isLocked(String trial) throws IOException {
    return TrialLock.isHeld(lockFile(trial));
  }

  private Path lockFile(String trial) {
    return dir.resolve(LOCKS).resolve(trial + ".lock");
  }

  /** The state of {@code trial} against the config hash the plan expects. */
  public Inspection inspect(String trial, String configSha256) {
    Path d = dir.resolve(trial);
    if (!Files.isRegularFile(d.resolve(RESULT))) {
      return new Inspection(State.MISSING, null, null);
    }
    try {
      JsonNode n = readJson(d.resolve(RESULT));
      if (!TrialResult.FORMAT.equals(n.path("format").asText(""))) {
        return new Inspection(State.LEGACY, d.resolve(RESULT) + ": written by an older rnnlab (format \""
            + n.path("format").asText("none") + "\", this one reads " + TrialResult.FORMAT + "); rerun to recompute it",
            null);
      }
      TrialData data = readTrial(trial);
      if (!data.result().configSha256().equals(configSha256)) {
        return new Inspection(State.STALE, trial + ": ran with another config (sha256 "
            + abbrev(data.result().configSha256()) + ", the plan has " + abbrev(configSha256) + "); rerun to update it",
            data.result());
      }
      return new Inspection(State.DONE, null, data.result());
    } catch (ResultsException e) {
      return new Inspection(State.DAMAGED, e.getMessage(), null);
    }
  }

  private static List<TextRow> readTexts(Path file, String json) throws ResultsException {
    try {
      return List.of(ResultsJson.mapper().readValue(json, TextRow[].class));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new ResultsException(file + ": damaged: " + firstLine(e));
    }
  }

  /**
   * Reads and verifies a complete trial directory: result.json, then every file it lists against its
   * length and SHA-256.
   */
  public TrialData readTrial(String trial) throws ResultsException {
    Path d = dir.resolve(trial);
    Path rf = d.resolve(RESULT);
    byte[] bytes = readBytes(rf);
    JsonNode n = parseJson(rf, bytes);
    String format = n.path("format").asText("");
    if (!TrialResult.FORMAT.equals(format)) {
      throw new ResultsException(rf + ": format \"" + format + "\" is not " + TrialResult.FORMAT + "; rerun");
    }
    String selfProblem = SelfDigest.problem(bytes); // before a single value of it is believed
    if (selfProblem != null) {
      throw new ResultsException(rf + ": " + selfProblem);
    }
    TrialResult r;
    try {
      r = ResultsJson.mapper().treeToValue(n, TrialResult.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new ResultsException(rf + ": damaged: " + firstLine(e));
    }
    if (!trial.equals(r.trial())) {
      throw new ResultsException(rf + ": belongs to trial \"" + r.trial() + "\", not " + trial);
    }
    Map<String, String> text = new LinkedHashMap<>();
    for (Map.Entry<String, FileDigest> e : r.files().entrySet()) {
      text.put(e.getKey(), verified(d.resolve(e.getKey()), e.getValue()));
    }
    for (String required : List.of(CONFIG, CURVE)) {
      if (!text.containsKey(required)) {
        throw new ResultsException(rf + ": does not list " + required);
      }
    }
    JsonNode config;
    try {
      config = ResultsJson.mapper().readTree(text.get(CONFIG));
    } catch (JsonProcessingException e) {
      throw new ResultsException(d.resolve(CONFIG) + ": not JSON: " + firstLine(e));
    }
    List<CurveRow> curve = CurveCsv.readCurve(text.get(CURVE), d.resolve(CURVE).toString());
    List<SeriesRow> series = text.containsKey(SERIES)
        ? CurveCsv.readSeries(text.get(SERIES), d.resolve(SERIES).toString()) : List.of();
    List<TextRow> texts = text.containsKey(TEXTS) ? readTexts(d.resolve(TEXTS), text.get(TEXTS)) : List.of();
    return new TrialData(r, config, curve, series, texts);
  }

  private static String verified(Path f, FileDigest expected) throws ResultsException {
    byte[] b;
    try {
      b = Files.readAllBytes(f);
    } catch (NoSuchFileException e) {
      throw new ResultsException(f + ": missing, though result.json lists it");
    } catch (IOException e) {
      throw new ResultsException(f + ": cannot read: " + e.getMessage());
    }
    if (b.length != expected.bytes()) {
      throw new ResultsException(f + ": " + b.length + " bytes, result.json lists " + expected.bytes()
          + (b.length < expected.bytes() ? " (truncated)" : " (changed)"));
    }
    if (!Checksums.sha256(b).equals(expected.sha256())) {
      throw new ResultsException(f + ": contents do not match the SHA-256 in result.json (edited or damaged)");
    }
    return new String(b, StandardCharsets.UTF_8);
  }

  /**
   * Writes a trial's files and, last, its result.json with their digests, as one directory renamed
   * into place. The caller holds the trial's lock; an older directory of the trial is replaced.
   *
   * @param result the result without its {@code files}, which this method fills in
   */
  public void writeTrial(TrialResult result, String configJson, List<CurveRow> curve, List<SeriesRow> series)
      throws IOException {
    writeTrial(result, configJson, curve, series, Map.of());
  }

  /** As {@link #writeTrial(TrialResult, String, List, List)}, with further files (e.g. model.json) by name. */
  public void writeTrial(TrialResult result, String configJson, List<CurveRow> curve, List<SeriesRow> series,
                         Map<String, byte[]> extra) throws IOException {
    writeTrial(result, configJson, curve, series, List.of(), extra);
  }

  /** As {@link #writeTrial(TrialResult, String, List, List, Map)}, with the trial's texts (texts.json if any). */
  public void writeTrial(TrialResult result, String configJson, List<CurveRow> curve, List<SeriesRow> series,
                         List<TextRow> texts, Map<String, byte[]> extra) throws IOException {
    String trial = result.trial();
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(CONFIG, configJson.getBytes(StandardCharsets.UTF_8));
    files.put(CURVE, CurveCsv.curve(curve).getBytes(StandardCharsets.UTF_8));
    if (!series.isEmpty()) {
      files.put(SERIES, CurveCsv.series(series).getBytes(StandardCharsets.UTF_8));
    }
    if (!texts.isEmpty()) {
      files.put(TEXTS, ResultsJson.pretty(texts).getBytes(StandardCharsets.UTF_8));
    }
    files.putAll(extra);
    Map<String, FileDigest> digests = new LinkedHashMap<>();
    files.forEach((k, v) -> digests.put(k, FileDigest.of(v)));
    TrialResult complete = new TrialResult(TrialResult.FORMAT, trial, result.group(), result.variant(),
        result.point(), result.seedIndex(), result.seed(), result.testSeed(), result.configSha256(), result.status(),
        result.divergedAtStep(), result.metrics(), digests, result.provenance());
    Files.createDirectories(dir);
    removeTrialTemporaries(trial);
    Path tmp = dir.resolve(AtomicWrite.temporaryName(trial));
    Files.createDirectory(tmp);
    try {
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        writeBytes(tmp.resolve(e.getKey()), e.getValue());
      }
      writeBytes(tmp.resolve(RESULT), SelfDigest.seal(ResultsJson.pretty(complete)).getBytes(StandardCharsets.UTF_8));
      install(trial, tmp);
    } finally {
      Temporaries.deleteTree(tmp);
    }
    Temporaries.deleteTree(dir.resolve(FAILURES).resolve(trial + ".json"));
    Checkpoints.remove(dir, trial); // the result is final: nothing to resume any more
  }

  /**
   * Renames the assembled directory into place, moving an older one aside first. Trials are
   * deterministic, so when a writer without a lock raced us to the same trial, either result is
   * the same bits.
   */
  private void install(String trial, Path tmp) throws IOException {
    Path target = dir.resolve(trial);
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        return;
      } catch (FileSystemException e) {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          throw e; // not a directory in the way: a real failure (e.g. the disk is full)
        }
        Path old = dir.resolve(AtomicWrite.temporaryName(trial));
        try {
          Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException gone) {
          continue;
        }
        Temporaries.deleteTree(old);
      }
    }
    throw new IOException(target + ": could not be replaced (another writer keeps recreating it)");
  }

  /** Deletes temporaries of {@code trial} from any host or process: the caller holds the trial's lock. */
  private void removeTrialTemporaries(String trial) throws IOException {
    String prefix = AtomicWrite.TEMP_PREFIX + trial + ".";
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(prefix) && name.substring(prefix.length()).split("\\.").length == 3) {
          Temporaries.deleteTree(p);
        }
      }
    }
  }

  /** The bytes of a file, written as a new file (subclasses may fail here, to test disk-full handling). */
  protected void writeBytes(Path file, byte[] bytes) throws IOException {
    Files.write(file, bytes, java.nio.file.StandardOpenOption.CREATE_NEW);
  }

  private void writeAtomically(Path target, byte[] bytes) throws IOException {
    Files.createDirectories(dir);
    Path tmp = dir.resolve(AtomicWrite.temporaryName(target.getFileName().toString()));
    try {
      writeBytes(tmp, bytes);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  // ---- failures ----

  /** Records that a trial's procedure threw (not a result: the trial runs again next time). */
  public void writeFailure(TrialFailure f) throws IOException {
    Path d = dir.resolve(FAILURES);
    Files.createDirectories(d);
    Path target = d.resolve(f.trial() + ".json");
    Path tmp = d.resolve(AtomicWrite.temporaryName(f.trial() + ".json"));
    try {
      writeBytes(tmp, ResultsJson.pretty(f).getBytes(StandardCharsets.UTF_8));
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The failure record of {@code trial}, or null. */
  public TrialFailure readFailure(String trial) {
    Path f = dir.resolve(FAILURES).resolve(trial + ".json");
    if (!Files.isRegularFile(f)) {
      return null;
    }
    try {
      return ResultsJson.mapper().treeToValue(readJson(f), TrialFailure.class);
    } catch (IOException | IllegalArgumentException e) {
      return new TrialFailure(TrialFailure.FORMAT, trial, null, "unreadable failure record: " + firstLine(e), null);
    }
  }

  /** Trial directories present (complete or not), sorted; temporaries and bookkeeping excluded. */
  public List<String> trialDirectories() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.sorted().toList()) {
        String name = p.getFileName().toString();
        if (Files.isDirectory(p) && !name.startsWith(".") && !name.equals(FAILURES) && !name.equals("logs")
            && !name.equals(SLURM)) {
          out.add(name);
        }
      }
    }
    return out;
  }

  /** Removes temporaries that dead processes of this host left in the directory. */
  public void cleanTemporaries() throws IOException {
    Temporaries.clean(dir);
    Temporaries.clean(dir.resolve(FAILURES));
  }

  private static JsonNode readJson(Path f) throws ResultsException {
    return parseJson(f, readBytes(f));
  }

  private static byte[] readBytes(Path f) throws ResultsException {
    try {
      return Files.readAllBytes(f);
    } catch (NoSuchFileException e) {
      throw new ResultsException(f + ": missing");
    } catch (IOException e) {
      throw new ResultsException(f + ": cannot read: " + e.getMessage());
    }
  }

  private static JsonNode parseJson(Path f, byte[] b) throws ResultsException {
    try {
      JsonNode n = ResultsJson.mapper().readTree(b);
      if (n == null || !n.isObject()) {
        throw new ResultsException(f + ": damaged: expected a JSON object");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new ResultsException(f + ": damaged: not JSON (" + firstLine(e) + ")");
    } catch (IOException e) {
      throw new ResultsException(f + ": cannot read: " + e.getMessage());
    }
  }

  private static String abbrev(String sha) {
    return sha == null ? "none" : sha.length() > 12 ? sha.substring(0, 12) : sha;
  }

  static String firstLine(Exception e) {
    String m = e instanceof JsonProcessingException jp ? jp.getOriginalMessage() : e.getMessage();
    if (m == null) {
      m = e.getClass().getSimpleName();
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
