package org.rnnlab.results;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes files so that a reader (a report during a run, a browser, a second process) never sees a
 * half-written one: the bytes go to a temporary file in the same directory, renamed over the
 * target in one step. Temporaries are named {@code .tmp-NAME.HOST.PID.N}, so that a cleaner can
 * tell whether their writer is still alive ({@link Temporaries}); files take the process umask
 * (never owner-only), so colleagues can read shared results and reports.
 */
public final class AtomicWrite {
  /** Prefix of every temporary this project writes. */
  public static final String TEMP_PREFIX = ".tmp-";
  private static final AtomicLong COUNTER = new AtomicLong();

  private AtomicWrite() {}

  /** Atomically replaces {@code target} with {@code text} in UTF-8. */
  public static void writeString(Path target, String text) throws IOException {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Atomically replaces {@code target} with {@code bytes}. */
  public static void write(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve(temporaryName(target.getFileName().toString()));
    try {
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        out.write(bytes);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  /** A fresh temporary name for {@code name} owned by this process: {@code .tmp-NAME.HOST.PID.N}. */
  public static String temporaryName(String name) {
    return TEMP_PREFIX + name + "." + Temporaries.HOST + "." + ProcessHandle.current().pid() + "."
        + COUNTER.incrementAndGet();
  }
}
