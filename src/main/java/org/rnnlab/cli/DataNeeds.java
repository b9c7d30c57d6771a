package org.rnnlab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.rnnlab.data.DataDir;
import org.rnnlab.data.DatasetFetcher;
import org.rnnlab.data.DatasetSource;
import org.rnnlab.data.Datasets;
import org.rnnlab.procedure.EvaluationSet;
import org.rnnlab.spec.ExperimentPlan;
import org.rnnlab.spec.Planner;
import org.rnnlab.spec.TrialPlan;

/**
 * The datasets an experiment reads, and planning that first fetches those not yet in the data
 * directory (`run`, `verify`): a researcher's first run of a data experiment needs no separate
 * `data fetch`. With --offline a missing dataset is refused in one line naming the fetch command.
 * A dataset that is there but damaged is never silently replaced: planning refuses it as before,
 * naming `data fetch NAME --force`.
 */
final class DataNeeds {
  /** Fetches one dataset into the data directory; tests replace it (they never download). */
  interface Fetcher {
    void fetch(DatasetSource source) throws IOException;
  }

  /** How {@link #plan} fetches; a test's stand-in while it runs. */
  static Fetcher fetcher = s -> new DatasetFetcher(DataDir.location()).fetch(s);

  private DataNeeds() {}

  /** The registered datasets the trials of {@code plan} read (task and evaluation sets), sorted by name. */
  static List<String> of(ExperimentPlan plan) {
    Set<String> out = new TreeSet<>();
    for (TrialPlan t : plan.trials()) {
      out.addAll(t.config().task().datasets());
      for (EvaluationSet set : t.config().evaluation().sets().values()) {
        out.addAll(set.task().datasets());
      }
    }
    return List.copyOf(out);
  }

  /** Those of {@code needed} that have not been fetched at all (damaged ones are there). */
  static List<String> notFetched(List<String> needed) {
    return needed.stream().filter(d -> Datasets.get(d) != null && !Datasets.fetched(d)).toList();
  }

  /**
   * The plan of spec {@code file} with {@code profile}, after fetching the datasets it needs that
   * are missing (one line each on {@code log}), or refusing them if {@code offline}. The plan is then
   * made with the data checks, so a damaged dataset is refused before any trial.
   */
  static ExperimentPlan plan(Path file, String profile, boolean offline, PrintStream log) throws IOException {
    ExperimentPlan plan = Planner.standard().withoutDataChecks().plan(file, profile);
    List<String> needed = of(plan);
    if (needed.isEmpty()) {
      return plan;
    }
    for (String d : notFetched(needed)) {
      DatasetSource s = Datasets.get(d);
      if (offline) {
        throw new Main.UsageError(plan.name() + " " + Datasets.missing(d) + " (--offline: nothing is fetched)");
      }
      log.println("rnnlab: " + plan.name() + " needs dataset " + d + ", which is not in " + DataDir.location()
          + ": fetching it (" + s.client().name().toLowerCase(Locale.ROOT) + " package " + s.pkg() + " "
          + s.version() + ", pinned and SHA-256 checked)");
      fetcher.fetch(s);
    }
    return Planner.standard().plan(file, profile);
  }
}
