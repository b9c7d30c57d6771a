package org.rnnlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.data.DatasetException;
import org.rnnlab.data.DatasetFixture;
import org.rnnlab.results.Checksums;
import org.rnnlab.results.ResultsJson;
import org.rnnlab.results.TrialResult;
import org.rnnlab.spec.ExperimentPlan;
import org.rnnlab.spec.Planner;

/**
 * A run on a dataset (a tiny generated sunspots CSV, sealed as if fetched): each trial's provenance
 * lists the SHA-256 of the file it read; a file damaged after planning stops the run with one line
 * and leaves no trial directory behind.
 */
class DatasetRunTest {
  static final String SPEC = """
      {"description": "Sunspots run test.",
       "task": {"type": "sunspots"},
       "model": {"type": "esn", "hidden_size": 10},
       "training": {"type": "ridge", "washout": 5},
       "evaluation": {"track": ["test"]},
       "seeds": 2, "root_seed": 3,
       "report": {"main_metric": "nrmse"}}
      """;

  @TempDir Path tmp;
  private AutoCloseable pin;

  @AfterEach
  void restore() throws Exception {
    System.clearProperty("rnnlab.data");
    if (pin != null) {
      pin.close();
    }
  }

  private Path sunspots() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("data/sunspots"));
    StringBuilder csv = new StringBuilder("\"YEAR\",\"SUNACTIVITY\"\n");
    for (int i = 0; i < 150; i++) {
      csv.append(1700 + i).append(',').append(50 + 40 * Math.sin(i * 0.55) + i % 7).append('\n');
    }
    Files.writeString(dir.resolve("sunspots.csv"), csv);
    pin = DatasetFixture.seal(dir, "sunspots");
    System.setProperty("rnnlab.data", tmp.resolve("data").toString());
    return dir.resolve("sunspots.csv");
  }

  private ExperimentPlan plan() throws Exception {
    Path spec = tmp.resolve("spots.json");
    Files.writeString(spec, SPEC);
    return Planner.standard().plan(spec);
  }

  @Test
  void eachTrialRecordsTheDigestOfTheDataItRead() throws Exception {
    Path csv = sunspots();
    ExperimentRunner.Summary s = new ExperimentRunner(tmp.resolve("results"), 1, false,
        new PrintStream(new ByteArrayOutputStream())).run(plan(), "test");
    assertEquals(2, s.ran());
    try (Stream<Path> results = Files.walk(s.resultsDir()).filter(p -> p.endsWith("result.json"))) {
      for (Path r : results.toList()) {
        TrialResult t = ResultsJson.mapper().readValue(r.toFile(), TrialResult.class);
        assertEquals(Map.of("sunspots/sunspots.csv", Checksums.sha256(Files.readAllBytes(csv))),
            t.provenance().dataSha256());
      }
    }
  }

  @Test
  void dataDamagedAfterPlanningIsRefusedInOneLineAndNoTrialIsWritten() throws Exception {
    Path csv = sunspots();
    ExperimentPlan plan = plan();
    Path results = tmp.resolve("results");
    ExperimentRunner runner = new ExperimentRunner(results, 2, false, new PrintStream(new ByteArrayOutputStream()));
    Path dir = ExperimentRunner.resultsDir(results, plan);
    runner.writePlan(plan, "test"); // plan.json of the intact data, as a cluster's submission writes it
    String intact = Files.readString(csv);
    Files.writeString(csv, intact.substring(0, 900)); // cut after planning
    // a run (which records the plan's baselines first) refuses before anything is written
    DatasetException e = assertThrows(DatasetException.class, () -> runner.run(plan, "test"));
    assertOneLine(e.getMessage(), csv);
    // an array task of the plan already written: refused when its trial reads the data
    TrialRunner.DataException d = assertThrows(TrialRunner.DataException.class, () -> runner.runOne(dir, 0));
    assertOneLine(d.getMessage(), csv);
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(java.util.List.of("plan.json"), files.map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith(".")).sorted().toList(), "no trial directory, no failure record");
    }
  }

  private static void assertOneLine(String message, Path file) {
    assertTrue(message.startsWith(file + ": damaged"), message);
    assertTrue(message.contains("./rnnlab data fetch sunspots --force"), message);
    assertFalse(message.contains("\n"), message);
  }
}
