package org.rnnlab.cli;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnnlab.results.ResultsStore;
import org.rnnlab.results.TrialFailure;
import org.rnnlab.spec.ExperimentPlan;
import org.rnnlab.spec.TrialPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show each trial of an experiment as done, diverged, running, failed, missing, stale (ran with "
        + "another config), older format or damaged.")
final class StatusCmd implements Callable<Integer> {
  @Parameters(paramLabel = "NAME", description = "Experiment name or spec path.")
  String name;

  @Option(names = "--profile", description = "A profile of the spec, e.g. ci.")
  String profile;

  @Option(names = "--all", description = "List every trial, not only those that are not done.")
  boolean all;

  @Override
  public Integer call() throws IOException {
    ExperimentPlan plan = Project.plan(name, profile);
    ResultsStore store = new ResultsStore(Project.resultsDir(plan));
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (TrialPlan t : plan.trials()) {
      ResultsStore.Inspection in = store.inspect(t.id(), t.sha256());
      String state;
      String detail = in.reason();
      switch (in.state()) {
        case DONE -> state = in.result().isOk() ? "done" : "diverged";
        case MISSING -> {
          TrialFailure f = store.readFailure(t.id());
          state = store.isLocked(t.id()) ? "running" : f != null ? "failed" : "missing";
          detail = f == null ? null : f.error();
        }
        case STALE -> state = "stale";
        case LEGACY -> state = "older-format";
        default -> state = "damaged";
      }
      counts.merge(state, 1, Integer::sum);
      if (all || !state.equals("done")) {
        Main.OUT.printf("%4d  %-12s %s%s%n", t.index(), state, t.id(), detail == null ? "" : "  (" + detail + ")");
      }
    }
    StringBuilder sb = new StringBuilder();
    counts.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(v).append(' ').append(k));
    Main.OUT.printf("%s: %d trials: %s%n", store.dir(), plan.trials().size(), sb);
    return 0;
  }
}
