package org.rnnlab.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicWriteTest {
  @TempDir Path dir;

  @Test
  void replacesTheTargetAndLeavesNothingElse() throws IOException {
    Path target = dir.resolve("a.csv");
    AtomicWrite.writeString(target, "old\n");
    AtomicWrite.writeString(target, "new\n");
    assertEquals("new\n", Files.readString(target));
    assertEquals(List.of("a.csv"), names());
  }

  @Test
  void aFailedMoveRemovesItsTemporaryFile() throws IOException {
    // A non-empty directory in the way: the final rename must fail.
    Path target = dir.resolve("blocked");
    Files.createDirectories(target.resolve("child"));
    assertThrows(IOException.class, () -> AtomicWrite.writeString(target, "x"));
    assertEquals(List.of("blocked"), names());
  }

  @Test
  void filesTakeTheUmaskLikeAnyOtherNewFileNotOwnerOnly() throws IOException {
    Path plain = Files.createFile(dir.resolve("plain"));
    Path ours = dir.resolve("ours");
    AtomicWrite.writeString(ours, "x");
    Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
    assertEquals(expected, Files.getPosixFilePermissions(ours));
  }

  @Test
  void onlyTemporariesOfEndedProcessesOfThisHostAreCleaned() throws IOException {
    long dead = deadPid();
    String host = Temporaries.host();
    Path mineAlive = Files.createFile(dir.resolve(AtomicWrite.temporaryName("a")));
    Path deadOne = Files.createDirectories(dir.resolve(".tmp-t1.x." + host + "." + dead + ".1"));
    Files.createFile(deadOne.resolve("inside"));
    Path otherHost = Files.createFile(dir.resolve(".tmp-b." + "elsewhere-node7." + dead + ".1"));
    Path notOurs = Files.createFile(dir.resolve(".hidden"));
    assertEquals(1, Temporaries.clean(dir));
    assertTrue(Files.exists(mineAlive), "a live process's temporary stays");
    assertFalse(Files.exists(deadOne), "a dead process's temporary (with a dotted trial name) goes");
    assertTrue(Files.exists(otherHost), "another host's temporary stays: its process may be alive there");
    assertTrue(Files.exists(notOurs));
  }

  /** A pid no process has here (the highest possible ones are not in use on a test machine). */
  static long deadPid() {
    for (long pid = 4_194_000; pid > 4_000_000; pid--) {
      if (ProcessHandle.of(pid).isEmpty()) {
        return pid;
      }
    }
    throw new IllegalStateException("no free pid found");
  }

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
