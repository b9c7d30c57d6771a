package org.rnnlab.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rnnlab.results.Checksums;

/**
 * The files of a fetched dataset as a run reads them: its MANIFEST.sha256 must be the pinned one
 * ({@link DatasetSource#contentSha256()}), and every file is read once into memory and its SHA-256
 * compared with the manifest's line before a parser sees a byte. So a truncated, replaced or
 * edited file is refused ({@link DatasetException}, one line naming the file and the repair) and
 * nothing is computed on it, at the cost of one digest per byte read.
 *
 * <p>The digests of the files verified in this process are kept ({@link #verifiedDigests}) so
 * that a trial records what it read, also when the parsed data is shared with earlier trials.
 */
public final class DatasetFiles {
  /** Verified digests by absolute file path: what the data parsed in this process was. */
  private static final Map<Path, String> VERIFIED = Collections.synchronizedMap(new HashMap<>());
  /** Whole-dataset checks ({@link #check}) by dataset directory, valid while its files' sizes and times hold. */
  private static final Map<Path, Checked> CHECKED = Collections.synchronizedMap(new HashMap<>());

  private record Checked(List<String> stamp, String problem) {}

  private final DatasetSource source;
  private final Path dir;
  private final Map<String, String> manifest;

  private DatasetFiles(DatasetSource source, Path dir, Map<String, String> manifest) {
    this.source = source;
    this.dir = dir;
    this.manifest = manifest;
  }

  /** Dataset {@code name} in the data directory, its manifest checked against the pin. */
  public static DatasetFiles open(String name) {
    return open(name, DataDir.of(name));
  }

  /** Dataset {@code name} in {@code dir}, its manifest checked against the pin. */
  public static DatasetFiles open(String name, Path dir) {
    DatasetSource s = Datasets.get(name);
    if (s == null) {
      throw new DatasetException("unknown dataset \"" + name + "\"; datasets: " + Datasets.names());
    }
    Path mf = dir.resolve(Manifest.FILE);
    if (!Files.isRegularFile(mf)) {
      throw new DatasetException(Datasets.notFetched(s, dir.equals(DataDir.of(name)) ? DataDir.location()
          : dir.toString() + " (no " + Manifest.FILE + ")"));
    }
    String text;
    try {
      text = Files.readString(mf, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DatasetException(mf + ": cannot read it (" + e.getMessage() + "); fetch it again with: "
          + DatasetException.refetch(name), e);
    }
    if (!Checksums.sha256(text).equals(Datasets.pinnedContent(s))) {
      throw new DatasetException(mf + ": is not the pinned manifest of " + name + " " + s.version()
          + " (damaged or changed since it was fetched); fetch it again with: " + DatasetException.refetch(name));
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : text.lines().toList()) {
      // sha256sum's format: 64 hex digits, two spaces, the path (the pinned digest vouches for the syntax)
      m.put(line.substring(66), line.substring(0, 64));
    }
    return new DatasetFiles(s, dir, m);
  }

  /** The dataset's directory. */
  public Path dir() {
    return dir;
  }

  /** The paths (relative, '/'-separated) the manifest lists, sorted. */
  public List<String> files() {
    return List.copyOf(manifest.keySet());
  }

  /**
   * The bytes of file {@code rel}, after checking their SHA-256 against the manifest; a file the
   * manifest does not list, a missing file or one with other bytes is a {@link DatasetException}.
   */
  public byte[] read(String rel) {
    String want = manifest.get(rel);
    Path f = dir.resolve(rel);
    if (want == null) {
      throw new DatasetException(f + ": not a file of dataset " + source.name() + " (its manifest lists "
          + manifest.size() + " files)");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(f);
    } catch (NoSuchFileException e) {
      throw new DatasetException(f + ": missing (dataset " + source.name() + " is incomplete); fetch it again "
          + "with: " + DatasetException.refetch(source.name()), e);
    } catch (IOException e) {
      throw new DatasetException(f + ": cannot read it (" + e.getMessage() + "); fetch it again with: "
          + DatasetException.refetch(source.name()), e);
    }
    MessageDigest d = Checksums.digest();
    d.update(bytes);
    String got = Checksums.hex(d);
    if (!got.equals(want)) {
      throw damaged(f, got, want);
    }
    VERIFIED.put(f.toAbsolutePath().normalize(), got);
    return bytes;
  }

  /**
   * A file of this dataset that has its pinned bytes but does not parse ({@code e}'s one-line message
   * names it and where): as one line that says how to repair it.
   */
  public DatasetException malformed(IOException e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
    return new DatasetException(m + " (dataset " + source.name() + "; fetch it again with: "
        + DatasetException.refetch(source.name()) + ")", e);
  }

  private DatasetException damaged(Path f, String got, String want) {
    return new DatasetException(f + ": damaged or changed since it was fetched (SHA-256 " + got.substring(0, 12)
        + "..., pinned " + want.substring(0, 12) + "...); nothing was computed on it; fetch it again with: "
        + DatasetException.refetch(source.name()));
  }

  /**
   * Null if dataset {@code name} is fetched and every file its manifest lists has the pinned digest,
   * else one line naming the first problem (a file and the repair). Streams every file once, and is
   * remembered while no file's size or modification time changes, so planning many trials costs one pass.
   */
  public static String check(String name) {
    DatasetSource s = Datasets.get(name);
    if (s == null) {
      return "unknown dataset \"" + name + "\"; datasets: " + Datasets.names();
    }
    Path dir = DataDir.of(name);
    Path key = dir.toAbsolutePath().normalize();
    List<String> stamp = stamp(dir);
    Checked c = CHECKED.get(key);
    if (c != null && c.stamp().equals(stamp)) {
      return c.problem();
    }
    String problem;
    try {
      DatasetFiles files = open(name, dir);
      problem = null;
      for (String rel : files.files()) {
        Path f = dir.resolve(rel);
        if (!Files.isRegularFile(f)) {
          problem = f + ": missing (dataset " + name + " is incomplete); fetch it again with: "
              + DatasetException.refetch(name);
          break;
        }
        String got = Manifest.fileSha256(f);
        if (!got.equals(files.manifest.get(rel))) {
          problem = files.damaged(f, got, files.manifest.get(rel)).getMessage();
          break;
        }
      }
    } catch (DatasetException e) {
      problem = e.getMessage();
    } catch (IOException e) {
      problem = dir + ": cannot read it (" + e.getMessage() + "); fetch it again with: "
          + DatasetException.refetch(name);
    }
    CHECKED.put(key, new Checked(stamp, problem));
    return problem;
  }

  /** Path, size and modification time of every file below {@code dir}: what a cached check is valid for. */
  private static List<String> stamp(Path dir) {
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted().toList()) {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        if (a.isRegularFile()) {
          out.add(dir.relativize(p) + " " + a.size() + " " + a.lastModifiedTime().toMillis() + " " + a.fileKey());
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      out.add("unreadable " + System.nanoTime()); // never equal: check again
    }
    return out;
  }

  /**
   * The SHA-256 of every file of dataset {@code name} (in the data directory) that this process
   * read and verified, by path relative to the dataset's directory, sorted; empty if none.
   */
  public static Map<String, String> verifiedDigests(String name) {
    Path dir = DataDir.of(name).toAbsolutePath().normalize();
    Map<String, String> out = new TreeMap<>();
    synchronized (VERIFIED) {
      VERIFIED.forEach((p, sha) -> {
        if (p.startsWith(dir)) {
          out.put(dir.relativize(p).toString().replace('\\', '/'), sha);
        }
      });
    }
    return out;
  }
}
