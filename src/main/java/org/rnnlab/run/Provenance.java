package org.rnnlab.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What produced a result: code version, JVM, OS and processor, recorded beside every cell. */
public record Provenance(String codeVersion, String jvm, String os, String cpu) {
  /** The current process's provenance; the code version from git when in a checkout. */
  public static Provenance current() {
    return new Provenance(gitVersion(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        cpuModel() + " (" + Runtime.getRuntime().availableProcessors() + " logical CPUs)");
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
   * reports or results do not change the numbers, so they do not make the code dirty.
   */
  private static String gitVersion() {
    String commit = git("rev-parse", "--short=12", "HEAD");
    if (commit == null || commit.isEmpty()) {
      return "unknown";
    }
    String changed = git("status", "--porcelain", "--", ":/src", ":/pom.xml", ":/experiments");
    return changed == null || !changed.isEmpty() ? commit + "-dirty" : commit;
  }

  /**
   * git's trimmed standard output, or null if git is missing, fails (not a checkout) or takes
   * more than 10 s; its standard error is discarded so that warnings never reach the version.
   */
  private static String git(String... args) {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "git";
    System.arraycopy(args, 0, cmd, 1, args.length);
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
