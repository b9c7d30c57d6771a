package org.rnnlab.results;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Removes what interrupted writers left behind, and only that: a temporary
 * ({@code .tmp-NAME.HOST.PID.N}) is deleted when it was written on this host by a process that no
 * longer runs. A temporary of a live process, or of another host (a cluster's shared file system),
 * is left alone.
 */
public final class Temporaries {
  /** This host's name without dots (dots separate the parts of a temporary's name). */
  static final String HOST = hostName();

  private Temporaries() {}

  /** Deletes the dead temporaries directly inside {@code dir}; returns how many. */
  public static int clean(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int n = 0;
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        if (isDead(p.getFileName().toString())) {
          deleteTree(p);
          n++;
        }
      }
    }
    return n;
  }

  /** Whether {@code name} is a temporary of a process of this host that has ended. */
  static boolean isDead(String name) {
    if (!name.startsWith(AtomicWrite.TEMP_PREFIX)) {
      return false;
    }
    String[] parts = name.split("\\.");
    if (parts.length < 4) {
      return false;
    }
    String host = parts[parts.length - 3];
    long pid;
    try {
      pid = Long.parseLong(parts[parts.length - 2]);
    } catch (NumberFormatException e) {
      return false;
    }
    if (!host.equals(HOST)) {
      return false;
    }
    Optional<ProcessHandle> p = ProcessHandle.of(pid);
    return p.isEmpty() || !p.get().isAlive();
  }

  /** Deletes a file or a directory tree, ignoring what is already gone. */
  public static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }

  /** The kernel's host name (no DNS lookup: that can hang on a closed network), else the JVM's. */
  private static String hostName() {
    String h;
    try {
      h = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    } catch (IOException | RuntimeException e) {
      try {
        h = InetAddress.getLocalHost().getHostName();
      } catch (IOException e2) {
        h = "localhost";
      }
    }
    h = h.replaceAll("[^A-Za-z0-9-]", "-");
    return h.isEmpty() ? "localhost" : h;
  }

  /** This host's name as it appears in temporaries and provenance. */
  public static String host() {
    return HOST;
  }
}
