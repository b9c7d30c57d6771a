package org.rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir
  Path tmp;

  @Test
  void invalidSpecExitsWithTwoAndOneLinePerProblem() throws Exception {
    Path bad = tmp.resolve("bad.json");
    Files.writeString(bad, """
        {"description": "x", "task": {"type": "adding", "seq_len": 10},
         "model": {"cell": {"type": "lstn"}, "hidden_size": 0},
         "training": {"optimizer": {"type": "sgd", "lr": 0.1}, "batch_size": 4, "steps": 1},
         "evaluation": {"every": 1, "test_size": 4}, "seeds": 1, "root_seed": 1,
         "report": {"main_metric": "mse"}}
        """);
    PrintStream oldErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = Main.execute("validate", bad.toString());
    } finally {
      System.setErr(oldErr);
    }
    String text = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, code, text);
    assertTrue(text.contains(bad + ": /model/cell/type: \"lstn\" is not one of [elman, gru, lstm]"), text);
    assertTrue(text.contains("/model/hidden_size"), text);
    assertTrue(!text.contains("Exception") && !text.contains("\tat "), "no stack trace: " + text);
  }

  @Test
  void everySubcommandHasHelp() {
    for (String cmd : new String[] {"list", "validate", "run", "report", "verify", "schema"}) {
      assertEquals(0, Main.execute(cmd, "--help"), cmd);
    }
  }
}
