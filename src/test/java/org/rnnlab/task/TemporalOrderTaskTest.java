package org.rnnlab.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.ReadoutMode;

class TemporalOrderTaskTest extends TaskContractTest {
  @Override
  protected TaskConfig config() {
    return new TemporalOrderTask.Config(null, null, null, null, null, null);
  }

  @Override
  protected String registryName() {
    return "temporal_order";
  }

  /** Equal logits: the uniform distribution, argmax class 0. */
  @Override
  protected double[] baselineOutputs(SequenceTask task, Batch batch) {
    return new double[batch.size() * 4];
  }

  @Test
  void sequencesFollowTask6a() {
    TemporalOrderTask task = (TemporalOrderTask) task();
    assertEquals(ReadoutMode.LAST, task.readout());
    assertArrayEquals(new int[] {10, 20}, task.t1Window());
    assertArrayEquals(new int[] {50, 60}, task.t2Window());
    int n = 4000;
    Batch batch = sample(task, n, 31);
    int[] lengthCount = new int[111];
    int[] t1Count = new int[21];
    int[] t2Count = new int[61];
    int[] classCount = new int[4];
    for (int b = 0; b < n; b++) {
      int len = batch.lengths()[b];
      if (len < 100 || len > 110) {
        fail("length " + len);
      }
      lengthCount[len]++;
      int[] where = new int[2];
      int[] what = new int[2];
      int found = 0;
      for (int t = 0; t < len; t++) {
        int s = symbolAt(batch, t, b);
        int want = t == 0 ? TemporalOrderTask.E_START : t == len - 1 ? TemporalOrderTask.B_TRIGGER : -1;
        if (want >= 0 ? s != want : s == TemporalOrderTask.E_START || s == TemporalOrderTask.B_TRIGGER) {
          fail("symbol " + s + " at step " + t + " of " + len);
        }
        if (s == TemporalOrderTask.X || s == TemporalOrderTask.Y) {
          if (found == 2) {
            fail("more than two X/Y in sequence " + b);
          }
          where[found] = t;
          what[found++] = s - TemporalOrderTask.X;
        }
      }
      assertEquals(2, found, "exactly two X/Y");
      if (where[0] < 10 || where[0] > 20 || where[1] < 50 || where[1] > 60) {
        fail("t1 = " + where[0] + ", t2 = " + where[1]);
      }
      t1Count[where[0]]++;
      t2Count[where[1]]++;
      int label = batch.labels()[b];
      assertEquals(2 * what[0] + what[1], label, "XX, XY, YX, YY are classes 0..3");
      classCount[label]++;
    }
    for (int len = 100; len <= 110; len++) {
      assertTrue(lengthCount[len] > 0, "length " + len + " never drawn");
    }
    for (int t = 0; t <= 10; t++) {
      assertTrue(t1Count[10 + t] > 0 && t2Count[50 + t] > 0, "window ends included");
    }
    double se = Math.sqrt(0.25 * 0.75 / n);
    for (int c = 0; c < 4; c++) {
      assertEquals(0.25, (double) classCount[c] / n, 4 * se, "class " + c + " balanced");
    }
  }

  @Test
  void windowsScaleWithTheLength() {
    TemporalOrderTask shortTask =
        (TemporalOrderTask) new TemporalOrderTask.Config(20, 22, null, null, null, null).create();
    assertArrayEquals(new int[] {2, 4}, shortTask.t1Window());
    assertArrayEquals(new int[] {10, 12}, shortTask.t2Window());
    TemporalOrderTask tiny = (TemporalOrderTask) new TemporalOrderTask.Config(5, 5, null, null, null, null).create();
    assertArrayEquals(new int[] {1, 1}, tiny.t1Window());
    assertArrayEquals(new int[] {3, 3}, tiny.t2Window());
    Batch batch = sample(tiny, 20, 32);
    for (int b = 0; b < 20; b++) {
      int x = batch.labels()[b];
      assertEquals(x / 2, symbolAt(batch, 1, b) - TemporalOrderTask.X);
      assertEquals(x % 2, symbolAt(batch, 3, b) - TemporalOrderTask.X);
      assertEquals(TemporalOrderTask.B_TRIGGER, symbolAt(batch, 4, b));
    }
  }

  @Test
  void configValidation() {
    assertThrows(IllegalArgumentException.class, () -> new TemporalOrderTask.Config(3, 10, null, null, null, null));
    assertThrows(IllegalArgumentException.class, () -> new TemporalOrderTask.Config(4, 10, null, null, null, null),
        "the default t1 window would start at step 0, on E");
    assertThrows(IllegalArgumentException.class, () -> new TemporalOrderTask.Config(100, 99, null, null, null, null));
    assertThrows(IllegalArgumentException.class, () -> new TemporalOrderTask.Config(100, 110, 0.1, 0.5, 0.5, 0.6),
        "overlapping windows make the order ambiguous");
    assertThrows(IllegalArgumentException.class, () -> new TemporalOrderTask.Config(100, 110, null, null, null, 1.0),
        "t2 may not reach the trigger");
    assertThrows(IllegalArgumentException.class, () -> new TemporalOrderTask.Config(100, 110, -0.1, null, null, null));
    TemporalOrderTask.Config d = new TemporalOrderTask.Config(null, null, null, null, null, null);
    assertEquals(100, d.minLen());
    assertEquals(110, d.maxLen());
  }

  @Test
  void solvedIsUnderOnePercentMisclassified() {
    GeneratedTask task = task();
    assertTrue(task.solved(java.util.Map.of("cross_entropy", 0.05, "accuracy", 0.99)));
    assertTrue(!task.solved(java.util.Map.of("cross_entropy", 0.05, "accuracy", 0.989)));
    assertEquals(Math.log(4), task.baseline().get("cross_entropy"), 1e-15);
  }
}
