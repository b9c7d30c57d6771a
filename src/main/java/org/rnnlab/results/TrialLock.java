package org.rnnlab.results;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lock on one trial while it is computed and written, so that concurrent runs (processes on
 * one machine, or array tasks on a cluster's shared file system) never do a trial twice. An OS
 * file lock: it is released when its process dies, so a killed run blocks nobody. Threads of one
 * JVM are told apart through a set of held paths, because the OS lock is per process. Where the
 * file system has no locks, {@link #tryAcquire} returns an unlocked handle and writers rely on the
 * atomic rename of a complete trial directory instead.
 */
public final class TrialLock implements AutoCloseable {
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
  private static volatile boolean locksUnsupported;
  private final Path path;
  private final FileChannel channel;
  private final FileLock lock;

  private TrialLock(Path path, FileChannel channel, FileLock lock) {
    this.path = path;
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock at {@code path} if nobody holds it, else null. */
  public static TrialLock tryAcquire(Path path) throws IOException {
    Path key = path.toAbsolutePath().normalize();
    if (!HELD.add(key)) {
      return null;
    }
    FileChannel ch = null;
    try {
      Files.createDirectories(key.getParent());
      ch = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = locksUnsupported ? null : ch.tryLock();
        if (l == null && !locksUnsupported) {
          ch.close();
          HELD.remove(key);
          return null;
        }
      } catch (OverlappingFileLockException e) {
        ch.close();
        HELD.remove(key);
        return null;
      } catch (IOException e) {
        locksUnsupported = true; // e.g. NFS without a lock daemon: fall back to atomic renames
        l = null;
      }
      return new TrialLock(key, ch, l);
    } catch (IOException | RuntimeException e) {
      if (ch != null) {
        ch.close();
      }
      HELD.remove(key);
      throw e;
    }
  }

  /** Waits for the lock at {@code path}, polling every {@code pollMillis}. */
  public static TrialLock acquire(Path path, long pollMillis) throws IOException, InterruptedException {
    while (true) {
      TrialLock l = tryAcquire(path);
      if (l != null) {
        return l;
      }
      Thread.sleep(pollMillis);
    }
  }

  /** Whether somebody (this JVM or another process) holds the lock at {@code path} now. */
  public static boolean isHeld(Path path) throws IOException {
    if (!Files.exists(path)) {
      return false;
    }
    TrialLock l = tryAcquire(path);
    if (l == null) {
      return true;
    }
    l.close();
    return false;
  }

  @Override
  public void close() throws IOException {
    try {
      if (lock != null && lock.isValid()) {
        lock.release();
      }
    } finally {
      channel.close();
      HELD.remove(path);
    }
  }
}
