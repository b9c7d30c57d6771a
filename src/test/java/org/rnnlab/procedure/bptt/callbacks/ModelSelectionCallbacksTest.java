package org.rnnlab.procedure.bptt.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.rnnlab.procedure.ConfigProblem;
import org.rnnlab.procedure.RecordingRecorder;
import org.rnnlab.procedure.Trial;
import org.rnnlab.procedure.TrialConfig;
import org.rnnlab.spec.Catalog;

/** Early stopping, best on validation and time to target: what each does to the loop and records. */
class ModelSelectionCallbacksTest {
  private static TrialConfig config(String callbacks, String track) {
    String json = """
        {"task": {"type": "adding", "seq_len": 6},
         "model": {"cell": {"type": "gru"}, "hidden_size": 4},
         "training": {"type": "bptt", "optimizer": {"type": "adam", "lr": 0.3}, "batch_size": 4, "steps": 40,
                      "callbacks": {%s}},
         "evaluation": {"every": 4, "test_size": 12, "validation_size": 12, "track": %s}}
        """.formatted(callbacks, track);
    try {
      return Catalog.standard().mapper().readValue(json, TrialConfig.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static TrialConfig config(String callbacks) {
    return config(callbacks, "[\"test\", \"validation\"]");
  }

  private static RecordingRecorder run(TrialConfig c) {
    RecordingRecorder r = new RecordingRecorder();
    c.training().create().run(new Trial(c, 7, 8), r);
    assertNull(r.divergedAt);
    return r;
  }

  /** The curve values of {@code metric} by update. */
  private static TreeMap<Long, Double> curve(RecordingRecorder r, String metric) {
    TreeMap<Long, Double> out = new TreeMap<>();
    for (String line : r.curve) {
      String[] f = line.split(",");
      if (f[1].equals(metric)) {
        out.put(Long.parseLong(f[0]), Double.longBitsToDouble(Long.parseUnsignedLong(f[2], 16)));
      }
    }
    return out;
  }

  @Test
  void earlyStoppingEndsTrainingAfterPatienceEvaluationsWithoutImprovement() {
    // an improvement must exceed 1e9: none ever does, so training stops at the second evaluation after update 0
    RecordingRecorder r = run(config("\"early_stopping\": {\"metric\": \"validation.loss\", \"mode\": \"min\", "
        + "\"patience\": 2, \"min_delta\": 1e9}"));
    assertEquals(8.0, r.metrics.get(EarlyStopping.STOPPED_AT));
    assertEquals(8L, curve(r, "loss").lastKey(), "no evaluation after the stop");
    assertEquals(curve(r, "loss").lastEntry().getValue(), r.metrics.get("loss"), "final test = the last evaluation");
    long[] last = r.progress.get(r.progress.size() - 1);
    assertEquals(last[1], last[0], "progress ends at its total");
    RecordingRecorder patient = run(config("\"early_stopping\": {\"metric\": \"validation.loss\", \"mode\": \"min\", "
        + "\"patience\": 100}"));
    assertEquals(40.0, patient.metrics.get(EarlyStopping.STOPPED_AT));
  }

  @Test
  void bestOnValidationTakesTheFinalMetricsFromTheBestEvaluation() {
    // "max" of a loss selects the worst weights: a choice that is surely not the last update's
    RecordingRecorder r = run(config("\"best_on_validation\": {\"metric\": \"validation.loss\", \"mode\": \"max\"}"));
    TreeMap<Long, Double> val = curve(r, "validation.loss");
    long best = val.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
    assertEquals((double) best, r.metrics.get(BestOnValidation.BEST_STEP));
    assertTrue(best < 40, "this trial's best weights are not its last ones, so the test is meaningful");
    assertEquals(curve(r, "loss").get(best), r.metrics.get("loss"), "the test loss of the best weights, bit for bit");
    assertEquals(val.get(best), r.metrics.get("validation.loss"));
    RecordingRecorder last = run(config(""));
    assertNotEquals(last.metrics.get("loss"), r.metrics.get("loss"));
    assertEquals(last.curve, r.curve, "the training itself is unchanged");
  }

  @Test
  void timeToTargetIsTheFirstEvaluationThatReachesTheThreshold() {
    RecordingRecorder plain = run(config(""));
    TreeMap<Long, Double> val = curve(plain, "validation.mse");
    double threshold = (val.get(0L) + val.values().stream().min(Double::compare).orElseThrow()) / 2;
    long first = val.entrySet().stream().filter(e -> e.getValue() <= threshold).findFirst().orElseThrow().getKey();
    assertTrue(first > 0);
    RecordingRecorder r = run(config("\"time_to_target\": {\"metric\": \"validation.mse\", \"mode\": \"min\", "
        + "\"threshold\": " + threshold + "}"));
    assertEquals((double) first, r.metrics.get(TimeToTarget.UPDATES_TO_TARGET));
    assertEquals(first * 4.0, r.metrics.get(TimeToTarget.SEQUENCES_TO_TARGET));
    RecordingRecorder never = run(config("\"time_to_target\": {\"metric\": \"validation.mse\", \"mode\": \"max\", "
        + "\"threshold\": 1e9}"));
    assertNull(never.metrics.get(TimeToTarget.UPDATES_TO_TARGET));
    assertTrue(never.metrics.containsKey(TimeToTarget.UPDATES_TO_TARGET), "recorded as not reached");
  }

  @Test
  void aWatchedMetricMustBeInTheLearningCurve() {
    TrialConfig c = config("\"early_stopping\": {\"metric\": \"validation.loss\", \"mode\": \"min\"}", "[\"test\"]");
    List<ConfigProblem> p = c.check();
    assertEquals(1, p.size());
    assertEquals("/training/callbacks/early_stopping/metric", p.get(0).pointer());
    assertEquals("\"validation.loss\" is not measured at the evaluations; the tracked metrics are loss, mse, "
        + "solved_fraction (evaluation.track chooses the sets)", p.get(0).message());
    TrialConfig mode = config("\"time_to_target\": {\"metric\": \"mse\", \"mode\": \"up\", \"threshold\": 1}");
    assertEquals(List.of("/training/callbacks/time_to_target/mode"),
        mode.check().stream().map(ConfigProblem::pointer).toList());
  }
}
