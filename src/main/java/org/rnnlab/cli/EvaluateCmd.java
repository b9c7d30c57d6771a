package org.rnnlab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnnlab.results.ResultsJson;
import org.rnnlab.results.TrialResult;
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
    StoredModel stored = StoredModel.load(name, profile, trial, "evaluate");
    TrialResult r = stored.result();
    Path file = stored.file();
    Map<String, Double> measured;
    try {
      measured = stored.trial().config().training().evaluate(stored.trial(), stored.model().stateDict());
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
      out.put("trial", stored.id());
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
      Main.OUT.println("trial " + stored.id() + ": model " + Outcome.shown(file));
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
