package org.rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.results.TrialArchive;

/**
 * A report's trial record rebuilds the report without results/: every file byte for byte (charts,
 * PDFs, tables, pages), the record itself untouched; a damaged record is one line naming it, a
 * non-zero exit, and nothing written.
 */
class ReportFromRecordTest {
  /**
   * Two variants, two seeds, curves, clipping series and sampled texts: every kind of trial data. The clip
   * trace draws seed 0 of each group, so only those trials' series are read (and recorded).
   */
  static final String SPEC = """
      {"description": "Toy language model, two cells.",
       "task": {"type": "language_model", "corpus": "toy", "segment_length": 5},
       "model": {"cell": {"type": "gru"}, "hidden_size": 4, "embedding_dim": 3},
       "training": {"type": "bptt", "optimizer": {"type": "adam", "lr": 0.05}, "batch_size": 4, "steps": 40,
                    "clipping": {"type": "global_norm", "max_norm": 1.0},
                    "callbacks": {"clip_statistics": {"trace": true},
                                  "samples": {"at": [1], "length": 6, "prime": "the cat", "seed": 3}}},
       "evaluation": {"every": 20, "track": ["validation"]}, "seeds": 2, "root_seed": 1,
       "variants": {"gru": {}, "rnn": {"model": {"cell": {"type": "elman", "nonlinearity": "tanh"}}}},
       "report": {"main_metric": "bpc", "lower_is_better": true,
                  "charts": [{"type": "final_metric"}, {"type": "learning_curve", "metric": "validation.bpc"}, {"type": "clip_trace"}]}}
      """;

  @TempDir
  Path home;
  private String oldHome;

  @BeforeEach
  void project() throws IOException {
    oldHome = MainTest.useHome(home);
    Files.writeString(home.resolve("experiments/toy.json"), SPEC);
  }

  @AfterEach
  void restore() {
    MainTest.restoreHome(oldHome);
  }

  @Test
  void theRecordRebuildsTheReportByteForByteWithoutResults() throws IOException {
    MainTest.Outcome ran = MainTest.run("run", "toy", "--jobs", "1");
    assertEquals(0, ran.code(), ran.err() + ran.out());
    Path report = home.resolve("reports/toy");
    Path record = report.resolve(TrialArchive.FILE);
    assertTrue(Files.isRegularFile(record), "run wrote no trial record");
    Map<String, byte[]> before = files(report);
    assertTrue(before.keySet().stream().anyMatch(f -> f.endsWith(".pdf")), before.keySet().toString());
    assertTrue(new String(before.get("README.md")).contains(TrialArchive.FILE), "the page does not list the record");
    TrialArchive.Contents read = TrialArchive.read(record);
    assertEquals(4, read.trials().size());
    assertTrue(read.trials().stream().allMatch(e -> e.data() != null && !e.data().texts().isEmpty()),
        "a trial's texts were not recorded");
    // of the series, the record keeps what the charts read: the clipping trace of seed 0 of each group
    for (TrialArchive.Entry e : read.trials()) {
      assertEquals(e.trial().endsWith("__s0"), !e.data().series().isEmpty(), e.trial() + ": " + e.data().series().size());
    }

    PathUtils.deleteDirectory(home.resolve("results"));
    MainTest.Outcome rebuilt = MainTest.run("report", "toy"); // no results/: the record, without the flag
    assertEquals(0, rebuilt.code(), rebuilt.err() + rebuilt.out());
    assertTrue(rebuilt.err().contains("rebuilding the report from its trial record"), rebuilt.err());
    assertFiles(before, files(report));

    // queried without rerunning: compare reads the record by name or path
    MainTest.Outcome compared = MainTest.run("compare", "toy", report.toString());
    assertEquals(0, compared.code(), compared.err() + compared.out());
    // both groups, 2 seeds on each side, identical configs
    assertEquals(2, compared.out().lines().map(String::trim)
        .filter(l -> l.matches("(gru|rnn) +2 .* 2 .* same")).count(), compared.out());

    // a chart the record was not cut down for (the trace of seed 1, whose series no chart read) is drawn
    // without its data, and the rebuild says so in one line
    Files.writeString(home.resolve("experiments/toy.json"), SPEC.replace("{\"type\": \"clip_trace\"}",
        "{\"type\": \"clip_trace\", \"seed\": 1}"));
    MainTest.Outcome other = MainTest.run("report", "toy", "--from-record");
    assertEquals(0, other.code(), other.err());
    assertTrue(other.err().contains("rnnlab: warning: the charts read series the trial record does not hold (clip."),
        other.err());
    Files.writeString(home.resolve("experiments/toy.json"), SPEC);

    // and with the flag; the report's PDFs are valid PDF
    Files.delete(report.resolve("index.html"));
    Files.delete(report.resolve("final_bpc.png"));
    MainTest.Outcome flagged = MainTest.run("report", "toy", "--from-record");
    assertEquals(0, flagged.code(), flagged.err() + flagged.out());
    assertFiles(before, files(report));
    for (String f : before.keySet()) {
      if (f.endsWith(".pdf")) {
        try (PDDocument d = Loader.loadPDF(before.get(f))) {
          assertEquals(1, d.getNumberOfPages(), f);
        }
      }
    }
  }

