package org.rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A metric no seed of a group measured shows as "—", never "— (0)" (sample sd: 0.1 and 0.3 give 0.141). */
class NoPaddingTest {
  @TempDir Path tmp;

  @Test
  void anUnmeasuredMetricIsADashAlone() {
    assertEquals("—", ReportBuilder.allMetricsCell(Stats.of(new double[0]), 3));
    assertEquals("0.200 ± 0.141 (2)", ReportBuilder.allMetricsCell(Stats.of(new double[] {0.1, 0.3}), 3));
    assertEquals("0.200 ± 0.141", ReportBuilder.allMetricsCell(Stats.of(new double[] {0.1, 0.3}), 2));
  }

  @Test
  void noReportOfTheFixturesPadsADash() throws IOException {
    for (String name : new String[] {"sweep", "factors", "noSweep"}) {
      Path results = tmp.resolve(name + "-results");
      Fixture.Run run = switch (name) {
        case "sweep" -> Fixture.everyMeasure(results);
        case "factors" -> Fixture.factors(results);
        default -> Fixture.noSweep(results);
      };
      Path report = tmp.resolve(name);
      Reporter.write(run.plan(), Fixture.CHARTS, run.dir(), report);
      for (String file : new String[] {"README.md", "index.html"}) {
        String text = Files.readString(report.resolve(file));
        assertFalse(text.matches("(?s).*—\\s*\\(0\\).*"), name + "/" + file + " has a padded dash");
      }
    }
  }
}
