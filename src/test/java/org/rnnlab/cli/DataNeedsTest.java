package org.rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.data.DataDir;
import org.rnnlab.data.DatasetFixture;

/**
 * A run of an experiment on data that is not fetched fetches it first (one line saying so) and then runs;
 * --offline refuses in one line naming the dataset and the fetch command, writing nothing; validate needs
 * no data but still refuses damaged data. The fetch is a stand-in that writes a small sunspots CSV in the
 * real format (tests never download).
 */
class DataNeedsTest {
  static final String SPEC = """
      {"description": "Sunspots fetch test.",
       "task": {"type": "sunspots"},
       "model": {"type": "esn", "hidden_size": 10},
       "training": {"type": "ridge", "washout": 5},
       "evaluation": {"track": ["test"]},
       "seeds": 1, "root_seed": 3,
       "report": {"main_metric": "nrmse"}}
      """;

  @TempDir Path home;
  private String oldHome;
  private final List<String> fetched = new ArrayList<>();
  private final List<AutoCloseable> pins = new ArrayList<>();
  private DataNeeds.Fetcher oldFetcher;

  @BeforeEach
  void project() throws IOException {
    oldHome = MainTest.useHome(home);
    Files.writeString(home.resolve("experiments/spots.json"), SPEC);
    System.setProperty("rnnlab.data", home.resolve("data").toString());
    oldFetcher = DataNeeds.fetcher;
    DataNeeds.fetcher = s -> {
      fetched.add(s.name());
      Path dir = Files.createDirectories(DataDir.of(s.name()));
      StringBuilder csv = new StringBuilder("\"YEAR\",\"SUNACTIVITY\"\n");
      for (int i = 0; i < 150; i++) {
        csv.append(1700 + i).append(',').append(50 + 40 * Math.sin(i * 0.55) + i % 7).append('\n');
      }
      Files.writeString(dir.resolve("sunspots.csv"), csv);
      pins.add(DatasetFixture.seal(dir, s.name()));
    };
  }

  @AfterEach
  void restore() throws Exception {
    DataNeeds.fetcher = oldFetcher;
    System.clearProperty("rnnlab.data");
    for (AutoCloseable p : pins) {
      p.close();
    }
    MainTest.restoreHome(oldHome);
  }

  @Test
  void aRunFetchesTheMissingDatasetOnceWithOneLineThenRuns() {
    MainTest.Outcome o = MainTest.run("run", "spots", "--jobs", "1");
    assertEquals(0, o.code(), o.err());
    assertEquals(List.of("sunspots"), fetched);
    List<String> said = o.err().lines().filter(l -> l.contains("fetching")).toList();
    assertEquals(1, said.size(), o.err());
    assertTrue(said.get(0).startsWith("rnnlab: spots needs dataset sunspots, which is not in "), said.get(0));
    assertTrue(o.out().contains("ran 1, reused 0"), o.out());

    MainTest.Outcome again = MainTest.run("run", "spots", "--jobs", "1");
    assertEquals(0, again.code(), again.err());
    assertEquals(List.of("sunspots"), fetched, "an intact dataset is not fetched again");
    assertFalse(again.err().contains("fetching"), again.err());
  }

  @Test
  void offlineRefusesInOneLineNamingTheDatasetAndTheFetchCommandAndWritesNothing() {
    MainTest.Outcome o = MainTest.run("run", "spots", "--offline");
    assertEquals(2, o.code(), o.err());
    assertEquals(1, o.err().lines().count(), o.err());
    assertTrue(o.err().contains("needs dataset sunspots"), o.err());
    assertTrue(o.err().contains("fetch it with: ./rnnlab data fetch sunspots"), o.err());
    assertTrue(fetched.isEmpty());
    assertFalse(Files.exists(home.resolve("results")), "nothing written");
    assertFalse(Files.exists(home.resolve("data/sunspots")), "nothing fetched");
  }

  @Test
  void validateNeedsNoDataButRefusesDamagedData() throws Exception {
    Path spec = home.resolve("experiments/spots.json");
    MainTest.Outcome o = MainTest.run("validate", spec.toString());
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().contains("needs dataset sunspots, not fetched yet"), o.out());
    assertTrue(fetched.isEmpty(), "validate never fetches");

    DataNeeds.fetcher.fetch(org.rnnlab.data.Datasets.get("sunspots"));
    assertEquals(0, MainTest.run("validate", spec.toString()).code());
    Files.writeString(home.resolve("data/sunspots/sunspots.csv"), "\"YEAR\",\"SUNACTIVITY\"\n1700,5\n");
    MainTest.Outcome damaged = MainTest.run("validate", spec.toString());
    assertEquals(2, damaged.code(), damaged.out());
    assertTrue(damaged.err().contains("sunspots.csv"), damaged.err());
    MainTest.Outcome run = MainTest.run("run", "spots", "--jobs", "1");
    assertEquals(2, run.code(), run.err());
    assertEquals(1, fetched.size(), "damaged data is refused, never silently replaced");
  }
}
