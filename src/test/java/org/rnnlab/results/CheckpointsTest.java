package org.rnnlab.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trial's checkpoints: atomic, checksummed, two kept, damage found and reported in one line. */
class CheckpointsTest {
  static final String FP = "0123456789abcdef0123456789abcdef";
  @TempDir Path dir;

  static byte[] state(int seed, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (seed * 31 + i * 7);
    }
    return b;
  }

  List<String> files(Checkpoints c) throws Exception {
    try (Stream<Path> s = Files.list(c.dir())) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void writesUnderTheHiddenCheckpointDirectoryAndKeepsTheTwoNewest() throws Exception {
    Checkpoints c = new Checkpoints(dir, "t1");
    assertNull(c.scan(FP).newest(), "nothing yet: from scratch");
    c.write(1000, FP, state(1, 50));
    c.write(2000, FP, state(2, 60));
    c.write(3000, FP, state(3, 70));
    assertEquals(dir.resolve(".checkpoints").resolve("t1"), c.dir());
    assertEquals(List.of("update-000000002000.ckpt", "update-000000003000.ckpt"), files(c));
    Checkpoints.Scan s = c.scan(FP);
    assertEquals(3000, s.newest().update());
    assertArrayEquals(state(3, 70), s.newest().state());
    assertEquals(List.of(3000L, 2000L), s.usable().stream().map(Checkpoints.Checkpoint::update).toList());
    assertTrue(s.rejected().isEmpty());
  }

  @Test
  void aDamagedNewestFallsBackToThePreviousWithOneLine() throws Exception {
    Checkpoints c = new Checkpoints(dir, "t1");
    c.write(1000, FP, state(1, 50));
    Path newest = c.write(2000, FP, state(2, 50));
    byte[] b = Files.readAllBytes(newest);
    b[b.length - 3] ^= 1; // one flipped bit in the state
    Files.write(newest, b);
    Checkpoints.Scan s = c.scan(FP);
    assertEquals(1000, s.newest().update());
    assertArrayEquals(state(1, 50), s.newest().state());
    assertEquals(1, s.rejected().size());
    assertEquals("checkpoint " + newest + " is damaged (its content does not match its SHA-256: truncated or "
        + "changed); restarting from update 1000", s.rejected().get(0).line(s.newest().update()));
  }

  @Test
  void everyTruncationAndEveryFlippedByteIsFound() throws Exception {
    Checkpoints c = new Checkpoints(dir, "t1");
    Path f = c.write(7, FP, state(4, 40));
    byte[] good = Files.readAllBytes(f);
    for (int n = 0; n < good.length; n++) {
      assertTrue(Checkpoints.check(Arrays.copyOf(good, n), 7, FP) != null, "prefix " + n);
    }
    for (int i = 0; i < good.length; i++) {
      byte[] bad = good.clone();
      bad[i] ^= 0x10;
      assertTrue(Checkpoints.check(bad, 7, FP) != null, "byte " + i);
    }
    assertNull(Checkpoints.check(good, 7, FP));
  }

  @Test
  void aCheckpointOfAnotherCodeVersionSaysSo() throws Exception {
    byte[] b = Checkpoints.encode(3, "abc123 v1", state(1, 4));
    assertEquals("written for another config or code: the same config, written by code v1, this run is v2",
        Checkpoints.check(b, 3, "abc123 v2"));
  }

  @Test
  void bothDamagedMeansFromScratchAndAnotherConfigsIsStale() throws Exception {
    Checkpoints c = new Checkpoints(dir, "t1");
    Path older = c.write(1000, "another-config-sha", state(1, 10));
    Path newest = c.write(2000, FP, state(2, 10));
    Files.write(newest, new byte[0]); // e.g. a crash of the machine right after the rename
    Checkpoints.Scan s = c.scan(FP);
    assertNull(s.newest());
    assertEquals(List.of(
        "checkpoint " + newest + " is damaged (empty); restarting from scratch",
        "checkpoint " + older + " is stale (written for another config or code: another-conf, this trial's is 0123456789ab); "
            + "restarting from scratch"),
        s.rejected().stream().map(r -> r.line(null)).toList());
    assertTrue(s.rejected().get(1).stale());
  }

  @Test
  void aCheckpointRenamedToAnotherUpdateIsRefused() throws Exception {
    Checkpoints c = new Checkpoints(dir, "t1");
    Path f = c.write(1000, FP, state(1, 10));
    Files.move(f, c.dir().resolve(Checkpoints.fileName(5000)));
    Checkpoints.Scan s = c.scan(FP);
    assertNull(s.newest());
    assertEquals("holds update 1000 but is named for update 5000", s.rejected().get(0).reason());
  }

  @Test
  void aNewCheckpointRemovesThoseOfAFutureThatWasSkipped() throws Exception {
    Checkpoints c = new Checkpoints(dir, "t1");
    c.write(1000, FP, state(1, 10));
    c.write(2000, FP, state(2, 10));
    c.write(3000, FP, state(3, 10));
    // 3000 damaged, the run resumed from 2000 and now writes 2500: 3000 must not stay "newest"
    c.write(2500, FP, state(4, 10));
    assertEquals(List.of("update-000000002000.ckpt", "update-000000002500.ckpt"), files(c));
    assertEquals(2500, c.scan(FP).newest().update());
  }

  @Test
  void deadWritersTemporariesAreCleanedAndIgnored() throws Exception {
    Checkpoints c = new Checkpoints(dir, "t1");
    c.write(1000, FP, state(1, 10));
    Path tmp = c.dir().resolve(".tmp-update-000000002000.ckpt." + Temporaries.HOST + ".999999999.1");
    Files.write(tmp, new byte[] {1, 2, 3});
    assertEquals(1000, c.scan(FP).newest().update());
    assertFalse(Files.exists(tmp));
  }

  @Test
  void writingTheTrialsResultRemovesItsCheckpoints() throws Exception {
    Checkpoints c = new Checkpoints(dir, "t1");
    c.write(1000, FP, state(1, 10));
    Checkpoints other = new Checkpoints(dir, "t2");
    other.write(1000, FP, state(1, 10));
    new ResultsStore(dir).writeTrial(ResultsStoreTest.result("t1", "abc"), "{}\n", ResultsStoreTest.curve(), List.of());
    assertFalse(Files.exists(c.dir()));
    assertEquals(1000, other.scan(FP).newest().update(), "another trial's are untouched");
    assertEquals(List.of("t1"), new ResultsStore(dir).trialDirectories(), "checkpoints are not a trial directory");
  }
}