  @Test
  void aRelabelledSpecIsReportedFromTheRecordWithoutARerun() throws IOException {
    assertEquals(0, MainTest.run("run", "toy", "--jobs", "1").code());
    Path report = home.resolve("reports/toy");
    Map<String, byte[]> before = files(report);
    Path recordBefore = home.resolve("record-before.jsonl.xz");
    Files.copy(report.resolve(TrialArchive.FILE), recordBefore);
    PathUtils.deleteDirectory(home.resolve("results"));
    // the hand-written variants as one labelled factor: same names, seeds and configs, display names added
    String relabelled = SPEC.replace(
        "\"variants\": {\"gru\": {}, \"rnn\": {\"model\": {\"cell\": {\"type\": \"elman\", \"nonlinearity\": \"tanh\"}}}}",
        "\"factors\": {\"cross\": {\"cell\": {\"gru\": {\"label\": \"GRU cell\"}, \"rnn\": {\"label\": \"tanh RNN\", "
            + "\"override\": {\"model\": {\"cell\": {\"type\": \"elman\", \"nonlinearity\": \"tanh\"}}}}}}}");
    assertNotEquals(SPEC, relabelled);
    Files.writeString(home.resolve("experiments/toy.json"), relabelled);

    MainTest.Outcome plain = MainTest.run("report", "toy", "--from-record"); // the record's plan: as it was
    assertEquals(0, plain.code(), plain.err());
    assertFiles(before, files(report));

    MainTest.Outcome o = MainTest.run("report", "toy", "--from-record", "--current-spec");
    assertEquals(0, o.code(), o.err() + o.out());
    String page = Files.readString(report.resolve("README.md"));
    assertTrue(page.contains("tanh RNN") && page.contains("GRU cell"), "display names missing");
    assertTrue(page.contains("4 planned: 4 ok"), "a trial was lost in the relabelling");
    assertArrayEquals(before.get("summary.csv"), Files.readAllBytes(report.resolve("summary.csv")));
    assertEquals(4, TrialArchive.read(report.resolve(TrialArchive.FILE)).trials().stream()
        .filter(e -> e.data() != null).count());
    // the rewritten record now rebuilds the relabelled report byte for byte
    Map<String, byte[]> relabelledReport = files(report);
    assertEquals(0, MainTest.run("report", "toy", "--from-record").code());
    assertFiles(relabelledReport, files(report));

    // a spec that changes a trial's config would drop that trial's data from the record, its only copy: refused in
    // one line, and nothing is written
    Files.writeString(home.resolve("experiments/toy.json"),
        relabelled.replace("\"nonlinearity\": \"tanh\"}}}}", "\"nonlinearity\": \"tanh\"}, \"hidden_size\": 5}}}"));
    MainTest.Outcome changed = MainTest.run("report", "toy", "--current-spec");
    assertEquals(2, changed.code(), changed.err());
    assertEquals(1, changed.err().lines().count(), changed.err());
    assertTrue(changed.err().contains("2 trials of the record would be lost under the current spec: rnn__s0 (config "
        + "changed)"), changed.err());
    assertFiles(relabelledReport, files(report));
    // so would a spec without a variant the record has
    Files.writeString(home.resolve("experiments/toy.json"), relabelled.replace(", \"rnn\": {\"label\": \"tanh RNN\", \"override\": {\"model\": {\"cell\": {\"type\": \"elman\", \"nonlinearity\": \"tanh\"}}}}", ""));
    MainTest.Outcome dropped = MainTest.run("report", "toy", "--current-spec");
    assertEquals(2, dropped.code(), dropped.err());
    assertTrue(dropped.err().contains("(not in the plan)"), dropped.err());
    assertFiles(relabelledReport, files(report));
    // the rewritten record keeps every series row the old one had, and its reads
    TrialArchive.Contents was = TrialArchive.read(recordBefore);
    TrialArchive.Contents now = TrialArchive.read(report.resolve(TrialArchive.FILE));
    assertEquals(was.seriesRead(), now.seriesRead());
    for (int k = 0; k < was.trials().size(); k++) {
      assertEquals(was.trials().get(k).data().series(), now.trials().get(k).data().series());
    }
    // the rewritten record keeps the code version of the run that computed its trials
    assertEquals(TrialArchive.read(report.resolve(TrialArchive.FILE)).plan().codeVersion(),
        TrialArchive.read(recordBefore).plan().codeVersion());

  }

