package org.rnnlab.procedure.bptt.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.Rng;
import org.rnnlab.procedure.ConfigProblem;
import org.rnnlab.procedure.ProcedureContractTest;
import org.rnnlab.procedure.RecordingRecorder;
import org.rnnlab.procedure.Trial;
import org.rnnlab.procedure.TrialConfig;
import org.rnnlab.spec.Catalog;
import org.rnnlab.task.SequenceTask;

/**
 * bptt with the callbacks diagnostics, clip_statistics and success_report: the contract, and that the diagnostics measure what
 * they say without changing the training (the curve and the test metrics are the bits of the same
 * trial without them).
 */
class GradientDiagnosticsTest extends ProcedureContractTest {
  private static final String TRAINING_PLAIN = """
      "training": {"type": "bptt", "optimizer": {"type": "sgd", "lr": 0.1}, "batch_size": 4, "steps": 7,
                   "clipping": {"type": "global_norm", "max_norm": 0.5, "calibration_updates": 3}""";

  private static final String DIAGNOSTICS = """
      , "callbacks": {"clip_statistics": {}, "success_report": {},
        "diagnostics": {"every": 3, "probe_size": 5, "jacobian": true, "jacobian_sequences": 2}}""";

  @Override
  protected String configJson() {
    return trial("lstm", TRAINING_PLAIN + DIAGNOSTICS + "}");
  }

  private static String trial(String cell, String training) {
    return """
        {"task": {"type": "adding", "seq_len": 9},
         "model": {"cell": {"type": "%s"}, "hidden_size": 5},
         %s,
         "evaluation": {"every": 2, "test_size": 20}}
        """.formatted(cell, training);
  }

  private static RecordingRecorder run(String json, long seed) {
    try {
      TrialConfig c = Catalog.standard().mapper().readValue(json, TrialConfig.class);
      RecordingRecorder r = new RecordingRecorder();
      c.training().create().run(new Trial(c, seed, 5), r);
      return r;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void diagnosticsChangeNeitherTheCurveNorTheTestMetrics() {
    for (String cell : List.of("elman", "lstm", "gru")) {
      RecordingRecorder plain = run(trial(cell, TRAINING_PLAIN + "}"), 3);
      RecordingRecorder diag = run(trial(cell, TRAINING_PLAIN + DIAGNOSTICS + "}"), 3);
      assertEquals(plain.curve, diag.curve, cell);
      assertTrue(plain.series.isEmpty(), "no diagnostics, no series");
      plain.metrics.forEach((k, v) -> assertEquals(v, diag.metrics.get(k), cell + " " + k));
    }
  }

  @Test
  void theMetricsAreDeclaredInOrder() {
    // the loop's own, then each callback's in the calling order of Callbacks
    assertEquals(List.of("loss", "mse", "solved_fraction", "steps_to_solve", "clipped_fraction",
        "flow_log_rate_init", "flow_log_rate_final", "spectral_radius_init", "sigma_max_init", "spectral_radius_final",
        "sigma_max_final", "flow_bound_gap_init", "success", "sequences_to_solve"), config().training().metrics(config()));
  }

  @Test
  void probesAreMeasuredAtZeroEveryIntervalAndTheLastUpdate() {
    RecordingRecorder r = run(configJson(), 3);
    for (String name : List.of("flow.h.l0", "flow.c.l0", "spectrum.radius.weight_hh_l0",
        "spectrum.sigma_max.weight_hh_l0", "jacobian.log_frobenius.l0", "jacobian.log_spectral.l0")) {
      List<Long> steps = stepsOf(r, name);
      assertEquals(List.of(0L, 3L, 6L, 7L), steps, name);
    }
    assertEquals(9, valuesOf(r, "flow.h.l0", 0).length, "one norm per step t");
    assertEquals(4, valuesOf(r, "spectrum.radius.weight_hh_l0", 0).length, "one per LSTM gate block");
    assertEquals(9, valuesOf(r, "jacobian.log_spectral.l0", 7).length);
    // the empty product at t = T-1 is the identity of H = 5 units (h and c: Frobenius sqrt(5))
    double[] spec = valuesOf(r, "jacobian.log_spectral.l0", 0);
    assertEquals(0.0, spec[8], 1e-12);
  }

  @Test
  void everyUpdatesClippingIsRecordedAndTheFractionIsTheirMean() {
    RecordingRecorder r = run(configJson(), 3);
    List<Long> steps = stepsOf(r, "clip.fired");
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), steps);
    double fired = 0;
    for (long s : steps) {
      double f = valuesOf(r, "clip.fired", s)[0];
      double before = valuesOf(r, "clip.norm_before", s)[0];
      double after = valuesOf(r, "clip.norm_after", s)[0];
      assertTrue(f == 0.0 || f == 1.0);
      if (s <= 3) {
        assertEquals(0.0, f, "calibrating: nothing clipped");
      }
      assertEquals(f == 1.0, after < before, "fired exactly when the norm went down at " + s);
      fired += f;
    }
    assertEquals(fired / 7, r.metrics.get("clipped_fraction"), 0.0);
    // the relative threshold appears once, at the end of its calibration (update 3)
    assertEquals(List.of(3L), stepsOf(r, "clip.threshold.max_norm"));
    double c = valuesOf(r, "clip.threshold.max_norm", 3)[0];
    double mean = (valuesOf(r, "clip.norm_before", 1)[0] + valuesOf(r, "clip.norm_before", 2)[0]
        + valuesOf(r, "clip.norm_before", 3)[0]) / 3;
    assertEquals(0.5 * mean, c, 1e-12 * c);
    for (long s = 4; s <= 7; s++) {
      assertTrue(valuesOf(r, "clip.norm_after", s)[0] <= c * (1 + 1e-12), "bound holds at " + s);
    }
  }

