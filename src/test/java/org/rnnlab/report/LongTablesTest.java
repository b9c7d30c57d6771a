package org.rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables of every trial and every test go to CSV files the page links, once they are long. */
class LongTablesTest {
  @TempDir Path tmp;

  @Test
  void sixtySixTrialsAndTwoHundredThirtyOneTestsGoToLinkedCsvFiles() throws IOException {
    Fixture.Run run = Fixture.manyVariants(tmp.resolve("results"), 22);
    Path report = tmp.resolve("report");
    Reporter.write(run.plan(), List.of(new FinalMetricChart.Config(null)), run.dir(), report);
    String md = Files.readString(report.resolve(Reporter.README));
    String html = Files.readString(report.resolve(Reporter.INDEX));

    List<String> trials = Files.readAllLines(report.resolve(CsvFiles.TRIALS));
    assertEquals(1 + 66, trials.size(), "a header and every trial");
    assertTrue(trials.get(0).startsWith("trial,group,variant,seed_index,seed,status,diverged_at_step,"), trials.get(0));
    assertTrue(md.contains("](trials.csv)") && html.contains("href=\"trials.csv\""), "the pages link trials.csv");
    assertTrue(md.contains("66 trials with a result (66 ok)"), "the page says what the file holds");
    assertEquals(0, count(md, "global_norm_07__s1"), "no row per trial on the page");

    assertEquals(1 + 22 * 21 / 2, Files.readAllLines(report.resolve(CsvFiles.TESTS)).size());
    assertTrue(md.contains("](tests.csv)") && html.contains("href=\"tests.csv\""), "the pages link tests.csv");
    String tests = md.substring(md.indexOf("## Tests"), md.indexOf("## Charts"));
    long rows = tests.lines().filter(l -> l.startsWith("| global_norm_")).count();
    assertEquals(ReportBuilder.SHOWN_ROWS, rows, "the page shows the clearest comparisons only");
    assertTrue(md.lines().count() < 400, "a page a reader can scroll: " + md.lines().count() + " lines");
  }

  private static int count(String s, String what) {
    Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
