package org.rnnlab.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One experiment to run on Slurm: what the array tasks and the aggregate job call, and where files go.
 *
 * @param experiment the experiment's name, as run-cell and aggregate take it
 * @param profile the profile, or null
 * @param workDir the directory the jobs run in (the project's root: the launcher's relative paths start there)
 * @param resultsDir the experiment's results directory (results/NAME[.PROFILE]); scripts and logs go to its
 *     {@code slurm/} subdirectory, which must be on a file system the compute nodes share
 * @param reportFile the file the aggregate job writes last (what {@code --wait} waits for)
 * @param launcher the command that runs rnnlab, e.g. [/abs/path/rnnlab]; its subcommands run-cell and aggregate
 *     are appended
 * @param options scheduling options
 */
public record SlurmRun(String experiment, String profile, Path workDir, Path resultsDir, Path reportFile,
    List<String> launcher, SlurmOptions options) {

  public SlurmRun {
    if (experiment == null || experiment.isBlank()) {
      throw new IllegalArgumentException("experiment name is empty");
    }
    if (launcher.isEmpty()) {
      throw new IllegalArgumentException("launcher is empty");
    }
    workDir = workDir.toAbsolutePath().normalize();
    resultsDir = workDir.resolve(resultsDir).normalize();
    reportFile = workDir.resolve(reportFile).normalize();
    launcher = List.copyOf(launcher);
    // #SBATCH lines hold these between double quotes: no quote, backslash or line break can be written there.
    for (String s : List.of(experiment, profile == null ? "" : profile, workDir.toString(), resultsDir.toString())) {
      if (s.chars().anyMatch(c -> c == '"' || c == '\\' || c == '\n' || c == '\r')) {
        throw ClusterException.invalid("slurm: '" + s + "' contains a quote, backslash or line break, which a "
            + "batch script's #SBATCH line cannot hold; use a path and name without them");
      }
    }
  }

  /** NAME or NAME.PROFILE: the results directory's name, used in job names. */
  public String key() {
    return profile == null ? experiment : experiment + "." + profile;
  }

  /** The directory of batch scripts, the submissions record and logs. */
  public Path slurmDir() {
    return resultsDir.resolve("slurm");
  }

  /** The per-task log files' directory. */
  public Path logDir() {
    return slurmDir().resolve("logs");
  }

  /** {@code launcher subcommand NAME [--profile P] [extra...]} (extra last: the script appends a value). */
  List<String> command(String subcommand, List<String> extra) {
    List<String> c = new ArrayList<>(launcher);
    c.add(subcommand);
    c.add(experiment);
    if (profile != null) {
      c.add("--profile");
      c.add(profile);
    }
    c.addAll(extra);
    return c;
  }
}
