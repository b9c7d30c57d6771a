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
import org.rnnlab.results.PlanRecord;
import org.rnnlab.results.ResultsStore;

/** Experiments without a sweep, damaged inputs, and the index of reports. */
class ReporterEdgeCasesTest {
  @TempDir Path tmp;

  @Test
  void withoutASweepEveryPairIsTestedAndChartsAreDrawn() throws IOException {
    Fixture.Run results = Fixture.noSweep(tmp.resolve("results"));
    Path report = tmp.resolve("report");
    Reporter.write(results.plan(), Fixture.CHARTS, results.dir(), report);

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
  void anUnreadableResultIsListedAsDamaged() throws IOException {
    Fixture.Run results = Fixture.sweep(tmp.resolve("results"));
    Files.writeString(results.dir().resolve("lstm__seq_len-50__s1/result.json"), "{\"trial\": ");
    Path report = tmp.resolve("report");
    Reporter.write(results.plan(), Fixture.CHARTS, results.dir(), report);

    String readme = Files.readString(report.resolve("README.md"));
    assertTrue(readme.contains("| lstm seq_len=50 | lstm__seq_len-50__s1 | damaged: "), readme);
    assertTrue(readme.contains("result.json: damaged: not JSON"), readme);
    assertEquals("2", mseCount(report, "lstm seq_len=50"));
  }

  @Test
  void aTruncatedOrEditedCurveIsDamageNotAShorterCurve() throws IOException {
    Fixture.Run results = Fixture.sweep(tmp.resolve("results"));
    Path curve = results.dir().resolve("lstm__seq_len-50__s1/curve.csv");
    String text = Files.readString(curve);
    Files.writeString(curve, text.substring(0, text.length() - 10));
    Path edited = results.dir().resolve("rnn__seq_len-50__s0/curve.csv");
    Files.writeString(edited, Files.readString(edited).replace("200,mse,0.1", "200,mse,0.9"));
    Path report = tmp.resolve("report");
    Reporter.write(results.plan(), Fixture.CHARTS, results.dir(), report);

    String readme = Files.readString(report.resolve("README.md"));
    assertTrue(readme.contains("| lstm seq_len=50 | lstm__seq_len-50__s1 | damaged: "), readme);
    assertTrue(readme.contains("(truncated)"), readme);
    assertTrue(readme.contains("| rnn seq_len=50 | rnn__seq_len-50__s0 | damaged: "), readme);
    assertTrue(readme.contains("do not match the SHA-256 in result.json"), readme);
    assertEquals("2", mseCount(report, "lstm seq_len=50"));
    assertEquals("2", mseCount(report, "rnn seq_len=50"));
    long lstmRows = Fixture.xzLines(report.resolve("curves.csv.xz")).stream()
        .filter(l -> l.startsWith("lstm seq_len=50,1,")).count();
    assertEquals(0, lstmRows, "the damaged trial's curve is not drawn at all");
  }

  @Test
  void aResultOfAnotherConfigIsListedAsStale() throws IOException {
    Fixture.Run results = Fixture.sweep(tmp.resolve("results"));
    PlanRecord p = results.plan();
    List<PlanRecord.PlannedTrial> changed = new java.util.ArrayList<>(p.trials());
    PlanRecord.PlannedTrial t = changed.get(0);
    changed.set(0, new PlanRecord.PlannedTrial(t.index(), t.trial(), t.group(), t.variant(), t.point(), t.seedIndex(),
        t.seed(), t.testSeed(), "d".repeat(64), t.config()));
    PlanRecord now = new PlanRecord(p.format(), p.name(), p.profile(), p.specFile(), p.specSha256(), p.description(),
        p.mainMetric(), p.lowerIsBetter(), p.variants(), p.sweep(), p.seeds(), p.groups(), changed, p.published(),
        p.claims(), p.codeVersion(), p.command());
    Path report = tmp.resolve("report");
    Reporter.write(now, Fixture.CHARTS, results.dir(), report);
    String readme = Files.readString(report.resolve("README.md"));
    assertTrue(readme.contains("| " + t.trial() + " | stale: " + t.trial() + ": ran with another config"), readme);
  }

  private static String mseCount(Path report, String group) throws IOException {
    for (CSVRecord r : ReporterTest.csv(report.resolve("summary.csv"))) {
      if (r.get("metric").equals("mse") && r.get("group").equals(group)) {
        return r.get("n");
      }
    }
    return null;
  }

  @Test
  void claimsThatCannotBeEvaluatedFail() throws IOException {
    Fixture.Run run = Fixture.sweep(tmp.resolve("results"));
    Results results = ResultsReader.read(run.plan(), new ResultsStore(run.dir()));
    Experiment.Claim badOp =
        new Experiment.Claim("x", "lstm", Point.EMPTY, "mse", "mean", "≈", 0.1, null);
    Experiment.Claim badStat =
        new Experiment.Claim("y", "lstm", Point.EMPTY, "mse", "mode", "<", 0.1, null);
    Experiment.Claim noMetric =
        new Experiment.Claim("z", null, Point.EMPTY, "accuracy", "mean", ">", 0.9, null);
    assertTrue(Claims.evaluate(badOp, results).detail().contains("unknown operator"));
    assertTrue(Claims.evaluate(badStat, results).detail().contains("unknown statistic"));
    ClaimResult r = Claims.evaluate(noMetric, results);
    assertFalse(r.passed());
    assertTrue(r.detail().contains("no ok seed with a finite accuracy"), r.detail());
    // A numeric where-value matches however the number was written.
    Experiment.Claim where =
        new Experiment.Claim("w", "rnn", new Point(Map.of("task.seq_len", "100")), "mse", "median", "<", 1, null);
    assertEquals(0.16, Claims.evaluate(where, results).measured(), 1e-12);
  }

  @Test
  void anOkTrialWithoutAFiniteMetricIsCountedNotDroppedSilently() throws IOException {
    Fixture.Run results = Fixture.sweep(tmp.resolve("results"));
    // lstm seq_len=50 seed 2 finished ok but its mse (and so loss, solved_fraction) is NaN: stored as null.
    Fixture.write(new ResultsStore(results.dir()), results.plan(), Fixture.trialId("lstm", 50, 2), "ok", null,
        Double.NaN);
    Path report = tmp.resolve("report");
    Reporter.write(results.plan(), Fixture.CHARTS, results.dir(), report);

    CSVRecord row = null;
    for (CSVRecord r : ReporterTest.csv(report.resolve("summary.csv"))) {
      if (r.get("group").equals("lstm seq_len=50") && r.get("metric").equals("mse")) {
        row = r;
      }
    }
    assertNotNull(row);
    assertEquals("2", row.get("n"));
    assertEquals("1", row.get("unmeasured"), "the NaN seed is counted, not lost");
    String readme = Files.readString(report.resolve("README.md"));
    assertTrue(readme.contains("| baseline | unmeasured | diverged | missing |"), readme);
    assertTrue(readme.lines().anyMatch(l -> l.startsWith("| lstm, seq len 50 | 2 |") && l.endsWith("| 1 | 0 | 0 |")),
        readme);
    Results read = ResultsReader.read(results.plan(), new ResultsStore(results.dir()));
    ClaimResult c = Claims.evaluate(
        new Experiment.Claim("c", "lstm", new Point(Map.of("task.seq_len", "50")), "mse", "max", "<", 1, null), read);
    assertTrue(c.detail().contains("over 2 ok seeds") && c.detail().contains("1 ok seed without a finite mse excluded"),
        c.detail());
  }

  @Test
  void aClaimWithoutAnyResultIsNotEvaluatedNotFailed() throws IOException {
    Fixture.Run results = Fixture.sweep(tmp.resolve("results"));
    for (int s = 0; s < 2; s++) { // seed 2 never ran
      org.rnnlab.results.Temporaries.deleteTree(results.dir().resolve(Fixture.trialId("lstm", 100, s)));
    }
    Path report = tmp.resolve("report");
    List<ClaimResult> claims = Reporter.write(results.plan(), Fixture.CHARTS, results.dir(), report);
    ClaimResult lstm100 = claims.get(0);
    assertEquals("LSTM reaches mse < 0.05 at seq_len=100", lstm100.text());
    assertEquals(ClaimResult.Verdict.NOT_EVALUATED, lstm100.verdict(), lstm100.detail());
    assertFalse(lstm100.failed());
    assertTrue(lstm100.detail().contains("no trial of lstm seq_len=100 has a result"), lstm100.detail());
    // Results that exist still decide: every rnn seq_len=100 seed ran (one diverged), so its claim fails.
    assertEquals(ClaimResult.Verdict.FAIL, claims.get(1).verdict());
    Results read = ResultsReader.read(results.plan(), new ResultsStore(results.dir()));
    Experiment.Claim vsMissing = new Experiment.Claim("below lstm", "rnn", new Point(Map.of("task.seq_len", "50")),
        "mse", "mean", "<", Double.NaN,
        new Experiment.Reference("lstm", new Point(Map.of("task.seq_len", "100")), "mse", "mean", 1.0));
    assertEquals(ClaimResult.Verdict.NOT_EVALUATED, Claims.evaluate(vsMissing, read).verdict());
    String readme = Files.readString(report.resolve("README.md"));
    assertTrue(readme.contains("| no trial of lstm seq_len=100 has a result | NOT EVALUATED |"), readme);
    assertTrue(readme.contains("1 not evaluated"), readme);
    assertTrue(Files.readString(report.resolve("report.json")).contains("\"claims_not_evaluated\" : 1"),
        Files.readString(report.resolve("report.json")));
  }

  @Test
  void staleChartsOfAnEarlierRunAreRemoved() throws IOException {
    Path report = tmp.resolve("report");
    Files.createDirectories(report);
    Files.writeString(report.resolve("curve_seq_len-200.png"), "old");
    Files.writeString(report.resolve("notes.txt"), "mine");
    Fixture.Run run = Fixture.sweep(tmp.resolve("results"));
    Reporter.write(run.plan(), Fixture.CHARTS, run.dir(), report);
    assertFalse(Files.exists(report.resolve("curve_seq_len-200.png")));
    assertTrue(Files.exists(report.resolve("notes.txt")), "files we did not write are left alone");
  }

  @Test
  void indexListsEveryReportWithItsDescription() throws IOException {
    Path reports = tmp.resolve("reports");
    Fixture.Run run = Fixture.sweep(tmp.resolve("results"));
    Reporter.write(run.plan(), Fixture.CHARTS, run.dir(), reports.resolve("toy-sweep/ci"));
    // A report from before report.json existed: only README and index.html.
    Path old = Files.createDirectories(reports.resolve("older"));
    Files.writeString(old.resolve("index.html"), "<html></html>");
    Files.writeString(old.resolve("README.md"), "# older\n\nAn \\*old\\* experiment\non two lines.\n\n- x\n");
    Files.createDirectories(reports.resolve("not-a-report"));

    Reporter.writeIndex(reports);
    String index = Files.readString(reports.resolve("index.html"));
    assertTrue(index.contains("<a href=\"older/index.html\">older</a>"), index);
    assertTrue(index.contains("An *old* experiment on two lines."), index);
    // profile, the day report.json was written, the best group's main metric as the headline shows it, claims
    String day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    assertTrue(index.contains("<a href=\"toy-sweep/ci/index.html\">toy-sweep</a></td><td>ci</td><td>" + day
        + "</td><td>lowest test MSE: lstm, seq len 50, 0.0200 [-0.00484, 0.0448]</td><td>2 / 4</td>"), index);
    assertFalse(index.contains("not-a-report"));
    assertTrue(index.indexOf("older/") < index.indexOf("toy-sweep/"), "sorted by path");
  }
}
