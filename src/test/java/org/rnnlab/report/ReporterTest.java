package org.rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end: a synthetic results directory in, a report out, checked against hand-computed numbers. */
class ReporterTest {
  @TempDir static Path tmp;
  static Fixture.Run results;
  static Path report;

  @BeforeAll
  static void writeReport() throws IOException {
    results = Fixture.sweep(tmp.resolve("results"));
    report = tmp.resolve("reports/toy-sweep");
    Reporter.write(results.plan(), Fixture.CHARTS, results.dir(), report);
  }

  @Test
  void summaryHasHeaderAndOneRowPerGroupAndMetricInPlanOrder() throws IOException {
    List<String> lines = Files.readAllLines(report.resolve("summary.csv"));
    assertEquals("group,metric,n,mean,sd,t95_low,t95_high,median,q1,q3,min,max,unmeasured", lines.get(0));
    List<String> keys = new ArrayList<>();
    for (CSVRecord r : csv("summary.csv")) {
      keys.add(r.get("group") + "/" + r.get("metric"));
    }
    List<String> expected = new ArrayList<>();
    for (String g : List.of("rnn seq_len=50", "lstm seq_len=50", "rnn seq_len=100", "lstm seq_len=100")) {
      for (String m : List.of("loss", "mse", "solved_fraction")) {
        expected.add(g + "/" + m);
      }
    }
    assertEquals(expected, keys);
  }

  @Test
  void summaryStatisticsMatchHandComputedValues() throws IOException {
    Map<String, CSVRecord> rows = summaryByGroup("mse");
    // rnn seq_len=50: 0.10, 0.12, 0.14 -> mean 0.12, sd 0.02, median 0.12, quartiles 0.11 and 0.13.
    CSVRecord rnn50 = rows.get("rnn seq_len=50");
    assertEquals("3", rnn50.get("n"));
    assertClose(0.12, rnn50.get("mean"));
    assertClose(0.02, rnn50.get("sd"));
    assertClose(0.12, rnn50.get("median"));
    assertClose(0.11, rnn50.get("q1"));
    assertClose(0.13, rnn50.get("q3"));
    // Student's t with 2 df: t(0.975, 2) = (2p - 1) sqrt(2 / (4 p (1 - p))) at p = 0.975 = 4.3026527...; a
    // bootstrap percentile interval would be the range [0.10, 0.14] itself, a 75% interval for symmetric data.
    double t2 = 0.95 * Math.sqrt(2 / (4 * 0.975 * 0.025));
    assertClose(0.12 - t2 * 0.02 / Math.sqrt(3), rnn50.get("t95_low"));
    assertClose(0.12 + t2 * 0.02 / Math.sqrt(3), rnn50.get("t95_high"));
    assertClose(0.10, rnn50.get("min"));
    assertClose(0.14, rnn50.get("max"));
    // lstm seq_len=100, seed 2 missing: 0.02, 0.04 -> sd 0.01 sqrt(2).
    CSVRecord lstm100 = rows.get("lstm seq_len=100");
    assertEquals("2", lstm100.get("n"));
    assertClose(0.03, lstm100.get("mean"));
    assertClose(Math.sqrt(2) * 0.01, lstm100.get("sd"));
    // Two seeds, 1 df: t(0.975, 1) = tan(0.475 pi) = 12.706...: the interval is wide, as two seeds are.
    double t1 = Math.tan(0.475 * Math.PI);
    assertClose(0.03 - t1 * 0.01, lstm100.get("t95_low"));
    assertClose(0.03 + t1 * 0.01, lstm100.get("t95_high"));
  }

  @Test
  void divergedTrialIsExcludedFromStatisticsAndListed() throws IOException {
    CSVRecord rnn100 = summaryByGroup("mse").get("rnn seq_len=100");
    assertEquals("2", rnn100.get("n"));
    assertClose(0.16, rnn100.get("mean"));
    assertClose(0.17, rnn100.get("max"));
    // loss of the diverged cell is NaN in its result.json; it must not leak in either.
    assertClose(0.32, summaryByGroup("loss").get("rnn seq_len=100").get("mean"));

    assertEquals(
        List.of("group,trial,step", "rnn seq_len=100,rnn__seq_len-100__s2,150"),
        Files.readAllLines(report.resolve("diverged.csv")));
    String readme = Files.readString(report.resolve("README.md"));
    assertTrue(readme.contains("| rnn seq_len=100 | rnn__seq_len-100__s2 | 2 | 150 |"), readme);
    assertTrue(readme.contains("| rnn, seq len 100 | 2 | 0.160 | \\[0.0329, 0.287] |"), readme);
  }

