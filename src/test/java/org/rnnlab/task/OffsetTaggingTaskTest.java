package org.rnnlab.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.data.text.OffsetTaggingGenerator;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.Rng;

class OffsetTaggingTaskTest extends TaskContractTest {
  @Override
  protected TaskConfig config() {
    return new OffsetTaggingTask.Config(5, 2, "ahead", 4, 9, 0.4);
  }

  @Override
  protected String registryName() {
    return "offset_tagging";
  }

  @Override
  protected boolean oneHotInputs() {
    return false; // token ids, no real features
  }

  /** The Bayes-optimal left-to-right tagger's tags as logits: what the baseline (the ceiling) states. */
  @Override
  protected double[] baselineOutputs(SequenceTask task, Batch batch) {
    OffsetTaggingGenerator g = ((OffsetTaggingTask) task).generator();
    int n = batch.size();
    int c = task.outputSize();
    double[] out = new double[batch.steps() * n * c];
    for (int b = 0; b < n; b++) {
      int len = batch.lengths()[b];
      int[] x = new int[len];
      for (int t = 0; t < len; t++) {
        x[t] = batch.tokens()[t * n + b];
      }
      int[] y = g.bayesUnidirectional(x);
      for (int t = 0; t < len; t++) {
        out[(t * n + b) * c + y[t]] = 1.0;
      }
    }
    return out;
  }

  @Test
  void inputsAreTokenIdsAndTagsCopyTheTokenKAhead() {
    OffsetTaggingTask task = (OffsetTaggingTask) task();
    assertEquals(0, task.inputSize());
    assertEquals(5, task.vocabularySize());
    assertEquals(6, task.outputSize());
    assertTrue(config().tokenInputs());
    Batch b = sample(task, 40, 3);
    int n = b.size();
    boolean ragged = false;
    for (int s = 0; s < n; s++) {
      int len = b.lengths()[s];
      ragged |= len != b.steps();
      for (int t = 0; t < len; t++) {
        int want = t + 2 < len ? b.tokens()[(t + 2) * n + s] : 5;
        assertEquals(want, b.labels()[t * n + s], "tag at " + t + " of " + s);
        assertTrue(b.tokens()[t * n + s] >= 0 && b.tokens()[t * n + s] < 5);
      }
    }
    assertTrue(ragged, "lengths 4..9 give ragged batches");
  }

  @Test
  void theBaselineIsTheGeneratorsUnidirectionalCeiling() {
    OffsetTaggingTask task = (OffsetTaggingTask) task();
    double ceiling = task.generator().unidirectionalCeiling();
    assertEquals(Map.of("accuracy", ceiling), task.baseline());
    assertTrue(ceiling > 0.2 && ceiling < 0.9, "a ceiling strictly between chance and 1: " + ceiling);
    assertTrue(task.baselineDescription().contains(String.format(java.util.Locale.ROOT, "%.4f", ceiling)));
  }

  @Test
  void lookingBehindTheCeilingIsOneAndTheLeftToRightTaggerReachesIt() {
    OffsetTaggingTask behind = (OffsetTaggingTask) new OffsetTaggingTask.Config(5, 2, "behind", 4, 9, 0.4).create();
    assertEquals(1.0, behind.baseline().get("accuracy"));
    Batch b = behind.sample(200, Rng.of(4));
    Map<String, Double> m = behind.evaluate(b, baselineOutputs(behind, b));
    assertEquals(1.0, m.get("accuracy"));
    assertEquals(1.0, m.get("sentence_accuracy"));
    assertTrue(behind.solved(m));
  }

  @Test
  void metricsAreAccuracyAndSentenceAccuracyWithoutOov() {
    SequenceTask task = task();
    Batch b = sample((GeneratedTask) task, 30, 5);
    assertEquals(List.of("accuracy", "sentence_accuracy"), List.copyOf(task.evaluate(b,
        perfectOutputs(task, b, 0.0)).keySet()));
    assertEquals(config().metricNames(), List.copyOf(task.evaluate(b, perfectOutputs(task, b, 0.0)).keySet()));
    assertNull(task.evaluate(b, perfectOutputs(task, b, 0.0)).get("oov_accuracy"));
  }

  @Test
  void accuracyPoolsTokensAndSentenceAccuracyCountsWholeSequences() {
    SequenceTask task = task();
    Batch b = sample((GeneratedTask) task, 10, 6);
    double[] out = perfectOutputs(task, b, 0.0);
    int n = b.size();
    int c = task.outputSize();
    // spoil the first token of sequence 0 and every token of sequence 1
    int wrong = 0;
    for (int s = 0; s < 2; s++) {
      for (int t = 0; t < (s == 0 ? 1 : b.lengths()[1]); t++) {
        int p = t * n + s;
        out[p * c + b.labels()[p]] = 0.0;
        out[p * c + (b.labels()[p] + 1) % c] = 60.0;
        wrong++;
      }
    }
    int tokens = 0;
    for (int len : b.lengths()) {
      tokens += len;
    }
    Map<String, Double> m = task.evaluate(b, out);
    assertEquals((double) (tokens - wrong) / tokens, m.get("accuracy"));
    assertEquals(8.0 / 10.0, m.get("sentence_accuracy"));
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new OffsetTaggingTask.Config(5, 2, "sideways", 4, 9, 0.4));
    assertThrows(IllegalArgumentException.class, () -> new OffsetTaggingTask.Config(5, 2, "ahead", 9, 4, 0.4));
    assertThrows(IllegalArgumentException.class, () -> new OffsetTaggingTask.Config(1, 2, "ahead", 4, 9, 0.4));
    assertThrows(IllegalArgumentException.class, () -> new OffsetTaggingTask.Config(5, 2, "ahead", 4, 9, 1.0));
    OffsetTaggingTask.Config d = new OffsetTaggingTask.Config(null, null, null, null, null, null);
    assertEquals(new OffsetTaggingTask.Config(10, 2, "ahead", 10, 20, 0.5), d);
    assertNotEquals(d.create().describe(), new OffsetTaggingTask.Config(10, 2, "behind", 10, 20, 0.5).create()
        .describe());
  }
}
