package org.rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rnnlab sample}: every bad input is one line, exit 2, and nothing is written. */
class SampleCmdTest {
  static final String SPEC = """
      {"description": "Tiny.", "task": {"type": "adding", "seq_len": 6},
       "model": {"cell": {"type": "elman"}, "hidden_size": 3},
       "training": {"type": "bptt", "optimizer": {"type": "sgd", "lr": 0.1}, "batch_size": 4, "steps": 2 KEEP},
       "evaluation": {"every": 1, "test_size": 4}, "seeds": 1, "root_seed": 1,
       "report": {"main_metric": "mse"}}
      """;

  @TempDir
  Path home;
  private String oldHome;

  @BeforeEach
  void project() throws IOException {
    oldHome = MainTest.useHome(home);
    Files.writeString(home.resolve("experiments/tiny.json"), SPEC.replace(" KEEP", ""));
    Files.writeString(home.resolve("experiments/nomodel.json"), SPEC.replace(" KEEP", ", \"keep_model\": \"none\""));
  }

  @AfterEach
  void restore() {
    MainTest.restoreHome(oldHome);
  }

  private List<String> tree() throws IOException {
    try (Stream<Path> s = Files.walk(home)) {
      return s.map(p -> home.relativize(p) + (Files.isDirectory(p) ? "/" : " " + p.toFile().length()))
          .sorted().collect(Collectors.toList());
    }
  }

  /** Runs sample, expects exit 2 and exactly {@code message} on one line of stderr, and no file changed. */
  private void refused(String message, String... args) throws IOException {
    List<String> before = tree();
    String[] all = new String[args.length + 1];
    all[0] = "sample";
    System.arraycopy(args, 0, all, 1, args.length);
    MainTest.Outcome o = MainTest.run(all);
    assertEquals(2, o.code(), o.err());
    assertEquals("rnnlab: " + message + "\n", o.err().replace("\r\n", "\n"));
    assertEquals("", o.out());
    assertEquals(before, tree(), "nothing written");
  }

  @Test
  void badArgumentsAreRefusedBeforeAnythingIsRead() throws IOException {
    refused("--length must be >= 0, got -1", "tiny", "0", "--length", "-1");
    refused("--temperature must be a finite number >= 0 (0: greedy), got -0.5", "tiny", "0", "--length", "5",
        "--temperature", "-0.5");
    refused("--beam must be >= 1, got 0", "tiny", "0", "--length", "5", "--beam", "0");
    refused("--beam and --temperature exclude each other: beam search does not sample", "tiny", "0", "--length", "5",
        "--beam", "2", "--temperature", "0.5");
  }

  @Test
  void aTrialNotRunHasNothingToSampleFrom() throws IOException {
    List<String> before = tree();
    MainTest.Outcome o = MainTest.run("sample", "tiny", "0", "--length", "5");
    assertEquals(2, o.code());
    assertTrue(o.err().startsWith("rnnlab: trial ") && o.err().contains("has no result to sample from"), o.err());
    assertEquals(1, o.err().lines().count(), o.err());
    assertEquals(before, tree());
  }

  @Test
  void aTrialThatStoredNoModelIsRefused() throws IOException {
    assertEquals(0, MainTest.run("run", "nomodel", "--jobs", "1").code());
    String id = "base__s0";
    refused("trial " + id + " stored no model (keep_model none, or computed before rnnlab kept models)",
        "nomodel", "0", "--length", "5");
  }

  @Test
  void aTaskWithoutATokenVocabularyCannotBeSampled() throws IOException {
    assertEquals(0, MainTest.run("run", "tiny", "--jobs", "1").code());
    String id = "base__s0";
    refused("trial " + id + ": the task adding has no token vocabulary; only a language-model task can be sampled",
        "tiny", "0", "--length", "5", "--prime", "ab");
  }
}
