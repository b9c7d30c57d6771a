package org.rnnlab.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnnlab.results.PlanRecord;
import org.rnnlab.results.Provenance;
import org.rnnlab.results.ResultsJson;
import org.rnnlab.results.ResultsStore;
import org.rnnlab.results.TrialFailure;
import org.rnnlab.results.TrialResult;
import org.rnnlab.run.Plans;
import org.rnnlab.run.RunEnvironment;
import org.rnnlab.spec.ExperimentPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Print one trial: its state, resolved config, provenance and final metrics.")
final class ShowCmd implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "NAME", description = "Experiment name or spec path.")
  String name;

  @Parameters(index = "1", paramLabel = "TRIAL", description = "The trial's id (see `rnnlab status NAME --all`) or "
      + "its index in the plan.")
  String trial;

  @Option(names = "--profile", description = "A profile of the spec, e.g. ci.")
  String profile;

  @Override
  public Integer call() throws IOException {
    ExperimentPlan plan = Project.planForReading(name, profile);
    PlanRecord record = Plans.record(plan, RunEnvironment.current().codeVersion(), Project.command(plan));
    PlanRecord.PlannedTrial t = find(record, trial);
    ResultsStore store = new ResultsStore(Project.resultsDir(plan));
    ResultsStore.Inspection in = store.inspect(t.trial(), t.configSha256());
    // The spec's seed index is what a reader knows the trial by; the derived 64-bit seeds (hashes of the root
    // seed, group and index) are in the config below, shown here unsigned in hex rather than as signed decimals.
    Main.OUT.printf("trial %s (index %d of %s%s): group %s, seed %d of %d (derived from root seed %d: training %s, "
        + "test %s)%n", t.trial(), t.index(), plan.name(), plan.profile() == null ? "" : ", profile " + plan.profile(),
        t.group(), t.seedIndex(), plan.seeds(), plan.rootSeed(), hex(t.seed()), hex(t.testSeed()));
    String state = switch (in.state()) {
      case DONE -> in.result().status() + (in.result().divergedAtStep() == null ? ""
          : " at update " + in.result().divergedAtStep());
      case MISSING -> {
        TrialFailure f = store.readFailure(t.trial());
        String s = StatusCmd.missingState(store, t.trial(), f);
        if (f == null) {
          yield s.equals("missing") ? "not run yet" : s;
        }
        yield s.equals("running") ? "running (failed before: " + f.error() + ")" : "failed: " + f.error();
      }
      default -> StatusCmd.word(in.state()) + (in.reason() == null ? "" : ": " + in.reason());
    };
    Main.OUT.println("state: " + state);
    Main.OUT.println("results: " + Outcome.shown(store.dir().resolve(t.trial())));
    Main.OUT.println("config (resolved, sha256 " + t.configSha256() + "):");
    ResultsJson.pretty(t.config()).strip().lines().forEach(l -> Main.OUT.println("  " + l));
    if (in.state() == ResultsStore.State.DONE) {
      TrialResult r = in.result();
      Provenance p = r.provenance();
      if (p != null) {
        Main.OUT.println("provenance:");
        Main.OUT.println("  code version: " + p.codeVersion());
        Main.OUT.println("  arithmetic: " + (p.precision() == null ? "float64 (recorded before precision was)"
            : p.precision()));
        Main.OUT.println("  spec sha256: " + p.specSha256());
        Main.OUT.println("  JVM: " + p.jvm() + "; OS: " + p.os());
        Main.OUT.println("  CPU: " + p.cpu() + "; host: " + p.host() + "; threads of the run: " + p.threads());
        Main.OUT.println("  wall time: " + (p.wallSeconds() == null ? "—" : String.format(java.util.Locale.ROOT,
            "%.1f s", p.wallSeconds())));
      }
      Main.OUT.println("final metrics:");
      int w = r.metrics().keySet().stream().mapToInt(String::length).max().orElse(0);
      for (Map.Entry<String, Double> e : r.metrics().entrySet()) {
        Main.OUT.printf("  %-" + w + "s  %s%n", e.getKey(), e.getValue() == null ? "—" : Double.toString(e.getValue()));
      }
    }
    return 0;
  }

  /** The trial with id {@code s}, or at index {@code s}; else a usage error with the closest id. */
  static PlanRecord.PlannedTrial find(PlanRecord plan, String s) {
    List<String> ids = new ArrayList<>();
    for (PlanRecord.PlannedTrial t : plan.trials()) {
      if (t.trial().equals(s)) {
        return t;
      }
      ids.add(t.trial());
    }
    try {
      int i = Integer.parseInt(s);
      if (i >= 0 && i < plan.trials().size()) {
        return plan.trials().get(i);
      }
    } catch (NumberFormatException e) {
      // not an index
    }
    throw new Main.UsageError("no trial \"" + s + "\" in " + plan.name() + Suggest.didYouMean(s, ids)
        + " (ids: `rnnlab status " + plan.name() + " --all`; indices 0.." + (plan.trials().size() - 1) + ")");
  }

  /** A derived seed as 16 hex digits (its bits, unsigned). */
  static String hex(long seed) {
    return String.format(java.util.Locale.ROOT, "0x%016x", seed);
  }
}
