package org.rnnlab.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one writer and reader of trial results: round trips, damage, legacy files, locks. */
class ResultsStoreTest {
  @TempDir Path dir;

  static TrialResult result(String trial, String sha) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("loss", 0.25);
    m.put("mse", 0.125);
    m.put("steps_to_solve", null);
    m.put("broken", Double.NaN);
    return new TrialResult(TrialResult.FORMAT, trial, "g", "v", Map.of("task.seq_len", 50), 0, 11L, 12L, sha, "ok",
        null, m, null, new Provenance("s", "c", "j", "o", "cpu", "h", 2, 1.5));
  }

  static List<CurveRow> curve() {
    return List.of(new CurveRow(0, "mse", 0.5), new CurveRow(10, "mse", 0.1 + 0.2), new CurveRow(10, "x", Double.NaN));
  }

  @Test
  void aWrittenTrialReadsBackExactlyAndListsItsFilesWithDigests() throws IOException {
    ResultsStore s = new ResultsStore(dir);
    List<SeriesRow> series = List.of(new SeriesRow("grad", 5, 0, 1.5), new SeriesRow("grad", 5, 1, -0.0));
    s.writeTrial(result("t1", "abc"), "{\"a\": 1}\n", curve(), series);
    ResultsStore.TrialData d = s.readTrial("t1");
    assertEquals(curve().get(1).value(), d.curve().get(1).value(), 0.0);
    assertTrue(Double.isNaN(d.curve().get(2).value()));
    assertEquals(series, d.series());
    assertEquals(List.of(ResultsStore.CONFIG, ResultsStore.CURVE, ResultsStore.SERIES),
        List.copyOf(d.result().files().keySet()));
    assertEquals(Checksums.sha256(Files.readAllBytes(dir.resolve("t1/curve.csv"))),
        d.result().files().get(ResultsStore.CURVE).sha256());
    assertNull(d.result().metrics().get("broken"), "non-finite metrics are stored as null");
    assertEquals(ResultsStore.State.DONE, s.inspect("t1", "abc").state());
    assertEquals(ResultsStore.State.STALE, s.inspect("t1", "other").state());
    assertEquals(ResultsStore.State.MISSING, s.inspect("t2", "abc").state());
    assertEquals(List.of("t1"), s.trialDirectories());
    assertEquals(List.of("t1"), visible(), "nothing but the trial directory and its lock is left");
  }

  @Test
  void aTruncatedCurveIsDamageWithAOneLineReason() throws IOException {
    ResultsStore s = new ResultsStore(dir);
    s.writeTrial(result("t1", "abc"), "{}\n", curve(), List.of());
    Path c = dir.resolve("t1/curve.csv");
    byte[] b = Files.readAllBytes(c);
    Files.write(c, java.util.Arrays.copyOf(b, b.length - 7));
    ResultsStore.Inspection in = s.inspect("t1", "abc");
    assertEquals(ResultsStore.State.DAMAGED, in.state());
    assertTrue(in.reason().contains("curve.csv") && in.reason().contains("(truncated)"), in.reason());
    assertEquals(1, in.reason().lines().count());
  }

  @Test
  void anEditedFileOfTheSameLengthIsCaughtByItsDigest() throws IOException {
    ResultsStore s = new ResultsStore(dir);
    s.writeTrial(result("t1", "abc"), "{}\n", curve(), List.of());
    Path c = dir.resolve("t1/curve.csv");
    Files.writeString(c, Files.readString(c).replace("0,mse,0.5", "0,mse,0.7"));
    ResultsStore.Inspection in = s.inspect("t1", "abc");
    assertEquals(ResultsStore.State.DAMAGED, in.state());
    assertTrue(in.reason().contains("do not match the SHA-256"), in.reason());
  }

  @Test
  void aDeletedListedFileAndAGarbledResultAreDamage() throws IOException {
    ResultsStore s = new ResultsStore(dir);
    s.writeTrial(result("t1", "abc"), "{}\n", curve(), List.of());
    s.writeTrial(result("t2", "abc"), "{}\n", curve(), List.of());
    Files.delete(dir.resolve("t1/config.json"));
    Files.writeString(dir.resolve("t2/result.json"), "{\"format\": ");
    assertTrue(s.inspect("t1", "abc").reason().contains("missing, though result.json lists it"));
    assertTrue(s.inspect("t2", "abc").reason().contains("result.json: damaged: not JSON"));
  }

  @Test
  void resultsOfTheOlderFormatAreRecognisedAndNotRead() throws IOException {
    Path t = Files.createDirectories(dir.resolve("old"));
    Files.writeString(t.resolve("result.json"), "{\"cell\": \"old\", \"status\": \"ok\", \"config_sha256\": \"abc\"}");
    Files.writeString(t.resolve("curve.csv"), "step,metric,value\n0,mse,1.0\n");
    ResultsStore.Inspection in = new ResultsStore(dir).inspect("old", "abc");
    assertEquals(ResultsStore.State.LEGACY, in.state());
    assertTrue(in.reason().contains("older rnnlab") && in.reason().contains("rerun"), in.reason());
  }

  @Test
  void aMetricEditedInsideResultJsonIsDamageNotTrusted() throws IOException {
    ResultsStore s = new ResultsStore(dir);
    s.writeTrial(result("t1", "abc"), "{}\n", curve(), List.of());
    Path r = dir.resolve("t1/result.json");
    String text = Files.readString(r);
    assertTrue(text.contains("\"mse\": 0.125"), text);
    Files.writeString(r, text.replace("\"mse\": 0.125", "\"mse\": 0.025"));
    ResultsStore.Inspection in = s.inspect("t1", "abc");
    assertEquals(ResultsStore.State.DAMAGED, in.state());
    assertNull(in.result(), "nothing of a damaged result is handed out");
    assertTrue(in.reason().startsWith(r + ": ") && in.reason().contains("edited or damaged"), in.reason());
    assertEquals(1, in.reason().lines().count());
    ResultsException e = assertThrows(ResultsException.class, () -> s.readTrial("t1"));
    assertEquals(in.reason(), e.getMessage());
  }

  @Test
  void aResultJsonWithItsDigestRemovedOrReformattedIsDamage() throws IOException {
    ResultsStore s = new ResultsStore(dir);
    s.writeTrial(result("t1", "abc"), "{}\n", curve(), List.of());
    s.writeTrial(result("t2", "abc"), "{}\n", curve(), List.of());
    Path r1 = dir.resolve("t1/result.json");
    Files.writeString(r1, Files.readString(r1).replaceAll(",\n  \"result_sha256\": \"[0-9a-f]+\"", ""));
    Path r2 = dir.resolve("t2/result.json");
    Files.writeString(r2, Files.readString(r2).replace("\"g\"", "\"g\" "));
    assertEquals(ResultsStore.State.DAMAGED, s.inspect("t1", "abc").state());
    assertTrue(s.inspect("t1", "abc").reason().contains("has no \"result_sha256\""), s.inspect("t1", "abc").reason());
    assertEquals(ResultsStore.State.DAMAGED, s.inspect("t2", "abc").state(), "any byte counts, not only values");
  }

  @Test
  void theDigestIsOverTheFileAsWrittenWithoutItsLastKey() throws IOException {
    ResultsStore s = new ResultsStore(dir);
    s.writeTrial(result("t1", "abc"), "{}\n", curve(), List.of());
    String text = Files.readString(dir.resolve("t1/result.json"));
    int at = text.lastIndexOf(",\n  \"result_sha256\": \"");
    String body = text.substring(0, at) + "\n}\n";
    assertEquals(Checksums.sha256(body), text.substring(at + 22, at + 22 + 64));
    assertEquals(text.length(), at + 22 + 64 + 4, "the digest is the last key");
  }

  @Test
  void aResultOfFormat2WithoutItsOwnDigestIsOlderFormatAndNotRead() throws IOException {
    ResultsStore s = new ResultsStore(dir);
    s.writeTrial(result("t1", "abc"), "{}\n", curve(), List.of());
    Path r = dir.resolve("t1/result.json");
    Files.writeString(r, Files.readString(r).replace(TrialResult.FORMAT, "rnnlab-trial/2")
        .replaceAll(",\n  \"result_sha256\": \"[0-9a-f]+\"", ""));
    ResultsStore.Inspection in = s.inspect("t1", "abc");
    assertEquals(ResultsStore.State.LEGACY, in.state(), in.reason());
    assertTrue(in.reason().contains("rnnlab-trial/2") && in.reason().contains("rerun"), in.reason());
  }

  @Test
  void aTrialIsReplacedWholeAndItsFailureRecordCleared() throws IOException {
    ResultsStore s = new ResultsStore(dir);
    s.writeFailure(new TrialFailure(TrialFailure.FORMAT, "t1", "abc", "boom", null));
    assertEquals("boom", s.readFailure("t1").error());
    s.writeTrial(result("t1", "abc"), "{}\n", curve(), List.of(new SeriesRow("a", 0, 0, 1)));
    s.writeTrial(result("t1", "new"), "{}\n", curve(), List.of());
    ResultsStore.TrialData d = s.readTrial("t1");
    assertEquals("new", d.result().configSha256());
    assertTrue(d.series().isEmpty());
    assertTrue(!Files.exists(dir.resolve("t1/series.csv")), "files of the older result do not linger");
    assertNull(s.readFailure("t1"));
  }

  @Test
  void aDamagedPlanIsOneLine() throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("plan.json"), "{\"format\": \"rnnlab-plan/2\", \"name\": ");
    ResultsException e = assertThrows(ResultsException.class, () -> new ResultsStore(dir).readPlan());
    assertTrue(e.getMessage().startsWith(dir.resolve("plan.json") + ": damaged"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  @Test
  void aTrialLockIsExclusiveWithinAndAcrossUsesAndReleasedOnClose() throws IOException {
    ResultsStore s = new ResultsStore(dir);
    TrialLock a = s.tryLock("t1");
    assertNotNull(a);
    assertNull(s.tryLock("t1"), "held");
    assertTrue(s.isLocked("t1"));
    TrialLock other = s.tryLock("t2");
    assertNotNull(other, "other trials are free");
    other.close();
    a.close();
    assertTrue(!s.isLocked("t1"));
    TrialLock again = s.tryLock("t1");
    assertNotNull(again);
    again.close();
  }

  private List<String> visible() throws IOException {
    try (Stream<Path> st = Files.list(dir)) {
      return st.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".locks")).sorted().toList();
    }
  }
}
