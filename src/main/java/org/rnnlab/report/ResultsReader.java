package org.rnnlab.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.results.CurveRow;
import org.rnnlab.results.PlanRecord;
import org.rnnlab.results.ResultsStore;
import org.rnnlab.results.SeriesRow;
import org.rnnlab.results.TextRow;
import org.rnnlab.results.TrialArchive;

/**
 * Reads the results of the trials of a plan through {@link ResultsStore}, the one reader of the
 * results format, or from a report's trial record ({@link TrialArchive}), which holds what such a
 * read gave. A trial counts only if its result is complete, verified against the digests it
 * lists and ran with the config the plan expects; every other planned trial is listed with the
 * reason, so a partial report of an interrupted run is still worth reading and damage is never
 * silently plotted.
 */
final class ResultsReader {
  private ResultsReader() {}

  /** Reads the results in {@code store} of the trials of {@code plan} (the spec as it is now). */
  static Results read(PlanRecord plan, ResultsStore store) throws IOException {
    return read(plan, TrialArchive.snapshot(plan, store));
  }

  /**
   * The results of the trials of {@code plan} in {@code contents} (a snapshot of a results directory
   * or a trial record): a recorded trial counts only if it ran with the config {@code plan} expects.
   */
  static Results read(PlanRecord plan, TrialArchive.Contents contents) {
    Experiment experiment = Experiment.of(plan);
    Map<String, TrialArchive.Entry> recorded = TrialArchive.byTrial(contents);
    List<TrialRow> trials = new ArrayList<>();
    List<MissingTrial> missing = new ArrayList<>();
    Map<String, List<CurveRow>> curves = new HashMap<>();
    Map<String, List<SeriesRow>> series = new HashMap<>();
    Map<String, List<TextRow>> texts = new HashMap<>();
    for (PlanRecord.PlannedTrial t : plan.trials()) {
      TrialArchive.Entry e = recorded.get(t.trial());
      if (e == null) {
        missing.add(new MissingTrial(t.trial(), t.group(), "not in the trial record"));
      } else if (e.data() == null) {
        missing.add(new MissingTrial(t.trial(), t.group(), e.missing()));
      } else if (!e.data().result().configSha256().equals(t.configSha256())) {
        missing.add(new MissingTrial(t.trial(), t.group(), "stale: " + t.trial() + ": ran with another config than "
            + "the plan's (the trial record's config sha256 " + abbrev(e.data().result().configSha256()) + ", the plan "
            + "has " + abbrev(t.configSha256()) + ")"));
      } else {
        ResultsStore.TrialData d = e.data();
        trials.add(TrialRow.of(d.result()));
        curves.put(t.trial(), d.curve());
        series.put(t.trial(), d.series());
        if (!d.texts().isEmpty()) {
          texts.put(t.trial(), d.texts());
        }
      }
    }
    Map<String, Integer> order = new LinkedHashMap<>();
    plan.groups().forEach(g -> order.putIfAbsent(g.group(), order.size()));
    trials.sort(java.util.Comparator.<TrialRow>comparingInt(c -> order.getOrDefault(c.group(), order.size()))
        .thenComparingInt(TrialRow::seedIndex).thenComparing(TrialRow::trial));
    return new Results(experiment, experiment.groups(), List.copyOf(trials), List.copyOf(missing), Map.copyOf(curves),
        Map.copyOf(series), contents.warnings(), Map.copyOf(texts));
  }

  private static String abbrev(String sha) {
    return sha == null ? "none" : sha.length() > 12 ? sha.substring(0, 12) : sha;
  }
}
