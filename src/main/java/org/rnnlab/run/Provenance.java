package org.rnnlab.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** What produced a result: code version, JVM, OS and processor, recorded beside every cell. */
public record Provenance(String codeVersion, String jvm, String os, String cpu) {
  /** The current process's provenance; the code version from git when in a checkout. */
  public static Provenance current() {
    return new Provenance(gitVersion(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
  }

  /** The processor's model name (Linux: /proc/cpuinfo), which wall times depend on; else "unknown". */
  private static String cpuModel() {
    try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(java.nio.file.Path.of("/proc/cpuinfo"))) {
      return lines.filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst().orElse("unknown");
    } catch (IOException | java.io.UncheckedIOException e) {
      return "unknown";
    }
  }

  private static String gitVersion() {
    try {
      Process p = new ProcessBuilder("git", "describe", "--always", "--dirty", "--abbrev=12")
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty()) {
        return out;
      }
    } catch (IOException e) {
      // no git on this machine: fall through
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "unknown";
  }
}
