package org.rnnlab.cluster;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Stands in for {@code rnnlab run NAME --executor slurm} until the CLI is wired: scripts/slurm-standin.sh
 * calls it with the missing trials, and it calls the executor exactly as the CLI will.
 */
@Command(name = "slurm-submit", mixinStandardHelpOptions = true)
public final class SlurmSubmitTool implements Callable<Integer> {
  @Parameters(paramLabel = "NAME")
  String name;

  @Option(names = "--profile")
  String profile;

  @Option(names = "--results", required = true)
  Path results;

  @Option(names = "--report", required = true)
  Path report;

  @Option(names = "--launcher", required = true)
  String launcher;

  @Option(names = "--missing", required = true, description = "Comma-separated trial indices; empty for none.")
  String missing;

  @Mixin
  SlurmCliOptions slurm;

  /** Runs the tool; exit status as the CLI's. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new SlurmSubmitTool()).execute(args));
  }

  @Override
  public Integer call() {
    try {
      SlurmExecutor executor = SlurmExecutor.standard(System.out);
      executor.preflight();
      List<Integer> trials = missing.isBlank() ? List.of()
          : Arrays.stream(missing.split(",")).map(String::strip).map(Integer::valueOf).toList();
      SlurmRun run = new SlurmRun(name, profile, Path.of(""), results, report, List.of(launcher), slurm.options());
      Submission s = executor.submit(run, trials);
      if (!slurm.waitForReport()) {
        return 0;
      }
      WaitOutcome w = executor.await(s);
      System.out.println(w.message());
      return w.ok() ? 0 : 1;
    } catch (ClusterException e) {
      System.err.println(e.getMessage());
      return e.exitCode();
    }
  }
}
