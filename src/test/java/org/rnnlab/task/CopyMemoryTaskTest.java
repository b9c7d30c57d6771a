package org.rnnlab.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.ReadoutMode;

class CopyMemoryTaskTest extends TaskContractTest {
  @Override
  protected TaskConfig config() {
    return new CopyMemoryTask.Config(20, null, null);
  }

  @Override
  protected String registryName() {
    return "copy_memory";
  }

  /** Every sequence has 10 recall steps, so 5,000 sequences give 50,000 draws for the recall accuracy. */
  @Override
  protected int baselineSequences() {
    return 5_000;
  }

  /** Memoryless logits: certain blank until the recall, then uniform over the data symbols. */
  @Override
  protected double[] baselineOutputs(SequenceTask task, Batch batch) {
    CopyMemoryTask copy = (CopyMemoryTask) task;
    int c = task.outputSize();
    double[] out = new double[batch.steps() * batch.size() * c];
    for (int t = 0; t < batch.steps(); t++) {
      for (int b = 0; b < batch.size(); b++) {
        for (int k = 0; k < c; k++) {
          boolean allowed = t < copy.recallStart() ? k == copy.blank() : k < copy.blank();
          out[(t * batch.size() + b) * c + k] = allowed ? 0.0 : -1000.0; // exp(-1000) is exactly 0
        }
      }
    }
    return out;
  }

  @Test
  void layoutFollowsArjovskyEtAl() {
    CopyMemoryTask task = (CopyMemoryTask) task();
    assertEquals(ReadoutMode.EVERY_STEP, task.readout());
    assertEquals(10, task.inputSize());
    assertEquals(10, task.outputSize());
    assertEquals(40, task.length());
    Batch batch = sample(task, 500, 21);
    assertEquals(40, batch.steps());
    int n = batch.size();
    int[] symbolCount = new int[8];
    for (int b = 0; b < n; b++) {
      assertEquals(40, batch.lengths()[b]);
      for (int t = 0; t < 40; t++) {
        int in = symbolAt(batch, t, b);
        int label = batch.labels()[t * n + b];
        if (t < 10) {
          assertTrue(in < 8, "data symbol " + in);
          symbolCount[in]++;
          assertEquals(in, batch.labels()[(30 + t) * n + b], "the target recalls the first 10 inputs in order");
        } else {
          assertEquals(t == 29 ? task.delimiter() : task.blank(), in, "step " + t);
        }
        if (t < 30) {
          assertEquals(task.blank(), label, "blank target at step " + t);
        }
      }
    }
    for (int k = 0; k < 8; k++) {
      assertTrue(symbolCount[k] > 500, "symbol " + k + " drawn " + symbolCount[k] + " of 5000 times");
    }
  }

  @Test
  void baselineMatchesTheAnchors() {
    assertEquals(0.1733, baselineFor(100), 5e-5);
    assertEquals(0.0945, baselineFor(200), 5e-5);
    assertEquals(0.0204, baselineFor(1000), 5e-5);
    assertEquals(10 * Math.log(8) / 120, baselineFor(100), 1e-15);
  }

  private static double baselineFor(int blankLen) {
    return new CopyMemoryTask.Config(blankLen, 8, 10).create().baseline().get("cross_entropy");
  }

  @Test
  void recallAccuracyCountsOnlyTheRecallSteps() {
    CopyMemoryTask task = (CopyMemoryTask) task();
    Batch batch = sample(task, 50, 22);
    double[] out = perfectOutputs(task, batch, 0.0);
    int n = batch.size();
    int c = task.outputSize();
    for (int t = 0; t < task.recallStart(); t++) {
      for (int b = 0; b < n; b++) {
        out[(t * n + b) * c + task.delimiter()] = 100.0; // wrong everywhere before the recall
      }
    }
    Map<String, Double> m = task.evaluate(batch, out);
    assertEquals(1.0, m.get("recall_accuracy"));
    assertEquals(10.0 / 40.0, m.get("accuracy"), 1e-15);
    assertTrue(task.solved(m));
    assertEquals(30.0 / 40.0 * 40.0, m.get("cross_entropy"), 1e-9, "30 of 40 steps cost 100 - 60 = 40 nats");
    Map<String, Double> blanksOnly = task.evaluate(batch, baselineOutputs(task, batch));
    assertFalse(task.solved(blanksOnly));
  }

  @Test
  void configValidation() {
    assertThrows(IllegalArgumentException.class, () -> new CopyMemoryTask.Config(null, 8, 10));
    assertThrows(IllegalArgumentException.class, () -> new CopyMemoryTask.Config(0, 8, 10));
    assertThrows(IllegalArgumentException.class, () -> new CopyMemoryTask.Config(10, 1, 10));
    assertThrows(IllegalArgumentException.class, () -> new CopyMemoryTask.Config(10, 8, 0));
    CopyMemoryTask.Config d = new CopyMemoryTask.Config(100, null, null);
    assertEquals(8, d.symbols());
    assertEquals(10, d.recallLen());
    CopyMemoryTask one = (CopyMemoryTask) new CopyMemoryTask.Config(1, 3, 2).create();
    Batch batch = sample(one, 3, 23);
    assertEquals(5, batch.steps());
    for (int b = 0; b < 3; b++) {
      assertEquals(one.delimiter(), symbolAt(batch, 2, b), "T = 1: no blank between the data and the delimiter");
    }
  }
}