  @Test
  void missingTrialIsReportedNotFatal() throws IOException {
    String readme = Files.readString(report.resolve("README.md"));
    assertTrue(readme.contains("| lstm seq_len=100 | lstm__seq_len-100__s2 | not run yet |"), readme);
    assertTrue(readme.contains("12 planned: 10 ok, 1 diverged, 1 missing"), readme);
  }

  @Test
  void welchTestsCompareGroupsAtTheSamePointOnly() throws IOException {
    assertEquals(
        "group_a,group_b,metric,n_a,n_b,mean_a,mean_b,t,df,p,median_a,median_b,u,p_u",
        Files.readAllLines(report.resolve("tests.csv")).get(0));
    List<CSVRecord> rows = csv("tests.csv");
    assertEquals(2, rows.size());
    CSVRecord at50 = rows.get(0);
    assertEquals("rnn seq_len=50", at50.get("group_a"));
    assertEquals("lstm seq_len=50", at50.get("group_b"));
    assertEquals("mse", at50.get("metric"));
    assertClose(0.12, at50.get("mean_a"));
    assertClose(0.02, at50.get("mean_b"));
    // Closed forms: se^2 = 0.0004/3 + 0.0001/3, t = 0.1 / se = sqrt(60), df = 50/17;
    // p from scipy.stats.ttest_ind(equal_var=False).
    assertClose(Math.sqrt(60), at50.get("t"));
    assertClose(50.0 / 17, at50.get("df"));
    assertClose(0.004797999699128059, at50.get("p"));
    // Every rnn seed above every lstm seed: U = 9 of 9 pairs, exact two-sided p = 2 / C(6, 3) = 0.1.
    assertClose(9, at50.get("u"));
    assertClose(0.1, at50.get("p_u"));
    CSVRecord at100 = rows.get(1);
    assertEquals("rnn seq_len=100", at100.get("group_a"));
    assertEquals("lstm seq_len=100", at100.get("group_b"));
    assertClose(9.192388155425114, at100.get("t"));
    assertClose(2.0, at100.get("df"));
    assertClose(0.011628302349382825, at100.get("p"));
  }

  @Test
  void claimsPassAndFailFromTheData() throws IOException {
    List<ClaimResult> claims = Claims.evaluate(results.plan(), results.dir());
    assertEquals(4, claims.size());
    assertEquals("LSTM reaches mse < 0.05 at seq_len=100", claims.get(0).text());
    assertTrue(claims.get(0).passed(), claims.get(0).detail());
    assertEquals(0.03, claims.get(0).measured(), 1e-12);
    assertFalse(claims.get(1).passed(), claims.get(1).detail());
    assertEquals(0.16, claims.get(1).measured(), 1e-12);
    assertTrue(claims.get(1).detail().contains("1 diverged excluded"), claims.get(1).detail());
    // The max over all five ok lstm seeds is exactly 0.04, and the claim says <=.
    assertTrue(claims.get(2).passed(), claims.get(2).detail());
    assertEquals(0.04, claims.get(2).measured(), 0);
    assertFalse(claims.get(3).passed());
    assertTrue(Double.isNaN(claims.get(3).measured()));
    assertTrue(claims.get(3).detail().contains("no group matches variant gru"), claims.get(3).detail());

    String readme = Files.readString(report.resolve("README.md"));
    assertTrue(readme.contains("2 of 4 claims pass."), readme);
    assertTrue(
        readme.contains(
            "| LSTM reaches mse < 0.05 at seq_len=100 | mean mse = 0.03 over 2 ok seeds of lstm seq_len=100; required < 0.05 | PASS |"),
        readme);
    String html = Files.readString(report.resolve("index.html"));
    assertTrue(html.contains("<td class=\"fail\">FAIL</td>"), html);
    assertTrue(html.contains("<td class=\"pass\">PASS</td>"), html);
  }

