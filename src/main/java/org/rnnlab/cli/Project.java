package org.rnnlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.rnnlab.config.Home;
import org.rnnlab.spec.ExperimentPlan;
import org.rnnlab.spec.Planner;
import org.rnnlab.spec.SpecException;

/**
 * Where the project keeps things: experiments/, results/, reports/ under the project directory
 * ({@link Home}), whatever directory the command was typed in; a spec path a user types is read
 * relative to where they typed it.
 */
final class Project {
  private Project() {}

  static Path experiments() {
    return Home.resolve("experiments");
  }

  static Path results() {
    return Home.resolve("results");
  }

  static Path reports() {
    return Home.resolve("reports");
  }

  /** The spec files under experiments/, sorted (schema.json excluded). */
  static List<Path> specFiles() throws IOException {
    try (Stream<Path> s = Files.list(experiments())) {
      return s.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().equals("schema.json"))
          .sorted().toList();
    }
  }

  /** The spec of {@code name}: a path (with ".json" or a "/"), or the name of a file under experiments/. */
  static Path specFile(String name) {
    boolean path = name.endsWith(".json") || name.contains("/");
    Path p = path ? Path.of(name) : experiments().resolve(name + ".json");
    if (!Files.isRegularFile(p)) {
      List<String> known = new ArrayList<>();
      try {
        specFiles().forEach(f -> known.add(f.getFileName().toString().replaceFirst("\\.json$", "")));
      } catch (IOException e) {
        // no experiments directory: nothing to suggest
      }
      throw new SpecException(List.of(p + ": no such experiment spec" + (path ? "" : Suggest.didYouMean(name, known))
          + " (see `./rnnlab list`)"));
    }
    if (path) {
      refuseNamesakes(p);
    }
    return p;
  }

  /**
   * A spec outside experiments/ takes its experiment name from its file name, and results/NAME and
   * reports/NAME from that: a file named like a project experiment would replace that experiment's
   * results (recomputed as stale) and its committed report. Refused in one line rather than written
   * elsewhere: a second place for results would have to be followed by every command that finds
   * them by name (status, report, show, run-cell on a cluster), and renaming the file is one step.
   */
  private static void refuseNamesakes(Path spec) {
    String stem = spec.getFileName().toString().replaceFirst("\\.json$", "");
    Path own = experiments().resolve(stem + ".json");
    try {
      if (Files.isRegularFile(own) && !Files.isSameFile(spec, own)) {
        throw new SpecException(List.of(spec + ": named like the project's experiment " + Outcome.shown(own)
            + ", whose results (results/" + stem + ") and report it would replace; rename the file (e.g. " + stem
            + "-2.json) or edit " + Outcome.shown(own)));
      }
    } catch (IOException e) {
      throw new SpecException(List.of(spec + ": cannot compare with " + own + ": " + e.getMessage()));
    }
  }

  /** The plan of a spec name or path with a profile (null: none). */
  static ExperimentPlan plan(String name, String profile) {
    return Planner.standard().plan(specFile(name), profile);
  }

  /**
   * As {@link #plan}, for commands that read results or a trial record: the spec is not refused for a
   * dataset that is not here (a fresh clone rebuilds a committed report from its record without them;
   * whatever computes a baseline from the data still needs it).
   */
  static ExperimentPlan planForReading(String name, String profile) {
    return Planner.standard().withoutDataChecks().plan(specFile(name), profile);
  }

  /** The results directory of a plan. */
  static Path resultsDir(ExperimentPlan plan) {
    return results().resolve(plan.resultsName());
  }

  /** The report directory of a plan. */
  static Path reportDir(ExperimentPlan plan) {
    return reports().resolve(plan.resultsName());
  }

  /** The command that reproduces a run, for the report. */
  static String command(ExperimentPlan plan) {
    return "make experiment NAME=" + plan.name() + (plan.profile() == null ? "" : " PROFILE=" + plan.profile());
  }
}
