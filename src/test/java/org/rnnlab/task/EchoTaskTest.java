package org.rnnlab.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Batch;

class EchoTaskTest extends TaskContractTest {
  @Override
  protected TaskConfig config() {
    return new EchoTask.Config(3, 7, 0.4);
  }

  @Override
  protected String registryName() {
    return "echo";
  }

  @Override
  protected boolean oneHotInputs() {
    return false; // token ids, no real features
  }

  /** The memoryless predictor: the symbol read, or the first class on a hold step. */
  @Override
  protected double[] baselineOutputs(SequenceTask task, Batch batch) {
    int n = batch.size();
    int c = task.outputSize();
    double[] out = new double[batch.steps() * n * c];
    for (int p = 0; p < batch.steps() * n; p++) {
      int x = batch.tokens()[p];
      if (x < c) {
        out[p * c + x] = 1.0;
      }
    }
    return out;
  }

  @Test
  void theTargetIsTheLatestSymbolAndHoldsAreAsLikelyAsSaid() {
    EchoTask task = (EchoTask) task();
    assertEquals(4, task.vocabularySize());
    assertEquals(3, task.outputSize());
    Batch b = sample(task, 2000, 3);
    int n = b.size();
    int holds = 0;
    for (int s = 0; s < n; s++) {
      int last = -1;
      for (int t = 0; t < b.steps(); t++) {
        int x = b.tokens()[t * n + s];
        assertTrue(t > 0 || x < 3, "the first step reads a symbol");
        if (x < 3) {
          last = x;
        } else {
          holds++;
        }
        assertEquals(last, b.labels()[t * n + s], "target at " + t + " of " + s);
      }
    }
    double rate = holds / (double) (n * (b.steps() - 1));
    assertEquals(0.4, rate, 0.02, "hold rate");
  }

  @Test
  void theBaselineIsTheMemorylessFormula() {
    assertEquals(Map.of("accuracy", (1.0 + 6 * (0.6 + 0.4 / 3)) / 7), task().baseline());
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new EchoTask.Config(1, 7, 0.4));
    assertThrows(IllegalArgumentException.class, () -> new EchoTask.Config(3, 1, 0.4));
    assertThrows(IllegalArgumentException.class, () -> new EchoTask.Config(3, 7, 0.96));
  }
}
