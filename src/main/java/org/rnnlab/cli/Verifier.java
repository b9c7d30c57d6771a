package org.rnnlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.rnnlab.report.ClaimResult;
import org.rnnlab.results.AtomicWrite;
import org.rnnlab.results.FileDigest;
import org.rnnlab.results.ResultsJson;
import org.rnnlab.results.ResultsStore;
import org.rnnlab.results.TrialResult;
import org.rnnlab.spec.ExperimentPlan;
import org.rnnlab.spec.TrialPlan;

/**
 * Checks a finished run of an experiment's ci profile: (a) its headline claims hold, and (b) every
 * trial's status, final metrics and learning curve (the SHA-256 of curve.csv) equal, bit for bit,
 * the expected values committed under experiments/expected/NAME.PROFILE.json. With {@code update},
 * rewrites an expected file whose numbers changed (after a change that legitimately changes them)
 * and leaves equal ones untouched.
 */
final class Verifier {
  /** The key of the per-trial numbers; files written before trials were called trials say "cells". */
  private static final String TRIALS = "trials";
  private static final String LEGACY_TRIALS = "cells";
  private final Path expectedDir;
  private final PrintStream out;

  Verifier(Path expectedDir, PrintStream out) {
    this.expectedDir = expectedDir;
    this.out = out;
  }

  /** Checks the run of {@code plan} in {@code resultsDir} against {@code claims}; returns the problems (empty: verified). */
  List<String> check(ExperimentPlan plan, List<ClaimResult> claims, Path resultsDir, boolean update) throws IOException {
    List<String> problems = new ArrayList<>();
    for (ClaimResult c : claims) {
      out.printf("  %s  %s (%s)%n", c.verdict().word(), c.text(), c.detail());
      if (c.failed()) { // a claim not evaluated is listed, not a failure: its trials' absence is reported apart
        problems.add(plan.name() + ": claim failed: " + c.text() + " (" + c.detail() + ")");
      }
    }
    ObjectNode actual = numbers(plan, new ResultsStore(resultsDir));
    Path file = expectedDir.resolve(plan.resultsName() + ".json");
    JsonNode expected = Files.isRegularFile(file) ? ResultsJson.mapper().readTree(file.toFile()) : null;
    JsonNode expectedTrials = expected == null ? null
        : expected.has(TRIALS) ? expected.get(TRIALS) : expected.get(LEGACY_TRIALS);
    List<String> diffs = expectedTrials == null ? List.of("no expected numbers") : compare(expectedTrials,
        actual.get(TRIALS));
    if (update) {
      if (diffs.isEmpty()) {
        out.printf("  %s unchanged (%d trials)%n", file, actual.get(TRIALS).size());
      } else {
        AtomicWrite.writeString(file, ResultsJson.pretty(actual));
        out.printf("  wrote %s (%d trials)%n", file, actual.get(TRIALS).size());
      }
      return problems;
    }
    if (expectedTrials == null) {
      problems.add(plan.name() + ": no expected numbers at " + file + "; create them with `make expected`");
    } else if (diffs.isEmpty()) {
      out.printf("  numbers identical to %s (%d trials, bit for bit)%n", file, actual.get(TRIALS).size());
    }
    if (expectedTrials != null) {
      diffs.forEach(d -> problems.add(plan.name() + ": " + d));
    }
    return problems;
  }

  /** Per trial: status, diverged_at_step, final metrics (exact doubles) and the SHA-256 of its curve. */
  static ObjectNode numbers(ExperimentPlan plan, ResultsStore store) throws IOException {
    ObjectNode root = ResultsJson.mapper().createObjectNode();
    root.put("experiment", plan.name());
    root.put("profile", plan.profile());
    ObjectNode trials = root.putObject(TRIALS);
    for (TrialPlan t : plan.trials()) {
      ResultsStore.Inspection in = store.inspect(t.id(), t.sha256());
      ObjectNode n = trials.putObject(t.id());
      if (in.state() != ResultsStore.State.DONE) {
        n.put("status", "no result: " + (in.reason() == null ? in.state().name().toLowerCase() : in.reason()));
        continue;
      }
      TrialResult r = in.result();
      n.put("status", r.status());
      if (r.divergedAtStep() == null) {
        n.putNull("diverged_at_step");
      } else {
        n.put("diverged_at_step", r.divergedAtStep());
      }
      ObjectNode m = n.putObject("metrics");
      for (Map.Entry<String, Double> e : r.metrics().entrySet()) {
        if (e.getValue() == null) {
          m.putNull(e.getKey());
        } else {
          m.put(e.getKey(), e.getValue());
        }
      }
      FileDigest curve = r.files().get(ResultsStore.CURVE);
      n.put("curve_sha256", curve.sha256());
      FileDigest texts = r.files().get(ResultsStore.TEXTS);
      if (texts != null) {
        n.put("texts_sha256", texts.sha256()); // generated text (samples) is reproduced bit for bit too
      }
    }
    return root;
  }

  private static List<String> compare(JsonNode expected, JsonNode actual) {
    List<String> diffs = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode a = actual.get(e.getKey());
      if (a == null) {
        diffs.add("trial " + e.getKey() + " expected but not in the plan");
      } else if (!a.equals(e.getValue())) {
        diffs.add("trial " + e.getKey() + " differs: expected " + e.getValue() + ", got " + a);
      }
    }
    for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
      String id = it.next();
      if (!expected.has(id)) {
        diffs.add("trial " + id + " has no expected numbers; refresh with `make expected`");
      }
    }
    return diffs;
  }
}
