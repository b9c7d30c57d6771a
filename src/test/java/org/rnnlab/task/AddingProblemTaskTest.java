package org.rnnlab.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.ReadoutMode;

/** Adding problem, variant "anywhere"; the other variants are nested below. */
class AddingProblemTaskTest extends TaskContractTest {
  @Override
  protected TaskConfig config() {
    return new AddingProblemTask.Config(50, null);
  }

  @Override
  protected String registryName() {
    return "adding";
  }

  @Override
  protected boolean oneHotInputs() {
    return false;
  }

  @Override
  protected double[] baselineOutputs(SequenceTask task, Batch batch) {
    double[] out = new double[batch.size()];
    Arrays.fill(out, ((AddingProblemTask) task).baselinePrediction());
    return out;
  }

  /** Marked steps of sequence b (marker channel exactly 1). */
  static List<Integer> markers(Batch batch, int b) {
    List<Integer> p = new ArrayList<>();
    for (int t = 0; t < batch.lengths()[b]; t++) {
      if (at(batch.inputs(), batch, t, b, 1, 2) == 1.0) {
        p.add(t);
      }
    }
    return p;
  }

  /** Checks two markers and the target, returns {first marker, second marker} for further checks. */
  static int[] checkSequence(Batch batch, int b, boolean hochreiter) {
    List<Integer> p = markers(batch, b);
    assertEquals(2, p.size(), "exactly two markers");
    double x1 = at(batch.inputs(), batch, p.get(0), b, 0, 2);
    double x2 = at(batch.inputs(), batch, p.get(1), b, 0, 2);
    double want = hochreiter ? 0.5 + (x1 + x2) / 4.0 : x1 + x2;
    assertEquals(want, batch.targets()[b], 1e-15);
    int len = batch.lengths()[b];
    for (int t = 0; t < len; t++) {
      double v = at(batch.inputs(), batch, t, b, 0, 2);
      if (hochreiter ? !(v >= -1.0 && v < 1.0) : !(v >= 0.0 && v < 1.0)) {
        fail("value " + v + " at step " + t);
      }
      double m = at(batch.inputs(), batch, t, b, 1, 2);
      double unmarked = hochreiter && (t == 0 || t == len - 1) ? -1.0 : 0.0;
      if (t != p.get(0) && t != p.get(1) && m != unmarked) {
        fail("marker channel " + m + " at unmarked step " + t + " of " + len);
      }
    }
    return new int[] {p.get(0), p.get(1)};
  }

  @Test
  void markersAreAnywhereAndTargetIsTheirSum() {
    Batch batch = sample(task(), 4000, 11);
    assertEquals(ReadoutMode.LAST, task().readout());
    int[] hits = new int[50];
    for (int b = 0; b < batch.size(); b++) {
      assertEquals(50, batch.lengths()[b]);
      int[] p = checkSequence(batch, b, false);
      hits[p[0]]++;
      hits[p[1]]++;
    }
    // 8000 positions over 50 steps: 160 expected per step; every step, first and last included, is used
    for (int t = 0; t < 50; t++) {
      assertTrue(hits[t] > 100 && hits[t] < 220, "step " + t + " marked " + hits[t] + " times");
    }
  }

  @Test
  void configValidation() {
    assertThrows(IllegalArgumentException.class, () -> new AddingProblemTask.Config(null, null));
    assertThrows(IllegalArgumentException.class, () -> new AddingProblemTask.Config(1, "anywhere"));
    assertThrows(IllegalArgumentException.class, () -> new AddingProblemTask.Config(10, "everywhere"));
    assertThrows(IllegalArgumentException.class, () -> new AddingProblemTask.Config(3, "hochreiter1997"));
    assertEquals("anywhere", new AddingProblemTask.Config(2, null).variant());
    Batch tiny = sample(new AddingProblemTask.Config(2, null).create(), 10, 1);
    for (int b = 0; b < 10; b++) {
      assertEquals(List.of(0, 1), markers(tiny, b));
    }
  }