  @Test
  void readmeAndHtmlCarryTheMainTableAndSections() throws IOException {
    String readme = Files.readString(report.resolve("README.md"));
    assertTrue(readme.startsWith("# toy-sweep\n"), readme);
    assertTrue(
        readme.contains("| Group | n | mean | 95% CI | median | IQR | min | max | baseline | unmeasured | diverged | missing |"));
    assertTrue(
        readme.contains(
            "| rnn, seq len 50 | 3 | 0.120 | \\[0.0703, 0.170] | 0.120 | 0.110 – 0.130 | 0.100 | 0.140 | 0.167 | 0 | 0 | 0 |"),
        readme);
    // The headline (variant x sweep point) comes first, after a table of contents, and is exported.
    assertTrue(readme.indexOf("## Headline") < readme.indexOf("## Results"), readme);
    assertTrue(readme.contains("| seq len 50 | 0.120 \\[0.0703, 0.170] | 0.0200 \\[-0.00484, 0.0448] | 0.167 |"), readme);
    assertTrue(readme.contains("- [Claims](#claims)"), readme);
    assertTrue(readme.contains("Export: [LaTeX](tables/headline.tex) · [Markdown](tables/headline.md)"), readme);
    assertTrue(readme.contains("```\nmake experiment NAME=toy-sweep\n```"));
    assertTrue(readme.contains("| Hochreiter & Schmidhuber 1997 |"));
    assertTrue(readme.contains("always predict 1: MSE = 1/6"));
    assertTrue(readme.contains("(final_mse.png)"));
    assertTrue(readme.contains("(curve_seq_len-100.png)"));
    assertTrue(readme.contains("**Code versions of trials**: abc1234 (11 trials)"), readme);
    assertTrue(readme.contains("27.5 s of wall time summed over 11 trials, 2.5 s per trial on average"), readme);
    // The description is plain text: Markdown specials are escaped, intraword _ is kept.
    assertTrue(
        readme.contains("Does gating help_on a \\*toy\\* copy task? See \\[paper] \\| \\<b>x\\</b>"),
        readme);

    String html = Files.readString(report.resolve("index.html"));
    assertTrue(html.contains("<title>toy-sweep</title>"));
    assertTrue(html.contains("&lt;b&gt;x&lt;/b&gt;"), "description must be escaped");
    assertTrue(
        html.contains("<td>rnn, seq len 50</td><td class=\"r\">3</td><td class=\"r\">0.120</td>"),
        html);
    assertTrue(html.contains("<img src=\"final_mse.png\""));
    assertTrue(html.contains("<a href=\"final_mse.svg\">SVG</a> · <a href=\"final_mse.pdf\">PDF</a>"), html);
    assertTrue(html.contains("<nav class=\"toc\">") && html.contains("<h2 id=\"claims\">Claims</h2>"), html);
    assertFalse(html.contains("<script"), "self-contained and static");
  }

  @Test
  void chartsArePngsThatDecode() throws IOException {
    for (String name : List.of("final_mse.png", "curve_seq_len-50.png", "curve_seq_len-100.png")) {
      BufferedImage image = ImageIO.read(report.resolve(name).toFile());
      assertNotNull(image, name);
      assertEquals(Charts.HEIGHT * Charts.PNG_SCALE, image.getHeight(), name);
      assertEquals(Charts.WIDTH * Charts.PNG_SCALE, image.getWidth(), name);
    }
  }

  @Test
  void curvesAreTidyAndCoverEveryTrialWithAResult() throws IOException {
    List<String> lines = Fixture.xzLines(report.resolve("curves.csv.xz"));
    assertEquals("group,seed,step,metric,value", lines.get(0));
    assertEquals(11 * 6, lines.size() - 1, "11 trials with results x 3 steps x 2 metrics");
    assertTrue(lines.contains("rnn seq_len=50,0,0,mse,1"), "10 x 0.10");
    assertTrue(lines.contains("rnn seq_len=100,2,100,mse,Infinity"));
    assertTrue(lines.contains("rnn seq_len=100,2,200,mse,NaN"));
  }

