package org.rnnlab.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sizes that pass every range check but cannot fit in memory are refused at validate, one line each. */
class SizeCheckTest {
  @TempDir Path dir;

  private static final String SPEC = """
      {"description": "Sizes.",
       "task": {"type": "adding", "seq_len": SEQ},
       "model": {"cell": {"type": "lstm"}, "hidden_size": HIDDEN},
       "training": {"type": "bptt", "optimizer": {"type": "sgd", "lr": 0.1}, "batch_size": 4, "steps": 10},
       "evaluation": {"every": 5, "test_size": 8}, "seeds": 1, "root_seed": 1,
       "report": {"main_metric": "mse"}}
      """;

  private List<String> problems(String seq, String hidden) throws IOException {
    Path f = dir.resolve("sizes.json");
    Files.writeString(f, SPEC.replace("SEQ", seq).replace("HIDDEN", hidden));
    return assertThrows(SpecException.class, () -> TestTasks.PLANNER.plan(f, null)).lines();
  }

  @Test
  void aHugeHiddenSizeIsOneLineAtItsPointer() throws IOException {
    List<String> lines = problems("50", "1e9");
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith(dir.resolve("sizes.json") + ": /model/hidden_size: too large to run: the "
        + "recurrent weights of 1000000000 x 1000000000 alone need 6.9 EiB of memory, more than this JVM's maximum "
        + "heap of "), lines.get(0));
  }

  @Test
  void aHugeSequenceLengthIsOneLineAtTheTask() throws IOException {
    List<String> lines = problems("2e9", "64");
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).contains(": /task: too large to run: the states of one sequence of 2000000000 steps x "
        + "64 units alone need 953.7 GiB of memory"), lines.get(0));
  }

  @Test
  void ordinarySizesPass() throws IOException {
    Path f = dir.resolve("fine.json");
    Files.writeString(f, SPEC.replace("SEQ", "1000").replace("HIDDEN", "512"));
    assertEquals(1, TestTasks.PLANNER.plan(f, null).trials().size());
  }

  @Test
  void bytesAreShownInBinaryUnits() {
    assertEquals("512 B", SizeCheck.bytes(512));
    assertEquals("1.5 GiB", SizeCheck.bytes(1.5 * (1L << 30)));
  }
}
