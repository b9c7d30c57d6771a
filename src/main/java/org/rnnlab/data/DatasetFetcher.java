package org.rnnlab.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.rnnlab.results.AtomicWrite;
import org.rnnlab.results.Checksums;
import org.rnnlab.results.Temporaries;

/**
 * Fetches a dataset with its package manager's own client into a temporary directory, checks the
 * archive's pinned SHA-256, extracts the kept files, checks their manifest's pinned digest and
 * only then renames the result into {@code data/NAME}: a corrupted or truncated download, or an
 * unexpected archive, is rejected with nothing left behind.
 */
public final class DatasetFetcher {
  /** Downloads a dataset's archive into a directory and returns its path. */
  public interface Downloader {
    Path download(DatasetSource source, Path into) throws IOException;
  }

  private final Path dataDir;
  private final Downloader downloader;

  /** A fetcher into {@code dataDir} that runs the package clients. */
  public DatasetFetcher(Path dataDir) {
    this(dataDir, DatasetFetcher::runClient);
  }

  /** A fetcher into {@code dataDir} with another downloader (tests). */
  public DatasetFetcher(Path dataDir, Downloader downloader) {
    this.dataDir = dataDir;
    this.downloader = downloader;
  }

  /** Fetches {@code source} into data/NAME, replacing what is there; throws with a one-line reason. */
  public void fetch(DatasetSource source) throws IOException {
    Files.createDirectories(dataDir);
    Temporaries.clean(dataDir);
    Path tmp = dataDir.resolve(AtomicWrite.temporaryName(source.name()));
    Files.createDirectory(tmp);
    try {
      Path archive = downloader.download(source, tmp);
      String sha = Manifest.fileSha256(archive);
      if (!sha.equals(source.archiveSha256())) {
        throw new IOException(source.name() + ": rejected " + archive.getFileName() + ": SHA-256 " + sha
            + " is not the pinned " + source.archiveSha256() + " (a corrupted, truncated or changed download); "
            + "nothing was kept");
      }
      Path out = tmp.resolve("out");
      Files.createDirectory(out);
      int n;
      try {
        n = Archives.extract(archive, source, out);
      } catch (IOException e) {
        throw new IOException(source.name() + ": cannot extract " + archive.getFileName() + ": " + e.getMessage()
            + "; nothing was kept", e);
      }
      String manifest = Manifest.of(out);
      String content = Checksums.sha256(manifest);
      if (n != source.files() || !content.equals(source.contentSha256())) {
        throw new IOException(source.name() + ": rejected: the " + n + " extracted files (manifest SHA-256 " + content
            + ") are not the pinned " + source.files() + " files (" + source.contentSha256() + "); nothing was kept");
      }
      Files.writeString(out.resolve(Manifest.FILE), manifest, StandardCharsets.UTF_8);
      install(out, dataDir.resolve(source.name()));
    } finally {
      Temporaries.deleteTree(tmp);
    }
  }

  private void install(Path out, Path target) throws IOException {
    if (Files.exists(target)) {
      Path old = dataDir.resolve(AtomicWrite.temporaryName(target.getFileName().toString()));
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      Files.move(out, target, StandardCopyOption.ATOMIC_MOVE);
      Temporaries.deleteTree(old);
    } else {
      Files.move(out, target, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /**
   * Checks data/NAME against its pinned digests: every file against the manifest and the
   * manifest against the pinned content digest. Returns null if intact, else a one-line reason.
   */
  public static String verify(DatasetSource source, Path dir) throws IOException {
    Path manifestFile = dir.resolve(Manifest.FILE);
    if (!Files.isRegularFile(manifestFile)) {
      return dir + ": not fetched (no " + Manifest.FILE + "); fetch it with: ./rnnlab data fetch " + source.name();
    }
    String expected = Files.readString(manifestFile, StandardCharsets.UTF_8);
    if (!Checksums.sha256(expected).equals(source.contentSha256())) {
      return manifestFile + ": is not the pinned manifest of " + source.name() + " " + source.version()
          + "; fetch it again with: ./rnnlab data fetch " + source.name();
    }
    String actual = Manifest.of(dir);
    if (!actual.equals(expected)) {
      List<String> want = expected.lines().toList();
      String first = actual.lines().filter(l -> !want.contains(l)).findFirst()
          .orElse(want.stream().filter(l -> !actual.contains(l)).findFirst().orElse("?"));
      return dir + ": files differ from the manifest (first: " + first.substring(Math.min(first.length(), 66))
          + "); fetch it again with: ./rnnlab data fetch " + source.name();
    }
    return null;
  }

  /** Runs the package manager's client in {@code into} and returns the archive it wrote. */
  static Path runClient(DatasetSource source, Path into) throws IOException {
    Path log = into.resolve("client.log");
    Process p;
    try {
      p = new ProcessBuilder(source.command()).directory(into.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      throw new IOException(source.name() + ": cannot run " + source.command().get(0) + " (is it installed? the "
          + "dataset is fetched with `" + source.commandLine() + "`)");
    }
    try {
      if (!p.waitFor(15, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException(source.name() + ": `" + source.commandLine() + "` took more than 15 minutes");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException(source.name() + ": interrupted");
    }
    if (p.exitValue() != 0) {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      String last = lines.stream().filter(l -> !l.isBlank() && !l.startsWith("W: ")).reduce((a, b) -> b).orElse("");
      throw new IOException(source.name() + ": `" + source.commandLine() + "` failed (exit " + p.exitValue() + ")"
          + (last.isEmpty() ? "" : ": " + last.trim()));
    }
    try (Stream<Path> s = Files.list(into)) {
      List<Path> archives = s.filter(f -> f.toString().endsWith(".tgz") || f.toString().endsWith(".deb")).toList();
      if (archives.size() != 1) {
        throw new NoSuchFileException(source.name() + ": `" + source.commandLine() + "` wrote " + archives.size()
            + " archives, expected one");
      }
      return archives.get(0);
    }
  }
}
