package org.rnnlab.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scheduling options of a Slurm run, checked when built so that a bad value fails before anything is
 * submitted or written ({@link ClusterException} with one line quoting the value).
 *
 * @param partition partition (or comma-separated partitions), null for the cluster's default
 * @param time time limit of one array task (Slurm's formats, e.g. 90, 1:30:00, 2-00:00:00), null for the default
 * @param mem memory of one array task (e.g. 4G; plain numbers are megabytes), null for the cluster's default
 * @param arrayParallelism most array tasks running at once ({@code %N} of {@code --array}), null for no limit
 * @param cpusPerTask CPUs of one array task (a trial is single-threaded: 1)
 * @param trialsPerTask trials run one after another by one array task, null to pack only when the plan
 *     exceeds the cluster's MaxArraySize
 * @param sbatchArgs further sbatch options, one token each (e.g. --account=abc, --qos=short)
 */
public record SlurmOptions(String partition, String time, String mem, Integer arrayParallelism, int cpusPerTask,
    Integer trialsPerTask, List<String> sbatchArgs) {

  private static final Pattern TIME = Pattern.compile(
      "(?:(\\d+)-(\\d+)(?::(\\d+)(?::(\\d+))?)?)|(?:(\\d+)(?::(\\d+)(?::(\\d+))?)?)");
  private static final Pattern MEM = Pattern.compile("\\d+[KMGTkmgt]?");
  private static final Pattern PARTITION = Pattern.compile("[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+)*");

  /**
   * sbatch options the executor sets itself (or has its own option for); a {@code --sbatch-arg} naming one, or
   * a prefix of one (sbatch accepts unambiguous abbreviations), is refused.
   */
  static final List<String> RESERVED = List.of("--array", "--dependency", "--output", "--error", "--parsable",
      "--wrap", "--chdir", "--job-name", "--test-only", "--open-mode", "--wait", "--cpus-per-task", "--partition",
      "--time", "--mem");
  private static final List<String> RESERVED_SHORT =
      List.of("-a", "-d", "-o", "-e", "-D", "-J", "-W", "-c", "-p", "-t");

  public SlurmOptions {
    partition = blankToNull(partition);
    time = blankToNull(time);
    mem = blankToNull(mem);
    if (partition != null && !PARTITION.matcher(partition).matches()) {
      throw ClusterException.invalid("--partition '" + partition
          + "' is not a partition name (letters, digits, '_', '-', '.'; several separated by commas)");
    }
    if (time != null) {
      checkTime(time);
    }
    if (mem != null && !MEM.matcher(mem).matches()) {
      throw ClusterException.invalid("--mem '" + mem + "' is not a Slurm memory size: a whole number with an "
          + "optional K, M, G or T suffix (e.g. 4G; a plain number is megabytes)");
    }
    if (arrayParallelism != null && arrayParallelism < 1) {
      throw ClusterException.invalid("--array-parallelism must be at least 1 (got " + arrayParallelism
          + "); leave it out for no limit");
    }
    if (cpusPerTask < 1) {
      throw ClusterException.invalid("--cpus-per-task must be at least 1 (got " + cpusPerTask + ")");
    }
    if (trialsPerTask != null && trialsPerTask < 1) {
      throw ClusterException.invalid("--trials-per-task must be at least 1 (got " + trialsPerTask + ")");
    }
    sbatchArgs = List.copyOf(sbatchArgs);
    sbatchArgs.forEach(SlurmOptions::checkSbatchArg);
  }

  /** No partition, time or memory request (the cluster's defaults), one CPU per task, no limits. */
  public static SlurmOptions defaults() {
    return new SlurmOptions(null, null, null, null, 1, null, List.of());
  }

  /** The sbatch options that both the array and the aggregate job carry (resources and the user's extras). */
  List<String> resourceDirectives(int cpus) {
    List<String> d = new ArrayList<>();
    d.add("--cpus-per-task=" + cpus);
    if (partition != null) {
      d.add("--partition=" + partition);
    }
    if (time != null) {
      d.add("--time=" + time);
    }
    if (mem != null) {
      d.add("--mem=" + mem);
    }
    d.addAll(sbatchArgs);
    return d;
  }

  /** Slurm's --time formats (sbatch(1)): M, M:S, H:M:S, D-H, D-H:M, D-H:M:S, or UNLIMITED / INFINITE. */
  private static void checkTime(String t) {
    if (t.equalsIgnoreCase("UNLIMITED") || t.equalsIgnoreCase("INFINITE")) {
      return;
    }
    Matcher m = TIME.matcher(t);
    boolean ok = m.matches();
    if (ok && m.group(1) != null) { // D-H[:M[:S]]
      ok = below(m.group(2), 24) && below(m.group(3), 60) && below(m.group(4), 60);
    } else if (ok && m.group(7) != null) { // H:M:S
      ok = below(m.group(6), 60) && below(m.group(7), 60);
    } else if (ok && m.group(6) != null) { // M:S
      ok = below(m.group(6), 60);
    }
    if (!ok) {
      throw ClusterException.invalid("--time '" + t + "' is not a Slurm time limit: use MINUTES, MINUTES:SECONDS, "
          + "HOURS:MINUTES:SECONDS, DAYS-HOURS, DAYS-HOURS:MINUTES or DAYS-HOURS:MINUTES:SECONDS (e.g. 90, 1:30:00)");
    }
  }

  private static boolean below(String field, int limit) {
    return field == null || (field.length() <= 2 && Integer.parseInt(field) < limit);
  }

  private static void checkSbatchArg(String a) {
    if (a == null || a.isBlank() || !a.startsWith("-") || a.equals("-") || a.equals("--")) {
      throw ClusterException.invalid("--sbatch-arg '" + a + "' is not an sbatch option: give one option per "
          + "--sbatch-arg, e.g. --sbatch-arg=--account=abc");
    }
    if (a.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\\')) {
      throw ClusterException.invalid("--sbatch-arg '" + a + "' contains a space, quote or backslash: write the "
          + "option and its value as one token, e.g. --sbatch-arg=--account=abc");
    }
    String name = a.startsWith("--") ? a.split("=", 2)[0] : a.substring(0, 2);
    boolean reserved = a.startsWith("--") ? RESERVED.stream().anyMatch(r -> r.startsWith(name))
        : RESERVED_SHORT.contains(name);
    if (reserved) {
      throw ClusterException.invalid("--sbatch-arg '" + a + "' sets what the executor sets itself (" + name
          + "); use the executor's own option (--partition, --time, --mem, --cpus-per-task, --array-parallelism) "
          + "or leave it out");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
