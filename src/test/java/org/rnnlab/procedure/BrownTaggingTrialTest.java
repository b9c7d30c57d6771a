package org.rnnlab.procedure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.engine.SequenceNetwork;
import org.rnnlab.data.Split;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.task.BrownFixture;
import org.rnnlab.task.SequenceTask;

/**
 * A bidirectional LSTM tagging a tiny generated Brown corpus (the real file format, read from the
 * data directory) through the bptt procedure: epochs of length-bucketed batches, evaluation sets in
 * length-sorted chunks, the tagging metrics.
 */
class BrownTaggingTrialTest extends ProcedureContractTest {
  @TempDir static Path tmp;
  private static String before;

  @BeforeAll
  static void corpus() throws IOException {
    BrownFixture.write(tmp.resolve("brown"));
    before = System.getProperty("rnnlab.data");
    System.setProperty("rnnlab.data", tmp.toString());
  }

  @AfterAll
  static void restore() {
    if (before == null) {
      System.clearProperty("rnnlab.data");
    } else {
      System.setProperty("rnnlab.data", before);
    }
  }

  @Override
  protected String configJson() {
    return """
        {"task": {"type": "brown_pos", "max_sentences": 200},
         "model": {"cell": {"type": "lstm"}, "hidden_size": 5, "bidirectional": true, "embedding_dim": 4},
         "training": {"type": "bptt", "optimizer": {"type": "adam", "lr": 0.02}, "batch_size": 8, "steps": 30},
         "evaluation": {"every": 10, "track": ["validation"]}}
        """;
  }

  @Test
  void itReportsTheTaggingMetricsAndLearnsPastTheFirstEvaluation() {
    assertEquals(List.of("loss", "accuracy", "oov_accuracy", "sentence_accuracy", "steps_to_solve",
        "validation.loss", "validation.accuracy", "validation.oov_accuracy", "validation.sentence_accuracy"),
        config().training().metrics(config()));
    RecordingRecorder r = run(3, 4);
    double first = value(r, "0,validation.accuracy,");
    double last = value(r, "30,validation.accuracy,");
    assertTrue(last > first + 0.2, "validation accuracy " + first + " -> " + last);
  }

  private static double value(RecordingRecorder r, String prefix) {
    String line = r.curve.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    return Double.longBitsToDouble(Long.parseUnsignedLong(line.substring(prefix.length()), 16));
  }

  @Test
  void aSetInChunksMeasuresWhatItMeasuresAsOneBatch() {
    TrialConfig c = config();
    Trial trial = new Trial(c, 5, 6);
    SequenceTask task = trial.task(SequenceTask.class);
    SequenceModel model = c.model(org.rnnlab.model.SequenceModelConfig.class).build(org.rnnlab.model.ModelShape.of(task), Rng.of(7));
    EvaluationSets sets = new EvaluationSets(trial, task);
    assertTrue(sets.batches("test").size() > 1, "the test split comes in chunks");
    Map<String, Double> chunked = sets.measure("test", new SequenceNetwork(model), 8);
    Batch whole = task.data().evaluation(Split.TEST, null, Rng.of(1));
    double[] out = model.predict(whole, 8);
    assertEquals(model.loss(whole, out), chunked.get("loss"), 1e-12);
    task.evaluate(whole, out).forEach((k, v) -> assertEquals(v, chunked.get(k), k));
  }
}
