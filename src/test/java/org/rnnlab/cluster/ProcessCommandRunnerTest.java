package org.rnnlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessCommandRunnerTest {
  final ProcessCommandRunner runner = new ProcessCommandRunner(Duration.ofSeconds(20));

  @Test
  void capturesBothStreamsAndTheExitStatus() throws IOException {
    CommandResult r = runner.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), null);
    assertEquals(new CommandResult(3, "out\n", "err\n"), r);
  }

  @Test
  void feedsStandardInput() throws IOException {
    assertEquals("#!/bin/bash\necho x\n", runner.run(List.of("cat"), "#!/bin/bash\necho x\n").stdout());
  }

  @Test
  void aLargeOutputOnBothStreamsDoesNotBlock() throws IOException {
    CommandResult r = runner.run(List.of("sh", "-c", "seq 100000; seq 100000 >&2"), null);
    assertEquals(100000, r.stdout().lines().count());
    assertEquals(100000, r.stderr().lines().count());
  }

  @Test
  void aMissingProgramCannotBeStarted() {
    assertThrows(IOException.class, () -> runner.run(List.of("no-such-program-rnnlab"), null));
  }

  @Test
  void aHungCommandIsKilledAfterTheTimeout() {
    ClusterException e = assertThrows(ClusterException.class,
        () -> new ProcessCommandRunner(Duration.ofMillis(300)).run(List.of("sleep", "30"), null));
    assertTrue(e.getMessage().contains("did not finish"), e.getMessage());
  }
}
