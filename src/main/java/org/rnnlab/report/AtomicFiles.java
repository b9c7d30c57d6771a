package org.rnnlab.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes files so that readers (a browser, a CI artefact upload, a concurrent {@code make})
 * never see a half-written report: the bytes go to a temporary file in the same directory,
 * which is then renamed over the target in one step.
 */
final class AtomicFiles {
  /** Prefix of temporary files; a leftover one can only come from a killed JVM. */
  static final String TEMP_PREFIX = ".tmp-";

  private static final AtomicLong COUNTER = new AtomicLong();

  private AtomicFiles() {}

  /** Atomically replaces {@code target} with {@code text} encoded as UTF-8. */
  static void writeString(Path target, String text) throws IOException {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Atomically replaces {@code target} with {@code bytes}. */
  static void write(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    // Same directory as the target: a rename across file systems would not be atomic.
    // Not Files.createTempFile: it makes the file owner-only (0600), and the report is meant
    // to be served and shared, so the temp file takes the umask like any other new file.
    Path tmp =
        dir.resolve(
            TEMP_PREFIX
                + target.getFileName()
                + "."
                + ProcessHandle.current().pid()
                + "."
                + COUNTER.incrementAndGet()
                + ".tmp");
    try {
      try (OutputStream out =
          Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        out.write(bytes);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }
}
