package org.rnnlab.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Slurm's client programs (sbatch, scontrol, squeue, scancel) behind typed calls; every failure becomes a
 * one-line {@link ClusterException} saying what to check. Uses nothing of the accounting database (sacct).
 */
public final class SlurmClient {
  private static final String CHECK_CONTROLLER = "check that slurmctld runs (`scontrol ping`, `sinfo`) and that "
      + "SLURM_CONF or /etc/slurm/slurm.conf names it";

  private final CommandRunner runner;

  /** A client that runs the programs through {@code runner}. */
  public SlurmClient(CommandRunner runner) {
    this.runner = runner;
  }

  /** Fails unless sbatch can be run and a controller answers {@code scontrol ping} with UP. */
  public void checkReachable() {
    try {
      runner.run(List.of("sbatch", "--version"), null);
    } catch (IOException e) {
      throw ClusterException.unavailable("slurm: cannot run sbatch (" + e.getMessage() + "); run this on a "
          + "machine with the Slurm client (a cluster's login node), or add it to PATH (`which sbatch`)");
    }
    CommandResult ping = call(List.of("scontrol", "ping"), null);
    if (!SlurmOutputs.pingUp(ping.stdout())) {
      String said = ping.stdout().lines().filter(l -> l.startsWith("Slurmctld(")).findFirst()
          .orElse(ping.lastLine());
      throw ClusterException.unavailable("slurm: the controller does not answer (`scontrol ping`: " + said + "); "
          + CHECK_CONTROLLER);
    }
  }

  /** The cluster's MaxArraySize: array task ids run from 0 to this minus one. */
  public int maxArraySize() {
    return SlurmOutputs.maxArraySize(succeed(List.of("scontrol", "show", "config"), null).stdout());
  }

  /** Lets sbatch validate {@code script} (partition, limits, options) without submitting it. */
  public void testSubmit(String script) {
    CommandResult r = call(List.of("sbatch", "--test-only"), script);
    if (!r.ok()) {
      throw ClusterException.unavailable("slurm: sbatch refuses the job (" + r.lastLine() + "); nothing was "
          + "submitted; check --partition, --time, --mem and --sbatch-arg against `sinfo` and `scontrol show "
          + "partition`");
    }
  }

  /** Submits {@code script} with {@code sbatch --parsable}. */
  public JobId submit(Path script) {
    CommandResult r = call(List.of("sbatch", "--parsable", script.toString()), null);
    if (!r.ok()) {
      throw ClusterException.unavailable("slurm: sbatch " + script.getFileName() + " failed (" + r.lastLine()
          + ")");
    }
    return SlurmOutputs.parsableJobId(r.stdout());
  }

  /** The queued jobs and array tasks among {@code jobIds} (one entry per task); empty once they have all left. */
  public List<QueueEntry> queue(Collection<String> jobIds) {
    CommandResult r = call(List.of("squeue", "-h", "-r", "-j", String.join(",", jobIds), "-o",
        SlurmOutputs.QUEUE_FORMAT), null);
    if (!r.ok()) {
      // A single id the controller has forgotten (MinJobAge after its end) is an error, not an empty list.
      if (r.stderr().contains("Invalid job id")) {
        return List.of();
      }
      throw ClusterException.unavailable("slurm: squeue failed (" + r.lastLine() + "); " + CHECK_CONTROLLER);
    }
    return SlurmOutputs.queue(r.stdout());
  }

  /** What the controller still remembers of job {@code id} (empty if it has forgotten it). */
  public List<JobState> jobs(String id) {
    CommandResult r = call(List.of("scontrol", "show", "job", "-o", id), null);
    return r.ok() ? SlurmOutputs.jobs(r.stdout()) : List.of();
  }

  /** Cancels the jobs (whole arrays, or ID_TASK for one task). */
  public void cancel(Collection<String> jobIds) {
    List<String> c = new ArrayList<>(List.of("scancel"));
    c.addAll(jobIds);
    succeed(c, null);
  }

  private CommandResult succeed(List<String> command, String stdin) {
    CommandResult r = call(command, stdin);
    if (!r.ok()) {
      throw ClusterException.unavailable("slurm: `" + String.join(" ", command) + "` failed (" + r.lastLine()
          + "); " + CHECK_CONTROLLER);
    }
    return r;
  }

  private CommandResult call(List<String> command, String stdin) {
    try {
      return runner.run(command, stdin);
    } catch (IOException e) {
      throw ClusterException.unavailable("slurm: cannot run " + command.get(0) + " (" + e.getMessage() + "); "
          + "check that the Slurm client is installed and on PATH");
    }
  }
}
