package org.rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void replacesTheTargetAndLeavesNothingElse() throws IOException {
    Path target = dir.resolve("a.csv");
    AtomicFiles.writeString(target, "old\n");
    AtomicFiles.writeString(target, "new\n");
    assertEquals("new\n", Files.readString(target));
    assertEquals(List.of("a.csv"), names());
  }

  @Test
  void aFailedMoveRemovesItsTemporaryFile() throws IOException {
    // A non-empty directory in the way: the final rename must fail.
    Path target = dir.resolve("blocked");
    Files.createDirectories(target.resolve("child"));
    assertThrows(IOException.class, () -> AtomicFiles.writeString(target, "x"));
    assertEquals(List.of("blocked"), names());
  }

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
