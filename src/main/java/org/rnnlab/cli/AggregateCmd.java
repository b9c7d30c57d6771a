package org.rnnlab.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "aggregate", mixinStandardHelpOptions = true,
    description = "Turn whatever results exist into the report (as report does), listing missing and failed trials; "
        + "the last step of a cluster run.")
final class AggregateCmd implements Callable<Integer> {
  @Parameters(paramLabel = "NAME", description = "Experiment name or spec path.")
  String name;

  @Option(names = "--profile", description = "The profile whose results to report.")
  String profile;

  @Override
  public Integer call() throws IOException {
    return ReportCmd.report(Project.plan(name, profile));
  }
}
