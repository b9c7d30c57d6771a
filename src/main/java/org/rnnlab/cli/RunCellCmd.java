package org.rnnlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rnnlab.run.ExperimentRunner;
import org.rnnlab.run.TrialRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run-cell", aliases = "run-trial", mixinStandardHelpOptions = true,
    description = "Run exactly one trial of the written plan (results/NAME[.PROFILE]/plan.json), e.g. as a cluster's "
        + "array task; a trial that has a result is skipped.")
final class RunCellCmd implements Callable<Integer> {
  @Parameters(paramLabel = "NAME", description = "Experiment name.")
  String name;

  @Option(names = "--index", required = true, description = "The trial's index in the plan (0-based).")
  int index;

  @Option(names = "--profile", description = "The profile the plan was written for.")
  String profile;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Main.checkFma();
    Path dir = Project.results().resolve(profile == null ? name : name + "." + profile);
    TrialRunner.Result r;
    try {
      r = new ExperimentRunner(Project.results(), 1, false, Main.ERR).runOne(dir, index);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageError(e.getMessage());
    }
    Main.OUT.printf("%s: trial %d: %s%s%n", dir, index, r.outcome().name().toLowerCase(java.util.Locale.ROOT),
        r.detail() == null ? "" : " (" + r.detail() + ")");
    return r.outcome() == TrialRunner.Outcome.FAILED || r.outcome() == TrialRunner.Outcome.CANCELLED ? 1 : 0;
  }
}
