package org.rnnlab.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.rnnlab.report.ClaimResult;
import org.rnnlab.report.Claims;
import org.rnnlab.spec.CellPlan;
import org.rnnlab.spec.ExperimentPlan;

/**
 * Reproduces an experiment's ci profile and checks it: (a) its headline claims hold, and
 * (b) every cell's final metrics and learning curve equal, bit for bit, the expected values
 * committed under experiments/expected/NAME.PROFILE.json. With {@code update}, rewrites the
 * expected file instead of comparing (after a change that legitimately changes numbers).
 */
public final class Verifier {
  private final Path expectedDir;
  private final PrintStream out;

  public Verifier(Path expectedDir, PrintStream out) {
    this.expectedDir = expectedDir;
    this.out = out;
  }

  /** Checks a finished run of {@code plan}; returns the problems found (empty: verified). */
  public List<String> check(ExperimentPlan plan, Path resultsDir, boolean update) throws IOException {
    List<String> problems = new ArrayList<>();
    for (ClaimResult c : Claims.evaluate(resultsDir)) {
      out.printf("  %s  %s (%s)%n", c.passed() ? "PASS" : "FAIL", c.text(), c.detail());
      if (!c.passed()) {
        problems.add(plan.name() + ": claim failed: " + c.text() + " (" + c.detail() + ")");
      }
    }
    ObjectNode actual = numbers(plan, resultsDir);
    Path file = expectedDir.resolve(plan.name() + "." + plan.profile() + ".json");
    if (update) {
      Files.createDirectories(expectedDir);
      Path tmp = Files.createTempFile(expectedDir, ".expected", ".tmp");
      Files.writeString(tmp, CellStore.JSON.writeValueAsString(actual) + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      out.printf("  wrote %s (%d cells)%n", file, actual.get("cells").size());
      return problems;
    }
    if (!Files.isRegularFile(file)) {
      problems.add(plan.name() + ": no expected numbers at " + file + "; create them with `make expected`");
      return problems;
    }
    JsonNode expected = CellStore.JSON.readTree(file.toFile());
    List<String> diffs = compare(expected.get("cells"), actual.get("cells"));
    if (diffs.isEmpty()) {
      out.printf("  numbers identical to %s (%d cells, bit for bit)%n", file, actual.get("cells").size());
    }
    for (String d : diffs) {
      problems.add(plan.name() + ": " + d);
    }
    return problems;
  }

  /** Per cell: status, final metrics (exact doubles) and the SHA-256 of its learning curve. */
  static ObjectNode numbers(ExperimentPlan plan, Path resultsDir) throws IOException {
    ObjectNode root = CellStore.JSON.createObjectNode();
    root.put("experiment", plan.name());
    root.put("profile", plan.profile());
    ObjectNode cells = root.putObject("cells");
    for (CellPlan c : plan.cells()) {
      Path dir = resultsDir.resolve(c.id());
      JsonNode r = CellStore.JSON.readTree(dir.resolve("result.json").toFile());
      ObjectNode n = cells.putObject(c.id());
      n.put("status", r.path("status").asText());
      n.set("diverged_at_step", r.get("diverged_at_step"));
      n.set("metrics", r.get("metrics"));
      n.put("curve_sha256", sha256(Files.readAllBytes(dir.resolve("curve.csv"))));
    }
    return root;
  }

  private static List<String> compare(JsonNode expected, JsonNode actual) {
    List<String> diffs = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode a = actual.get(e.getKey());
      if (a == null) {
        diffs.add("cell " + e.getKey() + " expected but not in the plan");
        continue;
      }
      if (!a.equals(e.getValue())) {
        diffs.add("cell " + e.getKey() + " differs: expected " + e.getValue() + ", got " + a);
      }
    }
    for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
      String id = it.next();
      if (!expected.has(id)) {
        diffs.add("cell " + id + " has no expected numbers; refresh with `make expected`");
      }
    }
    return diffs;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
