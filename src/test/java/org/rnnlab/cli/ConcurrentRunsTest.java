package org.rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two `rnnlab run`s of one experiment started at the same moment in two JVMs, as two users of a
 * shared machine would: both finish, every trial is computed by exactly one of them, and neither
 * deletes the other's temporaries.
 */
class ConcurrentRunsTest {
  static final String SPEC = """
      {"description": "Two runs at once.", "task": {"type": "adding", "seq_len": 20},
       "model": {"cell": {"type": "lstm"}, "hidden_size": 8},
       "training": {"type": "bptt", "optimizer": {"type": "adam", "lr": 0.01}, "batch_size": 8, "steps": 60},
       "evaluation": {"every": 20, "test_size": 50}, "seeds": 3, "root_seed": 3,
       "variants": {"rnn": {"model": {"cell": {"type": "elman"}}}, "lstm": {}},
       "report": {"main_metric": "mse", "charts": [{"type": "final_metric"}]}}
      """;
  private static final Pattern SUMMARY =
      Pattern.compile("(\\d+) trials: ran (\\d+), reused \\d+ \\((\\d+) already done, (\\d+) finished by another run\\)");

  @TempDir Path home;

  @Test
  void twoRunsAtOnceShareTheWorkAndComputeEveryTrialOnce() throws Exception {
    Files.createDirectories(home.resolve("experiments"));
    Files.writeString(home.resolve("experiments/twice.json"), SPEC);
    List<Process> ps = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ps.add(new ProcessBuilder(java(), "--add-modules", "jdk.incubator.vector", "-Drnnlab.home=" + home,
          "-cp", System.getProperty("java.class.path"), "org.rnnlab.cli.Main", "run", "twice", "--jobs", "1")
          .redirectErrorStream(true).redirectOutput(home.resolve("run" + i + ".log").toFile()).start());
    }
    int ran = 0;
    for (int i = 0; i < 2; i++) {
      assertTrue(ps.get(i).waitFor(120, TimeUnit.SECONDS), "run " + i + " finished");
      String log = Files.readString(home.resolve("run" + i + ".log"), StandardCharsets.UTF_8);
      assertEquals(0, ps.get(i).exitValue(), log);
      Matcher m = SUMMARY.matcher(log);
      assertTrue(m.find(), log);
      assertEquals(6, Integer.parseInt(m.group(2)) + Integer.parseInt(m.group(3)) + Integer.parseInt(m.group(4)), log);
      ran += Integer.parseInt(m.group(2));
      assertTrue(!log.contains("Exception"), log);
    }
    assertEquals(6, ran, "each of the 6 trials computed by exactly one run");
    String old = System.getProperty("rnnlab.home");
    System.setProperty("rnnlab.home", home.toString());
    try {
      assertEquals(0, MainTest.run("report", "twice").code());
    } finally {
      if (old == null) {
        System.clearProperty("rnnlab.home");
      } else {
        System.setProperty("rnnlab.home", old);
      }
    }
    String readme = Files.readString(home.resolve("reports/twice/README.md"));
    assertTrue(readme.contains("6 planned: 6 ok, 0 diverged, 0 missing"), readme);
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
