package org.rnnlab.cluster;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The Slurm executor's command-line options, as a picocli mixin or argument group for {@code rnnlab run}.
 * {@link #options()} checks them.
 */
public final class SlurmCliOptions {
  @Option(names = "--partition", paramLabel = "P", description = "Slurm partition (default: the cluster's).")
  String partition;

  @Option(names = "--time", paramLabel = "T",
      description = "Time limit of one array task, e.g. 30, 2:00:00, 1-00:00:00 (default: the partition's).")
  String time;

  @Option(names = "--mem", paramLabel = "M", description = "Memory of one array task, e.g. 2G (default: the "
      + "cluster's).")
  String mem;

  @Option(names = "--array-parallelism", paramLabel = "N",
      description = "At most N array tasks at once (--array=...%%N; default: no limit).")
  Integer arrayParallelism;

  @Option(names = "--cpus-per-task", paramLabel = "C", defaultValue = "1",
      description = "CPUs of one array task (default: ${DEFAULT-VALUE}; a trial uses one).")
  int cpusPerTask = 1;

  @Option(names = "--trials-per-task", paramLabel = "K",
      description = "Run K trials one after another in each array task (default: 1, more only if the plan "
          + "exceeds the cluster's MaxArraySize).")
  Integer trialsPerTask;

  @Option(names = "--sbatch-arg", paramLabel = "ARG",
      description = "A further sbatch option, one token, e.g. --sbatch-arg=--account=abc (repeatable).")
  List<String> sbatchArgs = new ArrayList<>();

  @Option(names = "--wait", description = "Block until the aggregate job has written the report.")
  boolean waitForReport;

  /** The options, checked (one-line {@link ClusterException} for a bad value). */
  public SlurmOptions options() {
    return new SlurmOptions(partition, time, mem, arrayParallelism, cpusPerTask, trialsPerTask, sbatchArgs);
  }

  /** Whether {@code --wait} was given. */
  public boolean waitForReport() {
    return waitForReport;
  }

  /** Whether any Slurm-only option was given (for refusing them without {@code --executor slurm}). */
  public boolean anyGiven() {
    return !givenNames().isEmpty();
  }

  /** The Slurm-only options given, by name, in the order of {@code --help}. */
  public List<String> givenNames() {
    List<String> given = new ArrayList<>();
    if (partition != null) {
      given.add("--partition");
    }
    if (time != null) {
      given.add("--time");
    }
    if (mem != null) {
      given.add("--mem");
    }
    if (arrayParallelism != null) {
      given.add("--array-parallelism");
    }
    if (cpusPerTask != 1) {
      given.add("--cpus-per-task");
    }
    if (trialsPerTask != null) {
      given.add("--trials-per-task");
    }
    if (!sbatchArgs.isEmpty()) {
      given.add("--sbatch-arg");
    }
    if (waitForReport) {
      given.add("--wait");
    }
    return given;
  }
}
