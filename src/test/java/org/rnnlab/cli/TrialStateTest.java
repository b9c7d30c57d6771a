package org.rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.results.ResultsStore;
import org.rnnlab.results.TrialFailure;
import org.rnnlab.results.TrialLock;

/** status and show name a trial without a result the same way. */
class TrialStateTest {
  @Test
  void aLockedTrialIsRunningEvenIfAnEarlierAttemptFailed(@TempDir Path dir) throws Exception {
    ResultsStore store = new ResultsStore(dir);
    TrialFailure failed = new TrialFailure(TrialFailure.FORMAT, "t1", "sha", "boom", null);
    assertEquals("missing", StatusCmd.missingState(store, "t1", null));
    assertEquals("failed", StatusCmd.missingState(store, "t1", failed));
    try (TrialLock lock = store.tryLock("t1")) {
      assertEquals("running", StatusCmd.missingState(store, "t1", failed));
      assertEquals("running", StatusCmd.missingState(store, "t1", null));
    }
  }
}
