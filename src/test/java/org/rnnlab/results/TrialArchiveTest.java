package org.rnnlab.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * The trial record gives back exactly what was written (every double to the bit, non-finite and
 * negative zero included), is the same bytes every time, and refuses an edited record.
 */
class TrialArchiveTest {
  @TempDir
  Path dir;

  private static TrialArchive.Contents contents() {
    ObjectNode config = JsonNodeFactory.instance.objectNode().put("seed", 7);
    Map<String, Object> point = new LinkedHashMap<>();
    point.put("T", 50);
    List<PlanRecord.PlannedTrial> planned = List.of(
        new PlanRecord.PlannedTrial(0, "a__s0", "a", "a", point, 0, 7L, 8L, "c0", config),
        new PlanRecord.PlannedTrial(1, "a__s1", "a", "a", point, 1, 9L, 10L, "c1", config));
    PlanRecord plan = new PlanRecord(PlanRecord.FORMAT, "x", null, "experiments/x.json", "s", "d", "loss", true,
        List.of("a"), Map.of("T", List.of(50)), 2, List.of(new PlanRecord.Group("a", "a", point, "task",
        Map.of("loss", 1.5), "mean", List.of("loss"))), planned, List.of(), List.of(), "v1", "make");
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("loss", 0.1 + 0.2);
    metrics.put("accuracy", null);
    TrialResult r = new TrialResult(TrialResult.FORMAT, "a__s0", "a", "a", point, 0, 7L, 8L, "c0", TrialResult.DIVERGED,
        12L, metrics, Map.of("model.json", new FileDigest(3, "ab")),
        new Provenance("s", "v0", "jvm", "os", "cpu", "host", 2, 1.25, Map.of("d/f", "00")));
    List<CurveRow> curve = List.of(new CurveRow(0, "loss", Math.PI), new CurveRow(10, "loss", Double.NaN),
        new CurveRow(11, "loss", Double.POSITIVE_INFINITY), new CurveRow(12, "loss", -0.0),
        new CurveRow(13, "loss", Double.MIN_VALUE), new CurveRow(14, "loss", -Double.MAX_VALUE));
    List<SeriesRow> series = List.of(new SeriesRow("norm", 5, 0, 1e-300), new SeriesRow("norm", 5, 1,
        Double.NEGATIVE_INFINITY));
    List<TextRow> texts = List.of(new TextRow("sample", 12, Map.of("temperature", 0.8), "the \"cat\"\nsat ü"));
    TrialArchive.Entry done = new TrialArchive.Entry("a__s0", "a",
        new ResultsStore.TrialData(r, config, curve, series, texts), null);
    TrialArchive.Entry missing = new TrialArchive.Entry("a__s1", "a", null, "failed: out of memory");
    return new TrialArchive.Contents(plan, List.of(done, missing), List.of("a warning"));
  }

  @Test
  void readingGivesBackWhatWasWrittenToTheBit() throws IOException {
    TrialArchive.Contents c = contents();
    Path f = dir.resolve(TrialArchive.FILE);
    TrialArchive.write(f, c);
    TrialArchive.Contents back = TrialArchive.read(f);
    assertEquals(c.plan(), back.plan());
    assertEquals(c.warnings(), back.warnings());
    assertEquals(c.trials().get(1), back.trials().get(1));
    ResultsStore.TrialData a = c.trials().get(0).data();
    ResultsStore.TrialData b = back.trials().get(0).data();
    assertEquals(a.result(), b.result());
    assertEquals(a.config(), b.config());
    assertEquals(a.texts(), b.texts());
    assertEquals(a.curve().size(), b.curve().size());
    for (int i = 0; i < a.curve().size(); i++) {
      assertEquals(a.curve().get(i).step(), b.curve().get(i).step());
      assertEquals(Double.doubleToRawLongBits(a.curve().get(i).value()),
          Double.doubleToRawLongBits(b.curve().get(i).value()), "curve row " + i);
    }
    assertEquals(a.series(), b.series()); // records compare doubles by their bits
    assertEquals(TrialArchive.text(c), TrialArchive.text(back));
  }

  @Test
  void theSameContentsAreTheSameBytes() throws IOException {
    Path one = dir.resolve("1.xz");
    Path two = dir.resolve("2.xz");
    TrialArchive.write(one, contents());
    TrialArchive.write(two, contents());
    assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two));
  }

  @Test
  void anEditedRecordIsRefusedEvenWithAValidXzStream() throws IOException {
    String text = TrialArchive.text(contents()).replace("\"seed_index\":0", "\"seed_index\":3");
    Path f = dir.resolve(TrialArchive.FILE);
    Files.write(f, xz(text));
    ResultsException e = assertThrows(ResultsException.class, () -> TrialArchive.read(f));
    assertEquals(f + ": damaged: contents do not match the SHA-256 on its last line (edited)", e.getMessage());
    String cut = TrialArchive.text(contents());
    Files.write(f, xz(cut.substring(0, cut.lastIndexOf("{\"sha256\""))));
    e = assertThrows(ResultsException.class, () -> TrialArchive.read(f));
    assertTrue(e.getMessage().startsWith(f + ": damaged: its last line"), e.getMessage());
  }

  private static byte[] xz(String text) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (XZOutputStream out = new XZOutputStream(buf, new LZMA2Options())) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return buf.toByteArray();
  }
}
