package org.rnnlab.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Batch;

class DelayedRecallTaskTest extends TaskContractTest {
  @Override
  protected TaskConfig config() {
    return new DelayedRecallTask.Config(4, 2, 3);
  }

  @Override
  protected String registryName() {
    return "delayed_recall";
  }

  @Override
  protected boolean oneHotInputs() {
    return false; // token ids, no real features
  }

  /** Chance: the blank before the cues, the first symbol on them. */
  @Override
  protected double[] baselineOutputs(SequenceTask task, Batch batch) {
    DelayedRecallTask r = (DelayedRecallTask) task;
    int n = batch.size();
    int c = task.outputSize();
    double[] out = new double[batch.steps() * n * c];
    for (int p = 0; p < batch.steps() * n; p++) {
      out[p * c + (p / n < r.recallStart() ? r.blank() : 0)] = 1.0;
    }
    return out;
  }

  @Test
  void symbolsBlanksAndCuesAndTheTargetsRecallTheSymbols() {
    DelayedRecallTask task = (DelayedRecallTask) task();
    assertEquals(6, task.vocabularySize());
    assertEquals(5, task.outputSize());
    Batch b = sample(task, 50, 3);
    int n = b.size();
    assertEquals(7, b.steps());
    for (int s = 0; s < n; s++) {
      for (int t = 0; t < 7; t++) {
        int x = b.tokens()[t * n + s];
        int y = b.labels()[t * n + s];
        if (t < 2) {
          assertEquals(true, x < 4, "a symbol first");
          assertEquals(4, y, "blank target while reading");
        } else if (t < 5) {
          assertEquals(4, x, "blank input in the delay");
          assertEquals(4, y, "blank target in the delay");
        } else {
          assertEquals(5, x, "the cue");
          assertEquals(b.tokens()[(t - 5) * n + s], y, "recall of symbol " + (t - 5));
        }
      }
    }
  }

  @Test
  void accuracyCountsTheRecalledStepsOnly() {
    DelayedRecallTask task = (DelayedRecallTask) task();
    Batch b = sample(task, 10, 4);
    // right on every blank, wrong on every recall: accuracy 0, no sequence right
    int n = b.size();
    double[] out = new double[7 * n * 5];
    for (int p = 0; p < 7 * n; p++) {
      int y = b.labels()[p];
      out[p * 5 + (y == 4 ? 4 : (y + 1) % 4)] = 1.0;
    }
    assertEquals(Map.of("accuracy", 0.0, "sequence_accuracy", 0.0), task.evaluate(b, out));
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new DelayedRecallTask.Config(1, 2, 3));
    assertThrows(IllegalArgumentException.class, () -> new DelayedRecallTask.Config(4, 0, 3));
    assertThrows(IllegalArgumentException.class, () -> new DelayedRecallTask.Config(4, 2, -1));
  }
}
