package org.rnnlab.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rnnlab.results.CurveRow;
import org.rnnlab.results.PlanRecord;
import org.rnnlab.results.ResultsStore;
import org.rnnlab.results.SeriesRow;
import org.rnnlab.results.TextRow;
import org.rnnlab.results.TrialFailure;

/**
 * Reads the results of the trials of a plan through {@link ResultsStore}, the one reader of the
 * results format. A trial counts only if its result is complete, verified against the digests it
 * lists and ran with the config the plan expects; every other planned trial is listed with the
 * reason, so a partial report of an interrupted run is still worth reading and damage is never
 * silently plotted.
 */
final class ResultsReader {
  private ResultsReader() {}

  /** Reads the results in {@code store} of the trials of {@code plan} (the spec as it is now). */
  static Results read(PlanRecord plan, ResultsStore store) throws IOException {
    Experiment experiment = Experiment.of(plan);
    List<TrialRow> trials = new ArrayList<>();
    List<MissingTrial> missing = new ArrayList<>();
    Map<String, List<CurveRow>> curves = new HashMap<>();
    Map<String, List<SeriesRow>> series = new HashMap<>();
    Map<String, List<TextRow>> texts = new HashMap<>();
    List<String> warnings = new ArrayList<>();
    Set<String> planned = new HashSet<>();
    for (PlanRecord.PlannedTrial t : plan.trials()) {
      planned.add(t.trial());
      ResultsStore.Inspection in = store.inspect(t.trial(), t.configSha256());
      switch (in.state()) {
        case DONE -> {
          ResultsStore.TrialData d = store.readTrial(t.trial());
          trials.add(TrialRow.of(d.result()));
          curves.put(t.trial(), d.curve());
          series.put(t.trial(), d.series());
          if (!d.texts().isEmpty()) {
            texts.put(t.trial(), d.texts());
          }
        }
        case MISSING -> {
          TrialFailure f = store.readFailure(t.trial());
          String why = f != null ? "failed: " + f.error()
              : store.isLocked(t.trial()) ? "running" : "not run yet";
          missing.add(new MissingTrial(t.trial(), t.group(), why));
        }
        case STALE -> missing.add(new MissingTrial(t.trial(), t.group(), "stale: " + in.reason()));
        case LEGACY -> missing.add(new MissingTrial(t.trial(), t.group(), "older format: " + in.reason()));
        case DAMAGED -> missing.add(new MissingTrial(t.trial(), t.group(), "damaged: " + in.reason()));
        default -> throw new IllegalStateException(in.state().toString());
      }
    }
    int unplanned = 0;
    for (String dir : store.trialDirectories()) {
      if (!planned.contains(dir)) {
        unplanned++;
      }
    }
    if (unplanned > 0) {
      warnings.add(unplanned + " trial director" + (unplanned == 1 ? "y" : "ies") + " in " + store.dir()
          + " belong to no trial of the current plan and are ignored");
    }
    Map<String, Integer> order = new LinkedHashMap<>();
    plan.groups().forEach(g -> order.putIfAbsent(g.group(), order.size()));
    trials.sort(java.util.Comparator.<TrialRow>comparingInt(c -> order.getOrDefault(c.group(), order.size()))
        .thenComparingInt(TrialRow::seedIndex).thenComparing(TrialRow::trial));
    return new Results(experiment, experiment.groups(), List.copyOf(trials), List.copyOf(missing), Map.copyOf(curves),
        Map.copyOf(series), List.copyOf(warnings), Map.copyOf(texts));
  }
}
