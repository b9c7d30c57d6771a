package org.rnnlab.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers of the Slurm commands' outputs (checked against outputs recorded from a real slurmctld 22.05). */
public final class SlurmOutputs {
  /** The squeue format the parsers read: array job id, task id (N/A if none), state, reason. */
  static final String QUEUE_FORMAT = "%F|%K|%T|%r";

  private static final Pattern PARSABLE = Pattern.compile("(\\d+)(?:;(\\S+))?");
  private static final Pattern CONFIG_LINE = Pattern.compile("^(\\S+)\\s+=\\s?(.*)$");
  private static final Pattern FIELD = Pattern.compile("(?:^|\\s)([A-Za-z/:]+)=(\\S*)");

  private SlurmOutputs() {}

  /** {@code sbatch --parsable}: "ID" or "ID;CLUSTER" on the last line (warnings may precede it on stdout). */
  public static JobId parsableJobId(String stdout) {
    String[] lines = stdout.strip().split("\n");
    Matcher m = PARSABLE.matcher(lines[lines.length - 1].strip());
    if (!m.matches()) {
      throw ClusterException.unavailable("slurm: sbatch --parsable printed no job id (got '" + stdout.strip()
          + "'); check `sbatch --version`");
    }
    return new JobId(m.group(1), m.group(2));
  }

  /** {@code scontrol show config}: "Key = value" lines. */
  public static Map<String, String> config(String stdout) {
    Map<String, String> config = new LinkedHashMap<>();
    for (String line : stdout.split("\n")) {
      Matcher m = CONFIG_LINE.matcher(line);
      if (m.matches()) {
        config.putIfAbsent(m.group(1), m.group(2).strip());
      }
    }
    return config;
  }

  /** MaxArraySize from {@code scontrol show config}'s output. */
  public static int maxArraySize(String stdout) {
    String v = config(stdout).get("MaxArraySize");
    if (v == null || !v.matches("\\d+")) {
      throw ClusterException.unavailable("slurm: `scontrol show config` gives no MaxArraySize (got "
          + (v == null ? "none" : "'" + v + "'") + "); check that scontrol talks to this cluster's controller");
    }
    return Integer.parseInt(v);
  }

  /** {@code scontrol ping}: whether some controller (primary or backup) says UP. */
  public static boolean pingUp(String stdout) {
    return stdout.lines().anyMatch(l -> l.startsWith("Slurmctld(") && l.strip().endsWith(" is UP"));
  }

  /** {@code squeue -h -r -o "%F|%K|%T|%r"}. */
  public static List<QueueEntry> queue(String stdout) {
    List<QueueEntry> entries = new ArrayList<>();
    for (String line : stdout.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.strip().split("\\|", -1);
      if (f.length != 4) {
        throw ClusterException.unavailable("slurm: unexpected squeue line '" + line + "'");
      }
      Integer task = f[1].matches("\\d+") ? Integer.valueOf(f[1]) : null;
      entries.add(new QueueEntry(f[0], task, f[2], f[3]));
    }
    return entries;
  }

  /** {@code scontrol show job -o ID}: one line per job (an array: one per task still remembered). */
  public static List<JobState> jobs(String stdout) {
    List<JobState> jobs = new ArrayList<>();
    for (String line : stdout.split("\n")) {
      if (!line.startsWith("JobId=")) {
        continue;
      }
      Map<String, String> f = new LinkedHashMap<>();
      Matcher m = FIELD.matcher(line);
      while (m.find()) {
        f.putIfAbsent(m.group(1), m.group(2));
      }
      String task = f.get("ArrayTaskId");
      jobs.add(new JobState(f.get("JobId"), task != null && task.matches("\\d+") ? Integer.valueOf(task) : null,
          f.getOrDefault("JobState", "UNKNOWN"), f.getOrDefault("ExitCode", "?")));
    }
    return jobs;
  }
}
