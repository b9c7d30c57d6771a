package org.rnnlab.procedure.bptt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.procedure.ConfigProblem;
import org.rnnlab.procedure.TrialConfig;
import org.rnnlab.spec.Catalog;

/** What bptt refuses at validate that would otherwise fail or mislead later. */
class BpttChecksTest {
  private static List<ConfigProblem> problems(String cell, String training) {
    return config(cell, training).check();
  }

  private static TrialConfig config(String cell, String training) {
    String json = """
        {"task": {"type": "adding", "seq_len": 6},
         "model": {"cell": %s, "hidden_size": 4},
         "training": {"type": "bptt", "optimizer": {"type": "sgd", "lr": 0.1}, %s},
         "evaluation": {"test_size": 8}}
        """.formatted(cell, training);
    try {
      return Catalog.standard().mapper().readValue(json, TrialConfig.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aCalibrationAsLongAsTrainingNeverClips() {
    String clip = "\"clipping\": {\"type\": \"global_norm\", \"max_norm\": 1, \"calibration_updates\": 50}";
    assertEquals(List.of(new ConfigProblem("/training/clipping/calibration_updates", "the rule calibrates on 50 "
            + "updates, but training makes only 50: it would never clip")),
        problems("{\"type\": \"gru\"}", "\"batch_size\": 4, \"steps\": 50, " + clip));
    assertEquals(List.of(), problems("{\"type\": \"gru\"}", "\"batch_size\": 4, \"steps\": 51, " + clip));
    String nested = "\"clipping\": {\"type\": \"per_timestep\", \"threshold\": 1, \"after\": {\"type\": \"value\", "
        + "\"clip_value\": 1, \"calibration_updates\": 60}}";
    assertEquals(1, problems("{\"type\": \"elman\"}", "\"batch_size\": 4, \"steps\": 50, " + nested).size());
  }

  @Test
  void batchNormAtBatchSizeOneIsRefused() {
    String bn = "{\"type\": \"lstm\", \"norm\": {\"type\": \"batch\", \"max_steps\": 6}}";
    assertEquals(List.of("/training/batch_size"),
        problems(bn, "\"batch_size\": 1, \"steps\": 5").stream().map(ConfigProblem::pointer).toList());
    assertEquals(List.of(), problems(bn, "\"batch_size\": 2, \"steps\": 5"));
    assertEquals(List.of(), problems("{\"type\": \"lstm\", \"norm\": {\"type\": \"layer\"}}",
        "\"batch_size\": 1, \"steps\": 5"));
  }

  @Test
  void aTrialsCostForTheEtaGrowsWithTheCellsGateBlocks() {
    String training = "\"batch_size\": 4, \"steps\": 50";
    double rnn = cost("{\"type\": \"elman\"}", training);
    assertEquals(4.0, cost("{\"type\": \"lstm\"}", training) / rnn, 1e-12);
    assertEquals(3.0, cost("{\"type\": \"gru\"}", training) / rnn, 1e-12);
    assertEquals(2.0, cost("{\"type\": \"elman\"}", "\"batch_size\": 8, \"steps\": 50") / rnn, 1e-12);
    assertEquals(3.0, cost("{\"type\": \"elman\"}", "\"batch_size\": 4, \"steps\": 150") / rnn, 1e-12);
  }

  private static double cost(String cell, String training) {
    TrialConfig c = config(cell, training);
    return c.training().cost(c);
  }
}
