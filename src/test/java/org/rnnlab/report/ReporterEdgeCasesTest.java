package org.rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Experiments without a sweep, damaged inputs, and the index of reports. */
class ReporterEdgeCasesTest {
  @TempDir Path tmp;

  @Test
  void withoutASweepEveryPairIsTestedAndChartsAreDrawn() throws IOException {
    Path results = Fixture.noSweep(tmp.resolve("results"));
    Path report = tmp.resolve("report");
    Reporter.write(results, report);

    List<CSVRecord> tests = ReporterTest.csv(report.resolve("tests.csv"));
    assertEquals(1, tests.size());
    assertEquals("rnn", tests.get(0).get("group_a"));
    assertEquals("lstm", tests.get(0).get("group_b"));
    for (String png : List.of("final_mse.png", "curve.png")) {
      assertNotNull(ImageIO.read(report.resolve(png).toFile()), png);
    }
    String readme = Files.readString(report.resolve("README.md"));
    assertTrue(readme.contains("**Sweep**: none"));
    assertTrue(readme.contains("**Profile**: none (full run)"));
    assertTrue(readme.contains("The spec makes no claims."));
  }

  @Test
  void anUnreadableResultIsListedAsMissing() throws IOException {
    Path results = Fixture.sweep(tmp.resolve("results"));
    Files.writeString(results.resolve("lstm__seq_len-50__s1/result.json"), "{\"cell\": ");
    Path report = tmp.resolve("report");
    Reporter.write(results, report);

    String readme = Files.readString(report.resolve("README.md"));
    assertTrue(readme.contains("| lstm__seq_len-50__s1 | unreadable result.json: "), readme);
    Map<String, String> n = new java.util.HashMap<>();
    for (CSVRecord r : ReporterTest.csv(report.resolve("summary.csv"))) {
      if (r.get("metric").equals("mse")) {
        n.put(r.get("variant"), r.get("n"));
      }
    }
    assertEquals("2", n.get("lstm seq_len=50"));
  }

  @Test
  void aMissingPlanIsAnErrorThatNamesTheField() throws IOException {
    Path results = Fixture.sweep(tmp.resolve("results"));
    String json = Files.readString(results.resolve("experiment.json"));
    Files.writeString(results.resolve("experiment.json"), json.replace("\"main_metric\"", "\"metric\""));
    IOException e = assertThrows(IOException.class, () -> Reporter.write(results, tmp.resolve("r")));
    assertTrue(e.getMessage().contains("main_metric"), e.getMessage());
  }

  @Test
  void claimsThatCannotBeEvaluatedFail() throws IOException {
    Results results = ResultsReader.read(Fixture.sweep(tmp.resolve("results")), null);
    Experiment.Claim badOp =
        new Experiment.Claim("x", "lstm", Point.EMPTY, "mse", "mean", "≈", 0.1);
    Experiment.Claim badStat =
        new Experiment.Claim("y", "lstm", Point.EMPTY, "mse", "mode", "<", 0.1);
    Experiment.Claim noMetric =
        new Experiment.Claim("z", null, Point.EMPTY, "accuracy", "mean", ">", 0.9);
    assertTrue(Claims.evaluate(badOp, results).detail().contains("unknown operator"));
    assertTrue(Claims.evaluate(badStat, results).detail().contains("unknown statistic"));
    ClaimResult r = Claims.evaluate(noMetric, results);
    assertFalse(r.passed());
    assertTrue(r.detail().contains("no ok seed with a finite accuracy"), r.detail());
    // A numeric where-value matches however the number was written.
    Experiment.Claim where =
        new Experiment.Claim("w", "rnn", new Point(Map.of("task.seq_len", "100")), "mse", "median", "<", 1);
    assertEquals(0.16, Claims.evaluate(where, results).measured(), 1e-12);
  }

  @Test
  void staleChartsOfAnEarlierRunAreRemoved() throws IOException {
    Path report = tmp.resolve("report");
    Files.createDirectories(report);
    Files.writeString(report.resolve("curve_seq_len-200.png"), "old");
    Files.writeString(report.resolve("notes.txt"), "mine");
    Reporter.write(Fixture.sweep(tmp.resolve("results")), report);
    assertFalse(Files.exists(report.resolve("curve_seq_len-200.png")));
    assertTrue(Files.exists(report.resolve("notes.txt")), "files we did not write are left alone");
  }

  @Test
  void indexListsEveryReportWithItsDescription() throws IOException {
    Path reports = tmp.resolve("reports");
    Reporter.write(Fixture.sweep(tmp.resolve("results")), reports.resolve("toy-sweep/ci"));
    // A report from before report.json existed: only README and index.html.
    Path old = Files.createDirectories(reports.resolve("older"));
    Files.writeString(old.resolve("index.html"), "<html></html>");
    Files.writeString(old.resolve("README.md"), "# older\n\nAn \\*old\\* experiment\non two lines.\n\n- x\n");
    Files.createDirectories(reports.resolve("not-a-report"));

    Reporter.writeIndex(reports);
    String index = Files.readString(reports.resolve("index.html"));
    assertTrue(index.contains("<a href=\"older/index.html\">older</a>"), index);
    assertTrue(index.contains("An *old* experiment on two lines."), index);
    assertTrue(index.contains("<a href=\"toy-sweep/ci/index.html\">toy-sweep</a></td><td>ci</td><td>2 / 4</td>"), index);
    assertFalse(index.contains("not-a-report"));
    assertTrue(index.indexOf("older/") < index.indexOf("toy-sweep/"), "sorted by path");
  }
}
