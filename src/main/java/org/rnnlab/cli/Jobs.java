package org.rnnlab.cli;

import picocli.CommandLine.Option;

/** The {@code --jobs N} option: parallel trials, checked, capped at what the plan can use. */
final class Jobs {
  @Option(names = "--jobs", paramLabel = "N",
      description = "Trials run in parallel (default: all cores). Numbers never depend on it.")
  Integer jobs;

  /** The jobs asked for, or the cores; a value below 1 is a usage error. */
  int value() {
    int cores = Runtime.getRuntime().availableProcessors();
    if (jobs == null) {
      return cores;
    }
    if (jobs < 1) {
      throw new Main.UsageError("--jobs must be at least 1, got " + jobs);
    }
    if (jobs > cores) {
      Main.ERR.printf("rnnlab: --jobs %d is more than the %d logical CPUs here; trials will share them%n", jobs, cores);
    }
    return jobs;
  }
}