  @Test
  void anAbsoluteThresholdIsRecordedAtUpdateZero() {
    RecordingRecorder r = run(trial("elman", """
        "training": {"type": "bptt", "optimizer": {"type": "sgd", "lr": 0.1}, "batch_size": 4, "steps": 3,
                     "clipping": {"type": "per_timestep", "threshold": 0.01, "after": {"type": "value", "clip_value": 2}},
                     "callbacks": {"clip_statistics": {}}}"""), 3);
    assertEquals(List.of(0L), stepsOf(r, "clip.threshold.threshold"));
    assertEquals(List.of(0L), stepsOf(r, "clip.threshold.after.clip_value"));
    assertEquals(1.0, r.metrics.get("clipped_fraction"), "a tiny per-step threshold clips every update");
    assertTrue(stepsOf(r, "flow.h.l0").isEmpty());
    assertEquals(List.of(1L, 2L, 3L), stepsOf(r, "clip.fired"));
  }

  @Test
  void withoutTheTraceOnlyTheThresholdsAndTheFractionAreRecorded() {
    String training = TRAINING_PLAIN + """
        , "callbacks": {"clip_statistics": {"trace": false}}}""";
    RecordingRecorder full = run(trial("gru", TRAINING_PLAIN + DIAGNOSTICS + "}"), 3);
    RecordingRecorder r = run(trial("gru", training), 3);
    assertTrue(stepsOf(r, "clip.fired").isEmpty());
    assertTrue(stepsOf(r, "clip.norm_before").isEmpty());
    assertEquals(List.of(3L), stepsOf(r, "clip.threshold.max_norm"));
    assertEquals(full.metrics.get("clipped_fraction"), r.metrics.get("clipped_fraction"));
  }

  @Test
  void successAndSequencesToSolveFollowTheTaskCriterion() {
    RecordingRecorder r = run(configJson(), 3);
    SequenceTask task = ((SequenceTask) config().task().create());
    java.util.Map<String, Double> test = new java.util.LinkedHashMap<>();
    test.put("mse", r.metrics.get("mse"));
    test.put("solved_fraction", r.metrics.get("solved_fraction"));
    assertEquals(task.solved(test) ? 1.0 : 0.0, r.metrics.get("success"));
    Double steps = r.metrics.get("steps_to_solve");
    assertEquals(steps == null ? null : steps * 4, r.metrics.get("sequences_to_solve"));
  }

