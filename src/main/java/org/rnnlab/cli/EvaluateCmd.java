package org.rnnlab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnnlab.procedure.Trial;
import org.rnnlab.procedure.TrialConfig;
import org.rnnlab.results.ModelFile;
import org.rnnlab.results.PlanRecord;
import org.rnnlab.results.ResultsJson;
import org.rnnlab.results.ResultsStore;
import org.rnnlab.results.TrialResult;
import org.rnnlab.run.Plans;
import org.rnnlab.run.RunEnvironment;
import org.rnnlab.spec.ExperimentPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Reloads a trial's stored model and measures it on the trial's evaluation sets, then compares
 * every metric with the trial's recorded final metric, bit for bit.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Reload a trial's stored model (model.json) and measure it on the trial's evaluation sets; the "
        + "metrics must equal the trial's recorded final metrics bit for bit (exit 1 if not).")
final class EvaluateCmd implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "NAME", description = "Experiment name or spec path.")
  String name;

  @Parameters(index = "1", paramLabel = "TRIAL", description = "The trial's id (see `rnnlab status NAME --all`) or "
      + "its index in the plan.")
  String trial;

  @Option(names = "--profile", description = "A profile of the spec, e.g. ci.")
  String profile;

  @Option(names = "--json", description = "Print the metrics as JSON.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    ExperimentPlan plan = Project.plan(name, profile);
    PlanRecord record = Plans.record(plan, RunEnvironment.current().codeVersion(), Project.command(plan));
    PlanRecord.PlannedTrial t = ShowCmd.find(record, trial);
    ResultsStore store = new ResultsStore(Project.resultsDir(plan));
    ResultsStore.Inspection in = store.inspect(t.trial(), t.configSha256());
    if (in.state() != ResultsStore.State.DONE) {
      throw new Main.UsageError("trial " + t.trial() + " has no result to evaluate ("
          + StatusCmd.word(in.state()) + (in.reason() == null ? "" : ": " + in.reason()) + "); run it first");
    }
    TrialResult r = in.result();
    if (!r.files().containsKey(ModelFile.NAME)) {
      throw new Main.UsageError("trial " + t.trial() + " stored no model (" + (TrialResult.DIVERGED.equals(r.status())
          ? "it diverged" : "keep_model none, or computed before rnnlab kept models") + ")");
    }
    Path file = store.dir().resolve(t.trial()).resolve(ModelFile.NAME);
    ModelFile.Contents model = ModelFile.read(file);
    TrialConfig config = Plans.config(t);
    Map<String, Double> measured;
    try {
      measured = config.training().evaluate(new Trial(config, t.seed(), t.testSeed()), model.stateDict());
    } catch (UnsupportedOperationException e) {
      throw new Main.UsageError(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new Main.UsageError(file + ": " + e.getMessage());
    }
    int differ = 0;
    for (Map.Entry<String, Double> e : measured.entrySet()) {
      if (!sameBits(e.getValue(), r.metrics().get(e.getKey()))) {
        differ++;
      }
    }
    if (json) {
      ObjectNode out = ResultsJson.mapper().createObjectNode();
      out.put("trial", t.trial());
      out.put("model", file.toString());
      ObjectNode m = out.putObject("metrics");
      measured.forEach((k, v) -> {
        if (v == null) {
          m.putNull(k);
        } else {
          m.put(k, v);
        }
      });
      out.put("identical_to_recorded", differ == 0);
      Main.OUT.println(ResultsJson.pretty(out).strip());
    } else {
      Main.OUT.println("trial " + t.trial() + ": model " + Outcome.shown(file));
      int w = measured.keySet().stream().mapToInt(String::length).max().orElse(0);
      for (Map.Entry<String, Double> e : measured.entrySet()) {
        Double rec = r.metrics().get(e.getKey());
        Main.OUT.printf(Locale.ROOT, "  %-" + w + "s  %s  %s%n", e.getKey(), text(e.getValue()),
            sameBits(e.getValue(), rec) ? "(= recorded)" : "(recorded " + text(rec) + ")");
      }
      Main.OUT.println(differ == 0
          ? measured.size() + " metrics equal the trial's recorded final metrics, bit for bit"
          : differ + " of " + measured.size() + " metrics differ from the trial's recorded final metrics");
    }
    return differ == 0 ? 0 : 1;
  }

  private static boolean sameBits(Double a, Double b) {
    if (a == null || b == null || !Double.isFinite(a)) {
      return (a == null || !Double.isFinite(a)) && b == null; // a result records a non-finite metric as null
    }
    return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
  }

  private static String text(Double v) {
    return v == null ? "—" : Double.toString(v);
  }
}
