package org.rnnlab.procedure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.spec.Planner;
import org.rnnlab.spec.SpecException;

/**
 * A bidirectional GRU on synthetic tagging through the bptt procedure (token inputs, embedding,
 * every-step softmax, ragged lengths); and what validation refuses for such a spec.
 */
class OffsetTaggingTrialTest extends ProcedureContractTest {
  @Override
  protected String configJson() {
    return """
        {"task": {"type": "offset_tagging", "vocabulary": 4, "offset": 1, "min_length": 3, "max_length": 7},
         "model": {"cell": {"type": "gru"}, "hidden_size": 5, "bidirectional": true, "embedding_dim": 3},
         "training": {"type": "bptt", "optimizer": {"type": "adam", "lr": 0.01}, "batch_size": 4, "steps": 6},
         "evaluation": {"every": 3, "test_size": 20, "validation_size": 10, "track": ["test", "validation"]}}
        """;
  }

  @Test
  void itReportsTheTaggingMetricsOfEverySet() {
    assertEquals(List.of("loss", "accuracy", "sentence_accuracy", "steps_to_solve", "validation.loss",
        "validation.accuracy", "validation.sentence_accuracy"), config().training().metrics(config()));
  }

  @TempDir Path tmp;

  private List<String> problems(String json) throws IOException {
    Path f = tmp.resolve("tagging.json");
    Files.writeString(f, json);
    return assertThrows(SpecException.class, () -> Planner.standard().plan(f)).lines();
  }

  private static final String SPEC = """
      {"description": "x", "task": {"type": "offset_tagging"},
       "model": {"cell": {"type": "lstm"}, "hidden_size": 4, "bidirectional": true MODEL},
       "training": {"type": "bptt", "optimizer": {"type": "sgd", "lr": 0.1}, "batch_size": 4, "steps": 1 TRAINING},
       "evaluation": {"test_size": 4}, "seeds": 1, "root_seed": 1, "report": {"main_metric": "accuracy"}}
      """;

  @Test
  void truncatedBpttWithABidirectionalLayerIsRefusedAtValidation() throws IOException {
    List<String> p = problems(SPEC.replace("MODEL", ", \"embedding_dim\": 3").replace("TRAINING",
        ", \"truncation\": 5"));
    assertEquals(List.of(tmp.resolve("tagging.json") + ": /training/truncation: truncated BPTT cannot train a "
        + "bidirectional layer (model.bidirectional is true): leave truncation out"), p);
  }

  @Test
  void tokenInputsWithoutAnEmbeddingAreRefusedAtValidation() throws IOException {
    List<String> p = problems(SPEC.replace("MODEL", "").replace("TRAINING", ""));
    assertEquals(List.of(tmp.resolve("tagging.json") + ": /model/embedding_dim: the task's inputs are token ids: "
        + "give the embedding's dimension"), p);
  }
}
