package org.rnnlab.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The results directory of one experiment run: one sub-directory per cell with config.json,
 * curve.csv and result.json. A cell directory is written under a temporary name and renamed
 * into place, so it is either complete or absent; result.json's config_sha256 tells whether a
 * present cell was run with the same resolved config (resume).
 */
public final class CellStore {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Path dir;

  public CellStore(Path dir) {
    this.dir = dir;
  }

  /** The experiment's results directory. */
  public Path dir() {
    return dir;
  }

  /** Whether the cell has a complete result for this resolved config. */
  public boolean isDone(String cellId, String configSha) {
    Path result = dir.resolve(cellId).resolve("result.json");
    if (!Files.isRegularFile(result)) {
      return false;
    }
    try {
      JsonNode n = JSON.readTree(result.toFile());
      return configSha.equals(n.path("config_sha256").asText());
    } catch (IOException e) {
      return false;
    }
  }

  /** Writes a cell's files atomically (whole directory), replacing an older result. */
  public void write(String cellId, String configJson, String curveCsv, ObjectNode result) throws IOException {
    Files.createDirectories(dir);
    Path tmp = Files.createTempDirectory(dir, "." + cellId + ".tmp-");
    try {
      Files.writeString(tmp.resolve("config.json"), configJson, StandardCharsets.UTF_8);
      Files.writeString(tmp.resolve("curve.csv"), curveCsv, StandardCharsets.UTF_8);
      Files.writeString(tmp.resolve("result.json"), JSON.writeValueAsString(result) + "\n", StandardCharsets.UTF_8);
      Path target = dir.resolve(cellId);
      if (Files.exists(target)) {
        Path old = dir.resolve("." + cellId + ".old-" + System.nanoTime());
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
      } else {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      }
    } finally {
      if (Files.exists(tmp)) {
        deleteTree(tmp);
      }
    }
  }

  /** Writes a file of the experiment directory atomically (temp file + rename). */
  public void writeFile(String name, String content) throws IOException {
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + name, ".tmp");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Removes leftovers of interrupted writes. */
  public void cleanTemporaries() throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".")).toList()) {
        deleteTree(p);
      }
    }
  }

  /** The curve as CSV text: step,metric,value. */
  static String curveCsv(Iterable<CellOutcome.CurvePoint> curve) throws IOException {
    StringWriter w = new StringWriter();
    try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder()
        .setHeader("step", "metric", "value").setRecordSeparator("\n").build())) {
      for (CellOutcome.CurvePoint c : curve) {
        p.printRecord(c.step(), c.metric(), Double.toString(c.value()));
      }
    }
    return w.toString();
  }

  /** Final metrics as a JSON object; non-finite values as null. */
  static ObjectNode metricsJson(Map<String, Double> metrics) {
    ObjectNode m = JSON.createObjectNode();
    for (Map.Entry<String, Double> e : metrics.entrySet()) {
      Double v = e.getValue();
      if (v == null || !Double.isFinite(v)) {
        m.putNull(e.getKey());
      } else {
        m.put(e.getKey(), v);
      }
    }
    return m;
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }
}