  /**
   * A committed report of a dataset-backed experiment (g2p-cmudict: the CMU dictionary) rebuilds from its record in
   * a project without results/ and without data/, as on a fresh clone: every page, table, CSV and the record byte for
   * byte. Charts are drawn by Java2D and deflated by the platform's zlib, so their bytes are checked where the
   * committed reports were drawn, by CI's make reports-check, not by a unit test on every machine.
   */
  @Test
  void aCommittedReportRebuildsWithoutItsDataset() throws IOException {
    Path committed = Path.of("reports/g2p-cmudict").toAbsolutePath();
    Files.copy(Path.of("experiments/g2p-cmudict.json"), home.resolve("experiments/g2p-cmudict.json"));
    Files.createDirectories(home.resolve("reports"));
    PathUtils.copyDirectory(committed, home.resolve("reports/g2p-cmudict"));
    assertFalse(Files.exists(home.resolve("data/cmudict")));
    MainTest.Outcome o = MainTest.run("report", "g2p-cmudict");
    assertEquals(0, o.code(), o.err() + o.out());
    assertFiles(withoutCharts(files(committed)), withoutCharts(files(home.resolve("reports/g2p-cmudict"))));
  }

  private static Map<String, byte[]> withoutCharts(Map<String, byte[]> files) {
    files.keySet().removeIf(f -> f.endsWith(".png") || f.endsWith(".svg") || f.endsWith(".pdf"));
    return files;
  }

  @Test
  void aDamagedRecordIsOneLineAndWritesNothing() throws IOException {
    assertEquals(0, MainTest.run("run", "toy", "--jobs", "1").code());
    Path report = home.resolve("reports/toy");
    Path record = report.resolve(TrialArchive.FILE);
    byte[] good = Files.readAllBytes(record);
    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 0x04;
    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 40);
    for (byte[] bad : new byte[][] {flipped, truncated}) {
      Files.write(record, bad);
      FileTime old = FileTime.fromMillis(0);
      try (Stream<Path> s = Files.walk(report)) {
        for (Path p : s.toList()) {
          Files.setLastModifiedTime(p, old);
        }
      }
      Map<String, byte[]> before = files(report);
      MainTest.Outcome o = MainTest.run("report", "toy", "--from-record");
      assertNotEquals(0, o.code());
      String err = o.err();
      assertEquals(1, err.lines().count(), err);
      assertTrue(err.startsWith("rnnlab: ") && err.contains(record.toString()) && err.contains("damaged"), err);
      assertFiles(before, files(report));
      try (Stream<Path> s = Files.walk(report)) {
        for (Path p : s.toList()) {
          assertEquals(old, Files.getLastModifiedTime(p), p + " was written");
        }
      }
    }
  }

  @Test
  void withoutARecordTheFlagSaysHowToGetOne() throws IOException {
    MainTest.Outcome o = MainTest.run("report", "toy", "--from-record");
    assertEquals(2, o.code());
    assertTrue(o.err().contains(TrialArchive.FILE) && o.err().contains("no trial record"), o.err());
    assertFalse(Files.exists(home.resolve("reports/toy/index.html")));
  }

  private static Map<String, byte[]> files(Path dir) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return out;
  }

  private static void assertFiles(Map<String, byte[]> expected, Map<String, byte[]> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((f, bytes) -> assertArrayEquals(bytes, actual.get(f), f + " differs"));
  }
}