  @Test
  void sameInputsGiveByteIdenticalTextFiles() throws IOException {
    List<String> files =
        List.of("summary.csv", "curves.csv.xz", "tests.csv", "diverged.csv", "trials.csv", "README.md", "index.html",
            "report.json", "trials.jsonl.xz");
    Path again = tmp.resolve("elsewhere/toy-sweep");
    Reporter.write(results.plan(), Fixture.CHARTS, results.dir(), again);
    for (String f : files) {
      assertArrayEquals(Files.readAllBytes(report.resolve(f)), Files.readAllBytes(again.resolve(f)), f);
    }
    // Over an existing report (the REPLACE_EXISTING path of the atomic writes) as well.
    Reporter.write(results.plan(), Fixture.CHARTS, results.dir(), again);
    for (String f : files) {
      assertArrayEquals(Files.readAllBytes(report.resolve(f)), Files.readAllBytes(again.resolve(f)), f);
    }
    assertEquals(expectedFiles(), list(again), "rewriting leaves no temporary file behind");
  }

  @Test
  void pngOnlyWritesNoVectorFilesRemovesEarlierOnesAndLinksNone() throws IOException {
    Path dir = tmp.resolve("png-only/toy-sweep");
    Reporter.write(results.plan(), Fixture.CHARTS, results.dir(), dir); // all formats first
    Reporter.writeReport(results.plan(), Fixture.CHARTS, java.util.Set.of(ChartFormat.PNG), results.dir(), dir);
    assertEquals(expectedFiles().stream().filter(f -> !f.endsWith(".svg") && !f.endsWith(".pdf")).toList(),
        list(dir));
    String page = Files.readString(dir.resolve("index.html")) + Files.readString(dir.resolve("README.md"));
    assertFalse(page.contains(".svg") || page.contains(".pdf"), "no link to a file that is not there");
    assertTrue(Files.readString(report.resolve("README.md")).contains("[SVG](final_mse.svg) \u00b7 [PDF](final_mse.pdf)"));
  }

  @Test
  void atomicWritesLeaveOnlyTheReportFiles() throws IOException {
    assertEquals(expectedFiles(), list(report));
  }

  private static List<String> expectedFiles() {
    return List.of("README.md", "curve_seq_len-100.pdf", "curve_seq_len-100.png", "curve_seq_len-100.svg",
        "curve_seq_len-50.pdf", "curve_seq_len-50.png", "curve_seq_len-50.svg", "curves.csv.xz",
        "diverged.csv", "final_mse.pdf", "final_mse.png", "final_mse.svg", "index.html", "report.json", "summary.csv",
        "tables", "tests.csv", "trials.csv", "trials.jsonl.xz");
  }

  private static List<String> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void reportInsideTheResultsDirectoryIsNotMistakenForATrial() throws IOException {
    Fixture.Run res = Fixture.sweep(tmp.resolve("inside/results"));
    Path rep = res.dir().resolve("report");
    Reporter.write(res.plan(), Fixture.CHARTS, res.dir(), rep);
    Reporter.write(res.plan(), Fixture.CHARTS, res.dir(), rep); // the second run sees the first report's files
    String readme = Files.readString(rep.resolve("README.md"));
    assertFalse(readme.contains("| report |"), readme);
    assertArrayEquals(
        Files.readAllBytes(report.resolve("summary.csv")), Files.readAllBytes(rep.resolve("summary.csv")));
  }

  private static Map<String, CSVRecord> summaryByGroup(String metric) throws IOException {
    Map<String, CSVRecord> out = new TreeMap<>();
    for (CSVRecord r : csv("summary.csv")) {
      if (r.get("metric").equals(metric)) {
        out.put(r.get("group"), r);
      }
    }
    return out;
  }

  static List<CSVRecord> csv(String name) throws IOException {
    return csv(report.resolve(name));
  }

  static List<CSVRecord> csv(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file)) {
      return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in).getRecords();
    }
  }

  /** CSV numbers carry 10 significant digits. */
  static void assertClose(double expected, String actual) {
    assertEquals(expected, Double.parseDouble(actual), Math.abs(expected) * 1e-9 + 1e-15, actual);
  }
}
