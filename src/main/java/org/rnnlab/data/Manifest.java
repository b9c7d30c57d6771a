package org.rnnlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.rnnlab.results.Checksums;

/**
 * MANIFEST.sha256 of an extracted dataset: one line {@code <sha256>  <path>} per file, sorted by
 * path, in sha256sum's format (so {@code sha256sum -c MANIFEST.sha256} checks it too). Its own
 * SHA-256 is the dataset's pinned content digest.
 */
public final class Manifest {
  /** The manifest's file name in a dataset directory. */
  public static final String FILE = "MANIFEST.sha256";

  private Manifest() {}

  /** The manifest text of every file below {@code dir} except the manifest itself. */
  public static String of(Path dir) throws IOException {
    List<String> paths = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        if (!rel.equals(FILE)) {
          paths.add(rel);
        }
      }
    }
    paths.sort(null);
    StringBuilder sb = new StringBuilder();
    for (String rel : paths) {
      sb.append(fileSha256(dir.resolve(rel))).append("  ").append(rel).append('\n');
    }
    return sb.toString();
  }

  /** The number of files a manifest lists. */
  public static int count(String manifest) {
    return (int) manifest.lines().count();
  }

  /** SHA-256 of a file, streamed. */
  public static String fileSha256(Path f) throws IOException {
    MessageDigest d = Checksums.digest();
    try (InputStream in = Files.newInputStream(f)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        d.update(buf, 0, n);
      }
    }
    return Checksums.hex(d);
  }
}
