package org.rnnlab.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes found when a new user tried the pipeline: each gives one exact line, before anything runs. */
class PipelineValidationTest {
  static final String SPEC = """
      {"description": "x", "task": {"type": "adding", "seq_len": 10},
       "model": {"cell": {"type": "lstm"}, "hidden_size": 4},
       "training": {"type": "bptt", "optimizer": {"type": "sgd", "lr": LR}, "batch_size": 4, "steps": 1},
       "evaluation": {"every": 1, "test_size": 4}, "seeds": SEEDS, "root_seed": 1,
       "variants": {"a": {}, "b": {"task": {"type": "copy"}}},
       "report": {"main_metric": "MAIN"} CLAIMS}
      """;

  @TempDir Path tmp;

  private List<String> problems(String name, String json) throws IOException {
    Path f = tmp.resolve(name + ".json");
    Files.writeString(f, json);
    return assertThrows(SpecException.class, () -> TestTasks.PLANNER.plan(f)).lines();
  }

  private String line(String name, String rest) {
    return tmp.resolve(name + ".json") + ": " + rest;
  }

  private static String spec(String lr, String seeds, String main, String claims) {
    return SPEC.replace("LR", lr).replace("SEEDS", seeds).replace("MAIN", main).replace("CLAIMS", claims);
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void aHugePlanIsRefusedBeforeAnythingIsExpanded() throws IOException {
    assertEquals(List.of(line("big", "/seeds: the plan would have 2000000000 trials (2 variants x 1 sweep points x "
            + "1000000000 seeds); the limit is 10000")),
        problems("big", spec("0.1", "1000000000", "loss", "")));
  }

  @Test
  void aNumberBeyondTheRangeOfADoubleIsAnError() throws IOException {
    assertEquals(List.of(line("huge", "/training/optimizer/lr: is out of the range of a double (about ±1.8e308)")),
        problems("huge", spec("1e400", "1", "loss", "")));
  }

  @Test
  void aNameWithADotWouldShareAResultsDirectoryAndIsRefused() throws IOException {
    List<String> p = problems("lstm-vs-gru.ci", spec("0.1", "1", "loss", ""));
    assertEquals(1, p.size());
    assertTrue(p.get(0).startsWith(line("lstm-vs-gru.ci", "the experiment name \"lstm-vs-gru.ci\" must match")),
        p.get(0));
  }

  @Test
  void misspeltMetricsAreRefusedWithTheMetricsThereAre() throws IOException {
    assertEquals(List.of(line("metric", "/report/main_metric: \"accuracyy\" is not a metric of every trial; metrics "
            + "all trials report: [loss, steps_to_solve]")),
        problems("metric", spec("0.1", "1", "accuracyy", "")));
    String claims = ", \"claims\": [{\"text\": \"t\", \"variant\": \"a\", \"metric\": \"mse\", \"op\": \"<\", "
        + "\"value\": 1}, {\"text\": \"u\", \"variant\": \"b\", \"metric\": \"mse\", \"op\": \"<\", \"value\": 1}]";
    assertEquals(List.of(line("claim", "/claims/1/metric: \"mse\" is not a metric of every trial the claim is about; "
            + "metrics: [loss, cross_entropy, accuracy, steps_to_solve]")),
        problems("claim", spec("0.1", "1", "loss", claims)));
  }

  private String withCharts(String charts) {
    return spec("0.1", "1", "loss", "").replace("{\"main_metric\": \"loss\"}",
        "{\"main_metric\": \"loss\", \"charts\": [" + charts + "]}");
  }

  @Test
  void aChartNamingAMetricNoTrialRecordsIsRefusedWithThePointerAndTheMetricsThereAre() throws IOException {
    // a final metric of some trial (mse: variant a only) is fine: the chart draws the groups that have it
    Path ok = tmp.resolve("fine.json");
    Files.writeString(ok, withCharts("{\"type\": \"final_metric\", \"metric\": \"mse\"}, "
        + "{\"type\": \"learning_curve\", \"metric\": \"train_loss\"}"));
    assertEquals(2, TestTasks.PLANNER.plan(ok).trials().size());
    assertEquals(List.of(line("chart", "/report/charts/1/metric: \"mes\" is not a metric any trial records; metrics: "
            + "[loss, mse, solved_fraction, steps_to_solve, cross_entropy, accuracy]")),
        problems("chart", withCharts("{\"type\": \"final_metric\"}, "
            + "{\"type\": \"final_metric\", \"metric\": \"mes\"}")));
  }

  @Test
  void aLearningCurveOfAScalarNoCurveHoldsIsRefused() throws IOException {
    assertEquals(List.of(line("curve", "/report/charts/0/metric: \"steps_to_solve\" is not a curve scalar any trial "
            + "records; curve scalars: [train_loss, grad_norm, loss, mse, solved_fraction, cross_entropy, "
            + "accuracy]")),
        problems("curve", withCharts("{\"type\": \"learning_curve\", \"metric\": \"steps_to_solve\"}")));
  }

  @Test
  void aSeriesChartWithoutDiagnosticsIsRefused() throws IOException {
    assertEquals(List.of(line("flow", "/report/charts/0/series: \"flow.h.l0\" is not a series any trial records; "
            + "series: none"),
            line("flow", "/report/charts/1/type: \"clip.norm_before\" (a clip_trace chart) is not a series any trial "
            + "records; series: none")),
        problems("flow", withCharts("{\"type\": \"gradient_flow\"}, {\"type\": \"clip_trace\"}")));
  }

  @Test
  void aMisspeltSeriesIsRefusedWithTheClosestNamesFirst() throws IOException {
    String diagnostics = spec("0.1", "1", "loss", "").replace("\"steps\": 1}",
        "\"steps\": 1, \"callbacks\": {\"diagnostics\": {\"jacobian\": true}, \"clip_statistics\": {}}}").replace("{\"main_metric\": \"loss\"}",
        "{\"main_metric\": \"loss\", \"charts\": [{\"type\": \"gradient_flow\", \"series\": \"flow.c.l1\"}, "
        + "{\"type\": \"spectral_radius\", \"quantity\": \"sigma_max\", \"param\": \"weight_hh_l0\"}]}");
    assertEquals(List.of(line("series", "/report/charts/0/series: \"flow.c.l1\" is not a series any trial records; "
            + "series: [flow.c.l0, flow.h.l0, clip.fired, clip.norm_after, clip.norm_before, clip.threshold.<name>, "
            + "jacobian.log_spectral.l0, jacobian.log_frobenius.l0, spectrum.radius.weight_hh_l0, "
            + "spectrum.sigma_max.weight_hh_l0]")),
        problems("series", diagnostics));
  }

  @Test
  void aTrainingSectionOfTheOlderFormatGetsAHint() throws IOException {
    List<String> p = problems("old", spec("0.1", "1", "loss", "").replace("\"type\": \"bptt\", ", ""));
    assertEquals(List.of(line("old", "/training/type: required key is missing: \"training\" is a procedure chosen by "
        + "\"type\" (since rnnlab 0.2); add \"type\": \"bptt\" for gradient descent through time as before")), p);
  }

  @Test
  void aGeneratedTaskNeedsATestSize() throws IOException {
    List<String> p = problems("nosize", spec("0.1", "1", "loss", "").replace(", \"test_size\": 4", ""));
    assertEquals(List.of(line("nosize", "/evaluation/test_size: a generated task needs test_size (how many test "
        + "sequences to draw)")), p);
  }
}
