package org.rnnlab.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The batch scripts of a Slurm run: the job array of trials and the aggregate job. Every sbatch option is an
 * {@code #SBATCH} line, so the script in results/NAME/slurm/ is exactly what was submitted.
 */
public final class BatchScripts {
  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./=:,+@%-]+");

  private BatchScripts() {}

  /** The job array's script: task {@code $SLURM_ARRAY_TASK_ID} runs its trials of {@code layout} with run-cell. */
  public static String array(SlurmRun run, ArrayLayout layout, Integer arrayParallelism) {
    List<String> directives = new ArrayList<>();
    directives.add("--job-name=" + quoted("rnnlab-" + run.key()));
    directives.add("--array=" + layout.arraySpec(arrayParallelism));
    directives.addAll(common(run, logFile(run, "%A_%a.out")));
    directives.addAll(run.options().resourceDirectives(run.options().cpusPerTask()));
    String perTask = layout.trialsPerTask() == 1 ? "one trial per task: trial = SLURM_ARRAY_TASK_ID + offset"
        : "up to " + layout.trialsPerTask() + " trials per task, " + layout.stride() + " apart";
    return header(run, "the trials of " + describe(run) + " as a job array (" + perTask + ").",
        "run-cell skips a trial whose result exists, so submitting this script again is safe.", directives)
        + ": \"${SLURM_ARRAY_TASK_ID:?submit this script with sbatch: it is a job array}\"\n"
        + "offset=" + layout.offset() + " stride=" + layout.stride() + " per_task=" + layout.trialsPerTask()
        + " last=" + layout.lastTrial() + "\n"
        + "failed=0\n"
        + "for ((slot = 0; slot < per_task; slot++)); do\n"
        + "  index=$((SLURM_ARRAY_TASK_ID + offset + slot * stride))\n"
        + "  ((index <= last)) || break\n"
        + "  echo \"rnnlab: task ${SLURM_ARRAY_JOB_ID:-?}_${SLURM_ARRAY_TASK_ID} on $(hostname): trial $index\"\n"
        + "  " + shell(run.command("run-cell", List.of("--index"))) + " \"$index\" || failed=$((failed + 1))\n"
        + "done\n"
        + "exit $((failed > 0))\n";
  }

  /**
   * The aggregate job's script. It starts after every task of {@code arrayJobId} has ended in any state
   * ({@code afterany}): with {@code afterok} one failed or timed-out trial would leave it pending forever and no
   * report would appear, while the report is what lists the missing and failed trials. {@code arrayJobId}: the
   * array job's id, or several joined by ':' (earlier arrays still queued, then this submission's); null: nothing to
   * wait for (every trial already has a result).
   */
  public static String aggregate(SlurmRun run, String arrayJobId) {
    List<String> directives = new ArrayList<>();
    directives.add("--job-name=" + quoted("rnnlab-" + run.key() + "-aggregate"));
    if (arrayJobId != null) {
      directives.add("--dependency=afterany:" + arrayJobId);
    }
    directives.addAll(common(run, logFile(run, "%j-aggregate.out")));
    directives.addAll(run.options().resourceDirectives(1));
    return header(run, "the report of " + describe(run) + (arrayJobId == null ? "."
        : ", once every task of job array " + arrayJobId.replace(":", " and ") + " has ended, however it ended."),
        "It reads whatever results exist and lists the trials that are missing or failed.", directives)
        + "exec " + shell(run.command("aggregate", List.of())) + "\n";
  }

  /**
   * The --output value: the log directory, its '%' doubled (Slurm reads --output as a filename pattern, so a
   * '%' in the project's path, e.g. "runs/50%", would be taken for %j, %5 and the like and every task would
   * write its log somewhere else or fail), then {@code pattern}, whose %-symbols Slurm is meant to replace.
   */
  static String logFile(SlurmRun run, String pattern) {
    return patternEscaped(run.logDir().toString()) + "/" + pattern;
  }

  /** {@code literal} as a Slurm filename pattern that stands for itself: every '%' as "%%". */
  static String patternEscaped(String literal) {
    return literal.replace("%", "%%");
  }

  private static List<String> common(SlurmRun run, String output) {
    return List.of("--chdir=" + quoted(run.workDir().toString()), "--output=" + quoted(output),
        "--open-mode=append");
  }

  private static String header(SlurmRun run, String what, String note, List<String> directives) {
    return "#!/bin/bash\n"
        + "# rnnlab: " + what + "\n"
        + "# " + note + "\n"
        + directives.stream().map(d -> "#SBATCH " + d + "\n").collect(Collectors.joining())
        + "set -u\n";
  }

  private static String describe(SlurmRun run) {
    return run.experiment() + (run.profile() == null ? "" : " (profile " + run.profile() + ")");
  }

  /** A value for an #SBATCH line: double quotes when it holds a space (SlurmRun refuses quotes inside). */
  private static String quoted(String value) {
    return SHELL_SAFE.matcher(value).matches() ? value : "\"" + value + "\"";
  }

  /** A command line for bash: each word single-quoted unless it is plainly safe. */
  static String shell(List<String> words) {
    return words.stream()
        .map(w -> SHELL_SAFE.matcher(w).matches() ? w : "'" + w.replace("'", "'\\''") + "'")
        .collect(Collectors.joining(" "));
  }
}
