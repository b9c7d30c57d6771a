package org.rnnlab.task.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.data.Split;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;
import org.rnnlab.spec.Catalog;
import org.rnnlab.task.TaskConfig;

/** The series tasks: splits in time with the past as context, scaling from the training part, metrics, baselines. */
class SeriesTaskTest {
  @TempDir
  Path data;

  @AfterEach
  void clearDataDir() {
    System.clearProperty("rnnlab.data");
  }

  private static TaskConfig parse(String json) throws IOException {
    return Catalog.standard().mapper().readValue(json, TaskConfig.class);
  }

  @Test
  void mackeyGlassIsTheSeriesShiftedByItsLookAheadAndSplitInTime() throws IOException {
    MackeyGlassTask t = (MackeyGlassTask) parse("{\"type\": \"mackey_glass\", \"length\": 500, \"look_ahead\": 3}")
        .create();
    double[] s = MackeyGlassSeries.standard().generate(500);
    assertArrayEquals(Arrays.copyOf(s, 497), t.input(), 0.0);
    assertArrayEquals(Arrays.copyOfRange(s, 3, 500), t.target(), 0.0);
    assertEquals(3, t.lookAhead());
    assertEquals(ReadoutMode.EVERY_STEP, t.readout());
    // 497 pairs: 347 / 49 / 101 (TimeSplit.of)
    assertEquals(347, t.split().to(Split.TRAIN));
    assertEquals(396, t.split().to(Split.VALIDATION));
    Batch train = t.data().training(8, null, Rng.of(1)).next();
    assertEquals(347, train.steps());
    assertEquals(1, train.size());
    Batch test = t.data().evaluation(Split.TEST, null, Rng.of(2));
    // the test sequence reads the whole past as context; only the test part is scored
    assertEquals(497, test.steps());
    assertArrayEquals(t.input(), test.inputs(), 0.0);
    for (int i = 0; i < 497; i++) {
      assertEquals(i >= 396 ? 1.0 : 0.0, test.weight(i, 0), "step " + i);
    }
    Batch validation = t.data().evaluation(Split.VALIDATION, null, Rng.of(3));
    assertEquals(396, validation.steps());
    assertEquals(1.0, validation.weight(347, 0));
    assertEquals(0.0, validation.weight(346, 0));
    assertThrows(IllegalArgumentException.class, () -> t.data().evaluation(Split.TEST, 5, Rng.of(2)));
    assertTrue(t.describe().contains("tau=17") && t.describe().contains("347 / 49 / 101"), t.describe());
  }

  @Test
  void metricsAreOverTheScoredPositionsOnly() throws IOException {
    MackeyGlassTask t = (MackeyGlassTask) parse("{\"type\": \"mackey_glass\", \"length\": 300}").create();
    Batch test = t.batch(Split.TEST);
    double[] out = t.target();
    assertEquals(Map.of("rmse", 0.0, "nrmse", 0.0), t.evaluate(test, out));
    // garbage on the context does not count; predicting the test part's own mean scores NRMSE 1 exactly
    int from = t.split().from(Split.TEST);
    int n = t.split().length(Split.TEST);
    double mean = SeriesMetrics.mean(t.target(), from, n);
    for (int i = 0; i < out.length; i++) {
      out[i] = i < from ? 1e6 : mean;
    }
    Map<String, Double> m = t.evaluate(test, out);
    assertEquals(1.0, m.get("nrmse"), 1e-12);
    assertEquals(SeriesMetrics.std(t.target(), from, n), m.get("rmse"), 1e-15);
    assertEquals(SeriesTask.metrics(), List.copyOf(m.keySet()));
  }

  @Test
  void baselinesAreComputedFromTheData() throws IOException {
    MackeyGlassTask t = (MackeyGlassTask) parse("{\"type\": \"mackey_glass\", \"length\": 800}").create();
    Map<String, Double> b = t.baseline();
    assertEquals(List.of("rmse", "nrmse", "persistence_rmse", "persistence_nrmse", "linear_rmse", "linear_nrmse"),
        List.copyOf(b.keySet()));
    int from = t.split().from(Split.TEST);
    int n = t.split().length(Split.TEST);
    double[] y = t.target();
    double trainMean = SeriesMetrics.mean(y, 0, t.split().to(Split.TRAIN));
    double[] mean = new double[n];
    Arrays.fill(mean, trainMean);
    assertEquals(SeriesMetrics.rmse(mean, 0, y, from, n), b.get("rmse"), 0.0);
    // persistence: predict s(t+1) by s(t)
    assertEquals(SeriesMetrics.nrmse(t.input(), from, y, from, n), b.get("persistence_nrmse"), 0.0);
    // Mackey-Glass is smooth: persistence and a linear AR(10) beat the mean by far, the AR model beats persistence
    assertTrue(b.get("persistence_nrmse") < 0.3 * b.get("nrmse"), b.toString());
    assertTrue(b.get("linear_nrmse") < b.get("persistence_nrmse"), b.toString());
    assertTrue(t.baselineDescription().contains("persistence"), t.baselineDescription());
    assertFalse(t.solved(Map.of("rmse", 0.0, "nrmse", 0.0)));
  }