  @Test
  void solvedNeedsLowMseAndNearlyAllSequencesWithinTolerance() {
    GeneratedTask task = task();
    assertTrue(task.solved(Map.of("mse", 0.005, "solved_fraction", 0.995)));
    assertFalse(task.solved(Map.of("mse", 0.02, "solved_fraction", 1.0)));
    assertFalse(task.solved(Map.of("mse", 0.005, "solved_fraction", 0.98)));
    assertEquals(1.0 / 6.0, task.baseline().get("mse"));
  }

  @Test
  void solvedFractionCountsErrorsBelowPointZeroFour() {
    GeneratedTask task = task();
    Batch batch = sample(task, 4, 12);
    double[] out = batch.targets().clone();
    out[0] += 0.039;
    out[1] -= 0.041;
    out[2] += 0.5;
    Map<String, Double> m = task.evaluate(batch, out);
    assertEquals(0.5, m.get("solved_fraction"));
    assertEquals((0.039 * 0.039 + 0.041 * 0.041 + 0.25) / 4, m.get("mse"), 1e-12);
  }

  /** Arjovsky et al. (2016): one marker in each half. */
  @Nested
  class Halves extends TaskContractTest {
    @Override
    protected TaskConfig config() {
      return new AddingProblemTask.Config(51, "halves");
    }

    @Override
    protected String registryName() {
      return "adding";
    }

    @Override
    protected boolean oneHotInputs() {
      return false;
    }

    @Override
    protected double[] baselineOutputs(SequenceTask task, Batch batch) {
      return AddingProblemTaskTest.this.baselineOutputs(task, batch);
    }

    @Test
    void oneMarkerInEachHalf() {
      Batch batch = sample(task(), 3000, 13);
      boolean[] seen = new boolean[51];
      for (int b = 0; b < batch.size(); b++) {
        int[] p = checkSequence(batch, b, false);
        assertTrue(p[0] < 25 && p[1] >= 25, "markers at " + p[0] + ", " + p[1]);
        seen[p[0]] = true;
        seen[p[1]] = true;
      }
      for (int t = 0; t < 51; t++) {
        assertTrue(seen[t], "step " + t + " never marked");
      }
    }
  }

  /** Hochreiter and Schmidhuber (1997), experiment 4. */
  @Nested
  class Hochreiter1997 extends TaskContractTest {
    @Override
    protected TaskConfig config() {
      return new AddingProblemTask.Config(100, "hochreiter1997");
    }

    @Override
    protected String registryName() {
      return "adding";
    }

    @Override
    protected boolean oneHotInputs() {
      return false;
    }

    @Override
    protected double[] baselineOutputs(SequenceTask task, Batch batch) {
      return AddingProblemTaskTest.this.baselineOutputs(task, batch);
    }

    @Test
    void followsThePapersRules() {
      AddingProblemTask task = (AddingProblemTask) task();
      int n = 20_000;
      Batch batch = sample(task, n, 14);
      int firstMarked = 0;
      int[] lengthSeen = new int[111];
      for (int b = 0; b < n; b++) {
        int len = batch.lengths()[b];
        assertTrue(len >= 100 && len <= 110, () -> "length " + len);
        lengthSeen[len]++;
        int[] p = checkSequence(batch, b, true);
        // X1 is one of the first 10 steps; X2 is one of the first T/2-1 = 49 unmarked, so at most step 49
        if (p[0] >= 10 || p[1] > 49) {
          fail("markers at " + Arrays.toString(p));
        }
        if (p[0] == 0) {
          firstMarked++;
          assertEquals(0.0, at(batch.inputs(), batch, 0, b, 0, 2), "a marked first value is zeroed");
        }
      }
      for (int len = 100; len <= 110; len++) {
        assertTrue(lengthSeen[len] > 0, "length " + len + " never drawn");
      }
      // the baseline's q is the chance that the first step is marked: check it against the data
      double q = task.firstStepMarkedProbability();
      double se = Math.sqrt(q * (1 - q) / n);
      assertEquals(q, (double) firstMarked / n, 4 * se);
      assertEquals(0.1 + 0.9 / 49, q, 1e-15);
      assertEquals((2 - q) / 48, task.baseline().get("mse"), 1e-15);
      assertEquals(0.03920, task.baseline().get("mse"), 5e-6);
    }
  }
}
