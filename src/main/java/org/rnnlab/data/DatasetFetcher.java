package org.rnnlab.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
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

  /** One run of a package client: its exit status and its output (stdout and stderr) lines. */
  record Attempt(int exit, List<String> output) {}

  /** Runs a package client once in a directory. */
  interface Client {
    Attempt run(DatasetSource source, Path into) throws IOException;
  }

  /** Waits between attempts (tests: not at all). */
  interface Pause {
    void pause(long millis) throws IOException;
  }

  /** Attempts of a client that failed transiently (network), and the waits before the second and third. */
  static final long[] BACKOFF_MILLIS = {2_000, 8_000};

  /** Definite refusals: the package or version does not exist or may not be read; asking again cannot help. */
  private static final Pattern DEFINITE = Pattern.compile(
      "E404|ETARGET|E403|E401|EINVALID[A-Z]*|404 Not Found|No matching version|Unable to locate package"
          + "|Can't find a source|Version '[^']*' for '[^']*' was not found|Couldn't find any package");
  /** Transient failures: the network or the server, worth another attempt. */
  private static final Pattern TRANSIENT = Pattern.compile(
      "ETIMEDOUT|ECONNRESET|ECONNREFUSED|EAI_AGAIN|ENOTFOUND|ENETUNREACH|EHOSTUNREACH|EPIPE|socket hang up"
          + "|E5[0-9][0-9]|\\b50[0-4] |Temporary failure|Could not connect|Connection failed|Connection timed out"
          + "|Connection reset|Hash Sum mismatch");
  private static final Pattern CLIENT_PREFIX = Pattern.compile("^(npm (error|ERR!)|E:|Err:)\\s*");

  /** Runs the package manager's client in {@code into} and returns the archive it wrote. */
  static Path runClient(DatasetSource source, Path into) throws IOException {
    return runClient(source, into, DatasetFetcher::launch, millis -> {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(source.name() + ": interrupted");
      }
    });
  }

  /**
   * Runs {@code client} until it succeeds, a failure is not transient ({@link #isTransient}), or
   * {@link #BACKOFF_MILLIS} has no wait left; a failure quotes the client's own error in one line.
   */
  static Path runClient(DatasetSource source, Path into, Client client, Pause pause) throws IOException {
    for (int attempt = 1; ; attempt++) {
      Attempt a = client.run(source, into);
      if (a.exit() == 0) {
        break;
      }
      boolean again = isTransient(a.output()) && attempt <= BACKOFF_MILLIS.length;
      if (!again) {
        String why = clientError(a.output());
        throw new IOException(source.name() + ": `" + source.commandLine() + "` failed (exit " + a.exit()
            + (attempt > 1 ? ", attempt " + attempt : "") + ")" + (why.isEmpty() ? "" : ": " + why));
      }
      deleteArchives(into); // a partial download is not an archive to check
      pause.pause(BACKOFF_MILLIS[attempt - 1]);
    }
    List<Path> archives = archives(into);
    if (archives.size() != 1) {
      throw new NoSuchFileException(source.name() + ": `" + source.commandLine() + "` wrote " + archives.size()
          + " archives, expected one");
    }
    return archives.get(0);
  }

  /** Whether a failed client's output says the network or server failed (and not that the package is refused). */
  static boolean isTransient(List<String> output) {
    String text = String.join("\n", output);
    return !DEFINITE.matcher(text).find() && TRANSIENT.matcher(text).find();
  }

  /**
   * The client's own error in one line: its meaningful lines (npm's "npm error" prefix, apt's "E:"
   * removed; warnings, notices, blank lines and the pointer to npm's debug log left out), the first
   * three joined by "; ", at most 300 characters.
   */
  static String clientError(List<String> output) {
    List<String> lines = new ArrayList<>();
    for (String raw : output) {
      String l = raw.strip();
      if (l.isEmpty() || l.startsWith("W:") || l.startsWith("N:") || l.startsWith("npm warn")
          || l.startsWith("npm WARN") || l.startsWith("npm notice") || l.contains("A complete log of this run")) {
        continue;
      }
      l = CLIENT_PREFIX.matcher(l).replaceFirst("").strip();
      if (l.isEmpty() || l.matches("[0-9]{3}") || l.contains("In most cases you or one of your dependencies")
          || lines.contains(l)) {
        continue;
      }
      lines.add(l);
    }
    String s = String.join("; ", lines.subList(0, Math.min(3, lines.size())));
    return s.length() > 300 ? s.substring(0, 297) + "..." : s;
  }

  private static List<Path> archives(Path into) throws IOException {
    try (Stream<Path> s = Files.list(into)) {
      return s.filter(f -> f.toString().endsWith(".tgz") || f.toString().endsWith(".deb")).toList();
    }
  }

  private static void deleteArchives(Path into) throws IOException {
    for (Path f : archives(into)) {
      Files.deleteIfExists(f);
    }
  }

  /** Runs the client as a process in {@code into}, its output to into/client.log. */
  private static Attempt launch(DatasetSource source, Path into) throws IOException {
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
    List<String> lines = p.exitValue() == 0 ? List.of()
        : new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
    return new Attempt(p.exitValue(), lines);
  }
}