  @Test
  void narmaIsFixedByItsOwnSeedAndDiscardsTheTransient() throws IOException {
    NarmaTask a = (NarmaTask) parse("{\"type\": \"narma\", \"length\": 600, \"discard\": 50, \"seed\": 4}").create();
    NarmaTask b = (NarmaTask) parse("{\"type\": \"narma\", \"length\": 600, \"discard\": 50, \"seed\": 4}").create();
    NarmaTask c = (NarmaTask) parse("{\"type\": \"narma\", \"length\": 600, \"discard\": 50, \"seed\": 5}").create();
    assertArrayEquals(a.input(), b.input(), 0.0);
    assertFalse(Arrays.equals(a.input(), c.input()));
    NarmaSeries.Sequence s = NarmaSeries.narma10().generate(650, Rng.of(4).child("narma"));
    assertArrayEquals(Arrays.copyOfRange(s.input(), 50, 650), a.input(), 0.0);
    assertArrayEquals(Arrays.copyOfRange(s.target(), 50, 650), a.target(), 0.0);
    assertEquals(0, a.lookAhead());
    Map<String, Double> base = a.baseline();
    assertFalse(base.containsKey("persistence_nrmse"), "the model never sees y: no persistence baseline");
    // anchors.md: the mean predicts NARMA-10 at NRMSE about 1; the linear 10-tap model does better but far from 0
    assertEquals(1.0, base.get("nrmse"), 0.05);
    assertTrue(base.get("linear_nrmse") > 0.3 && base.get("linear_nrmse") < 0.9, base.toString());
    assertThrows(IllegalArgumentException.class, () -> new NarmaTask.Config(10, 50, null, null));
  }

  @Test
  void sunspotsAreReadFromTheDatasetAndStandardisedByTheTrainingPartOnly() throws IOException {
    Path dir = Files.createDirectories(data.resolve("sunspots"));
    StringBuilder csv = new StringBuilder("\"YEAR\",\"SUNACTIVITY\"\n");
    double[] v = new double[120];
    for (int i = 0; i < v.length; i++) {
      v[i] = 50 + 40 * Math.sin(i * 0.55) + i % 7;
      csv.append(1700 + i).append(',').append(v[i]).append('\n');
    }
    Files.writeString(dir.resolve("sunspots.csv"), csv);
    org.rnnlab.data.DatasetFixture.seal(dir, "sunspots");
    System.setProperty("rnnlab.data", data.toString());
    TaskConfig config = parse("{\"type\": \"sunspots\"}");
    assertEquals(List.of("sunspots"), config.datasets());
    SunspotsTask t = (SunspotsTask) config.create();
    // 119 pairs: 83 / 11 / 25; mean and sd of the first 83 inputs only
    assertEquals(83, t.split().to(Split.TRAIN));
    double[] train = Arrays.copyOf(v, 83);
    double m = SeriesMetrics.mean(train, 0, 83);
    double sd = SeriesMetrics.std(train, 0, 83);
    assertEquals((v[100] - m) / sd, t.input()[100], 1e-12);
    assertEquals((v[101] - m) / sd, t.target()[100], 1e-12);
    assertEquals(sd, t.unitScale(), 1e-12);
    // changing a test-part value changes no scaled value before it: nothing leaks from the test part
    v[115] += 1000;
    csv = new StringBuilder("\"YEAR\",\"SUNACTIVITY\"\n");
    for (int i = 0; i < v.length; i++) {
      csv.append(1700 + i).append(',').append(v[i]).append('\n');
    }
    Files.writeString(dir.resolve("sunspots.csv"), csv);
    org.rnnlab.data.DatasetFixture.seal(dir, "sunspots");
    SunspotsTask moved = (SunspotsTask) config.create();
    assertArrayEquals(Arrays.copyOf(t.input(), 115), Arrays.copyOf(moved.input(), 115), 0.0);
    // rmse is reported in sunspot numbers: a prediction off by one sd everywhere has rmse sd, nrmse 1/std(z)
    Batch test = t.batch(Split.TEST);
    double[] out = t.target();
    for (int i = 0; i < out.length; i++) {
      out[i] += 1.0;
    }
    assertEquals(sd, t.evaluate(test, out).get("rmse"), 1e-9);
    assertTrue(t.describe().contains("1700-1819"), t.describe());
  }
}
