package org.rnnlab.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.rnnlab.config.Home;
import org.rnnlab.results.Provenance;
import org.rnnlab.results.Temporaries;

/** What produces a run's numbers: code version, JVM, OS, processor and host, read once per process. */
public record RunEnvironment(String codeVersion, String jvm, String os, String cpu, String host) {
  /**
   * System property that gives the code version instead of git: a cluster's array task runs from a snapshot of
   * the code taken at submission (org.rnnlab.cluster.CodeSnapshot), which the project's checkout, possibly changed
   * since, no longer describes.
   */
  public static final String CODE_VERSION_PROPERTY = "rnnlab.code-version";

  /**
   * The current process's environment; the code version from {@value #CODE_VERSION_PROPERTY} if set, else from git
   * when the project is a checkout.
   */
  public static RunEnvironment current() {
    String given = System.getProperty(CODE_VERSION_PROPERTY);
    return new RunEnvironment(given != null && !given.isBlank() ? given.strip() : gitVersion(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        cpuModel() + " (" + Runtime.getRuntime().availableProcessors() + " logical CPUs)",
        Temporaries.host());
  }

  /** The provenance of a trial run in this environment in {@code precision} ("float64", "float32"; null: unknown). */
  public Provenance provenance(String specSha256, int threads, double wallSeconds, String precision) {
    return provenance(specSha256, threads, wallSeconds, null, precision);
  }

  /** The provenance of a trial run in this environment that read the dataset files {@code dataSha256}. */
  public Provenance provenance(String specSha256, int threads, double wallSeconds, Map<String, String> dataSha256,
                               String precision) {
    return new Provenance(specSha256, codeVersion, jvm, os, cpu, host, threads, Math.round(wallSeconds * 1000) / 1000.0,
        dataSha256, precision);
  }

  /** The processor's model name (Linux: /proc/cpuinfo), which wall times depend on; else "unknown". */
  private static String cpuModel() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines.filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst().orElse("unknown");
    } catch (IOException | UncheckedIOException e) {
      return "unknown";
    }
  }

  /**
   * The commit, with "-dirty" if the code (src/, pom.xml, experiments/) differs from it; changed
   * reports or results do not change the numbers, so they do not make the code dirty. Under
   * experiments/ only tracked files count: a new, untracked spec changes no other experiment's
   * numbers (and its own trials pin its text by spec_sha256), so it does not mark every run dirty.
   * Under src/ an untracked file still counts, since it can be compiled into the jar.
   */
  static String gitVersion() {
    String commit = git("rev-parse", "--short=12", "HEAD");
    if (commit == null || commit.isEmpty()) {
      return "unknown";
    }
    String code = git("status", "--porcelain", "--", ":/src", ":/pom.xml");
    String specs = git("status", "--porcelain", "--untracked-files=no", "--", ":/experiments");
    return code == null || specs == null || !code.isEmpty() || !specs.isEmpty() ? commit + "-dirty" : commit;
  }

  /**
   * git's trimmed standard output in the project directory, or null if git is missing, fails (not
   * a checkout) or takes more than 10 s; its standard error is discarded so that warnings never
   * reach the version.
   */
  private static String git(String... args) {
    String[] cmd = new String[args.length + 3];
    cmd[0] = "git";
    cmd[1] = "-C";
    cmd[2] = Home.path().toString();
    System.arraycopy(args, 0, cmd, 3, args.length);
    Path out = null;
    Process p = null;
    try {
      out = Files.createTempFile("rnnlab-git", ".out");
      p = new ProcessBuilder(cmd)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .redirectOutput(out.toFile()).start();
      if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return Files.readString(out, StandardCharsets.UTF_8).trim();
      }
    } catch (IOException e) {
      // no git on this machine
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (p != null && p.isAlive()) {
        p.destroyForcibly();
      }
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException e) {
          // a leftover temp file is harmless
        }
      }
    }
    return null;
  }
}
