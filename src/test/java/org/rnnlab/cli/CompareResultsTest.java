package org.rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.cluster.CodeSnapshot;
import org.rnnlab.cluster.CompareResults;
import org.rnnlab.results.Checksums;
import org.rnnlab.results.ResultsJson;

/** The bit-for-bit comparison the Slurm integration test relies on finds every kind of difference. */
class CompareResultsTest {
  /** MainTest's tiny spec with two seeds. */
  static final String SPEC = MainTest.TINY.replace("PROFILES", "").replace("\"seeds\": 1", "\"seeds\": 2");

  @TempDir static Path home;
  @TempDir Path copies;
  static Path a;
  Path b;
  Path trial;

  @BeforeAll
  static void oneRun() throws IOException {
    Files.createDirectories(home.resolve("experiments"));
    Files.writeString(home.resolve("experiments/tiny.json"), SPEC);
    String old = System.getProperty("rnnlab.home");
    System.setProperty("rnnlab.home", home.toString());
    try {
      assertEquals(0, MainTest.run("run", "tiny", "--jobs", "1").code());
    } finally {
      if (old == null) {
        System.clearProperty("rnnlab.home");
      } else {
        System.setProperty("rnnlab.home", old);
      }
    }
    a = home.resolve("results/tiny");
  }

  @BeforeEach
  void aCopy() throws IOException {
    b = copies.resolve("copy");
    CodeSnapshot.copyTree(a, b);
    try (Stream<Path> s = Files.list(b)) {
      trial = s.filter(p -> Files.isRegularFile(p.resolve("result.json"))).sorted().findFirst().orElseThrow();
    }
  }

  @Test
  void aCopyIsIdenticalAndProvenanceDoesNotCount() throws IOException {
    CompareResults.Outcome same = CompareResults.compare(a, b);
    assertTrue(same.identical(), same.differences().toString());
    assertEquals(2, same.trials());
    assertTrue(same.files() >= 4 && same.metrics() >= 2, same.toString());
    edit(trial.resolve("result.json"), n -> ((ObjectNode) n.get("provenance")).put("host", "elsewhere")
        .put("wall_seconds", 99.0));
    assertTrue(CompareResults.compare(a, b).identical());
  }

  @Test
  void aMetricOneUlpAwayDiffers() throws IOException {
    edit(trial.resolve("result.json"), n -> {
      ObjectNode m = (ObjectNode) n.get("metrics");
      String k = m.fieldNames().next();
      m.put(k, Math.nextUp(m.get(k).asDouble()));
    });
    CompareResults.Outcome o = CompareResults.compare(a, b);
    assertFalse(o.identical());
    assertTrue(o.differences().stream().anyMatch(d -> d.contains("final metrics differ")), o.differences().toString());
  }

  @Test
  void aCurveChangedConsistentlyWithItsDigestDiffers() throws IOException {
    Path curve = trial.resolve("curve.csv");
    String text = Files.readString(curve);
    int digit = firstDigitAfterHeader(text);
    String changed = text.substring(0, digit) + (text.charAt(digit) == '9' ? '8' : (char) (text.charAt(digit) + 1))
        + text.substring(digit + 1);
    Files.writeString(curve, changed);
    byte[] bytes = changed.getBytes(StandardCharsets.UTF_8);
    edit(trial.resolve("result.json"), n -> ((ObjectNode) n.get("files").get("curve.csv"))
        .put("sha256", Checksums.sha256(bytes)).put("bytes", bytes.length));
    CompareResults.Outcome o = CompareResults.compare(a, b);
    assertTrue(o.differences().stream().anyMatch(d -> d.endsWith("curve.csv: bytes differ")),
        o.differences().toString());
  }

  @Test
  void aMissingTrialDiffers() throws IOException {
    org.rnnlab.results.Temporaries.deleteTree(trial);
    assertTrue(CompareResults.compare(a, b).differences().stream().anyMatch(d -> d.contains("not done in both")));
  }

  private static int firstDigitAfterHeader(String csv) {
    int i = csv.indexOf('\n') + 1;
    while (!Character.isDigit(csv.charAt(i))) {
      i++;
    }
    return i;
  }

  private interface Edit {
    void apply(com.fasterxml.jackson.databind.JsonNode n);
  }

  private static void edit(Path json, Edit e) throws IOException {
    com.fasterxml.jackson.databind.JsonNode n = ResultsJson.mapper().readTree(json.toFile());
    ((ObjectNode) n).remove(org.rnnlab.results.SelfDigest.KEY);
    e.apply(n);
    // Sealed again: these edits stand for a consistent other result, not damage.
    Files.writeString(json, org.rnnlab.results.SelfDigest.seal(ResultsJson.pretty(n)));
  }
}
