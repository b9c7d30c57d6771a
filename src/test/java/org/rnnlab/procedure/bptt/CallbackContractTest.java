package org.rnnlab.procedure.bptt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.rnnlab.procedure.RecordingRecorder;
import org.rnnlab.procedure.Trial;
import org.rnnlab.procedure.TrialConfig;
import org.rnnlab.results.MeasureName;
import org.rnnlab.spec.Catalog;

/**
 * What every training callback guarantees, on a small trial of its own: it is registered under
 * its key, its config raises no problem, the same trial gives the same bits, it records exactly
 * the final metrics it declares after the loop's own, and, if it says it only observes, the
 * trial's learning curve and the loop's final metrics are bit for bit those of the same trial
 * without it; the trial records exactly the curve scalars and series its training declares (what charts
 * are checked against). A callback's test extends this with its key and settings in a few lines.
 */
public abstract class CallbackContractTest {
  /** The callback's key under training.callbacks. */
  protected abstract String key();

  /** Its settings, as JSON. */
  protected abstract String settingsJson();

  /** The cell of the contract trial (a batch-norm callback needs a batch-norm LSTM). */
  protected String modelJson() {
    return "{\"cell\": {\"type\": \"lstm\"}, \"hidden_size\": 4}";
  }

  /** The task of the contract trial (a generation callback needs a language model). */
  protected String taskJson() {
    return "{\"type\": \"adding\", \"seq_len\": 7}";
  }

  /** The contract trial: the adding problem, a few Adam updates with clipping, test and validation tracked. */
  protected final TrialConfig config(boolean withCallback) {
    return config(withCallback, modelJson());
  }

  /** The contract trial with {@code model.precision} float32. */
  protected final TrialConfig float32Config(boolean withCallback) {
    String m = modelJson().trim();
    return config(withCallback, "{\"precision\": \"float32\", " + m.substring(1));
  }

  private TrialConfig config(boolean withCallback, String modelJson) {
    String callbacks = withCallback ? ", \"callbacks\": {\"" + key() + "\": " + settingsJson() + "}" : "";
    boolean fixedSplits = taskJson().contains("language_model");
    String sizes = fixedSplits ? "" : ", \"test_size\": 15, \"validation_size\": 15";
    String json = """
        {"task": %s,
         "model": %s,
         "training": {"type": "bptt", "optimizer": {"type": "adam", "lr": 0.05}, "batch_size": 5, "steps": 12,
                      "clipping": {"type": "global_norm", "max_norm": 0.5}%s},
         "evaluation": {"every": 2%s, "track": ["test", "validation"]}}
        """.formatted(taskJson(), modelJson, callbacks, sizes);
    try {
      return Catalog.standard().mapper().readValue(json, TrialConfig.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  protected final RecordingRecorder run(TrialConfig c, long seed) {
    RecordingRecorder r = new RecordingRecorder();
    c.training().create().run(new Trial(c, seed, 99), r);
    return r;
  }

  private CallbackConfig callback() {
    return ((BpttTraining) config(true).training()).callbackConfigs().get(key());
  }

  @Test
  void itIsRegisteredUnderItsKeyAndItsOwnConfigIsValid() {
    assertTrue(callback() != null, key() + " is a component of Callbacks");
    assertEquals(List.of(), config(true).check());
  }

  @Test
  void theSameTrialGivesTheSameBits() {
    RecordingRecorder a = run(config(true), 3);
    RecordingRecorder b = run(config(true), 3);
    assertEquals(a.curve, b.curve);
    assertEquals(a.series, b.series);
    assertEquals(a.texts, b.texts);
    assertEquals(a.metrics.toString(), b.metrics.toString());
  }

  @Test
  void itRecordsExactlyTheMetricsItDeclaresAfterTheLoops() {
    TrialConfig c = config(true);
    RecordingRecorder r = run(c, 3);
    assertNull(r.divergedAt);
    List<String> loops = config(false).training().metrics(config(false));
    List<String> expected = new ArrayList<>(loops);
    expected.addAll(callback().metrics(c, (BpttTraining) c.training()));
    assertEquals(expected, c.training().metrics(c));
    assertEquals(expected, List.copyOf(r.metrics.keySet()));
  }

  @Test
  void anObservingCallbackLeavesTrainingBitIdentical() {
    if (!callback().observesOnly()) {
      return;
    }
    RecordingRecorder plain = run(config(false), 3);
    RecordingRecorder with = run(config(true), 3);
    assertEquals(plain.curve, with.curve, "the learning curve, bit for bit");
    Map<String, Double> loops = new LinkedHashMap<>();
    plain.metrics.forEach((k, v) -> loops.put(k, with.metrics.get(k)));
    assertEquals(plain.metrics.toString(), loops.toString(), "the loop's final metrics, bit for bit");
  }

  /**
   * In a float32 trial too: it is valid, deterministic, records what it declares and, if it only observes,
   * leaves training bit-identical (a callback that reads engine internals works on a float64 copy).
   */
  @Test
  void aFloat32TrialRunsIt() {
    TrialConfig c = float32Config(true);
    assertEquals(List.of(), c.check());
    RecordingRecorder a = run(c, 3);
    RecordingRecorder b = run(c, 3);
    assertNull(a.divergedAt);
    assertEquals(a.curve, b.curve);
    assertEquals(a.metrics.toString(), b.metrics.toString());
    assertEquals(c.training().metrics(c), List.copyOf(a.metrics.keySet()));
    if (callback().observesOnly()) {
      assertEquals(run(float32Config(false), 3).curve, a.curve, "float32: the learning curve, bit for bit");
    }
  }

  @Test
  void theTrialRecordsExactlyTheCurveScalarsAndSeriesItDeclares() {
    TrialConfig c = config(true);
    RecordingRecorder r = run(c, 3);
    assertRecordsExactly(c.training().curve(c), r.curve.stream().map(l -> l.split(",")[1]).toList(), "curve");
    assertRecordsExactly(c.training().series(c), r.series.stream().map(l -> l.split(",")[0]).toList(), "series");
  }

  /** Every recorded name is declared, and every declared name (or family) has a recorded name. */
  private static void assertRecordsExactly(List<MeasureName> declared, List<String> recorded, String what) {
    Set<String> names = new TreeSet<>(recorded);
    for (String n : names) {
      assertTrue(declared.stream().anyMatch(m -> m.matches(n)), what + " " + n + " is recorded but not declared: "
          + declared);
    }
    for (MeasureName m : declared) {
      assertTrue(names.stream().anyMatch(m::matches), what + " " + m + " is declared but not recorded: " + names);
    }
  }
}