  @Test
  void theTanhRnnFlowRespectsTheSingularValueBound() {
    for (long seed = 1; seed <= 4; seed++) {
      RecordingRecorder r = run(trial("elman", TRAINING_PLAIN + DIAGNOSTICS + "}"), seed);
      double gap = r.metrics.get("flow_bound_gap_init");
      assertTrue(gap <= 1e-12, "rate - ln sigma_max = " + gap);
      double rate = r.metrics.get("flow_log_rate_init");
      double[] h = valuesOf(r, "flow.h.l0", 0);
      assertEquals((Math.log(h[0]) - Math.log(h[8])) / 8, rate, 1e-12);
    }
  }

  @Test
  void aMixedLengthTaskGetsAProbeOfOneLength() {
    SequenceTask task = Catalog.standard().mapper().convertValue(
        java.util.Map.of("type", "temporal_order", "min_len", 20, "max_len", 23), org.rnnlab.task.SequenceTaskConfig.class)
        .create();
    Batch a = DiagnosticProbes.probeBatch(task, 6, Rng.of(4));
    Batch b = DiagnosticProbes.probeBatch(task, 6, Rng.of(4));
    assertTrue(a.uniformLength());
    assertEquals(6, a.size());
    assertTrue(a.steps() >= 20 && a.steps() <= 23);
    assertEquals(java.util.Arrays.toString(a.inputs()), java.util.Arrays.toString(b.inputs()));
    assertNotNull(a.labels());
    // the last step of every probe sequence is the trigger B
    for (int s = 0; s < a.size(); s++) {
      int off = ((a.steps() - 1) * a.size() + s) * a.inputSize();
      assertEquals(1.0, a.inputs()[off + org.rnnlab.task.TemporalOrderTask.B_TRIGGER]);
    }
  }

  @Test
  void aJacobianOfABidirectionalModelIsAConfigProblem() {
    TrialConfig c;
    try {
      c = Catalog.standard().mapper().readValue("""
          {"task": {"type": "adding", "seq_len": 9},
           "model": {"cell": {"type": "gru"}, "hidden_size": 5, "bidirectional": true},
           "training": {"type": "bptt", "optimizer": {"type": "sgd", "lr": 0.1}, "batch_size": 4, "steps": 2,
                        "callbacks": {"diagnostics": {"jacobian": true, "probe_size": 1}}},
           "evaluation": {"test_size": 4}}
          """, TrialConfig.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    List<String> pointers = c.training().check(c).stream().map(ConfigProblem::pointer).toList();
    assertEquals(List.of("/training/callbacks/diagnostics/jacobian", "/training/callbacks/diagnostics/jacobian_sequences"), pointers);
  }

  @Test
  void noDiagnosticsNoSeriesAndNoExtraMetrics() {
    RecordingRecorder r = run(trial("gru", TRAINING_PLAIN + "}"), 3);
    assertTrue(r.series.isEmpty());
    assertFalse(r.metrics.containsKey("clipped_fraction"));
    assertFalse(r.metrics.containsKey("success"));
    assertNull(r.divergedAt);
  }

  private static List<Long> stepsOf(RecordingRecorder r, String name) {
    List<Long> out = new ArrayList<>();
    for (String line : r.series) {
      String[] p = line.split(",");
      if (p[0].equals(name)) {
        out.add(Long.parseLong(p[1]));
      }
    }
    return out;
  }

  private static double[] valuesOf(RecordingRecorder r, String name, long step) {
    for (String line : r.series) {
      String[] p = line.split(",");
      if (p[0].equals(name) && Long.parseLong(p[1]) == step) {
        double[] v = new double[p.length - 2];
        for (int i = 0; i < v.length; i++) {
          v[i] = Double.longBitsToDouble(Long.parseUnsignedLong(p[i + 2], 16));
        }
        return v;
      }
    }
    throw new AssertionError("no series " + name + " at " + step);
  }
}
