package org.rnnlab.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;
import org.rnnlab.spec.Registries;

/**
 * Properties every {@link SequenceTask} must have. A task's test extends this class and names a config,
 * its registry name and the outputs of its trivial baseline predictor.
 */
abstract class TaskContractTest {
  /** The config under test (kept small so the large-sample checks stay fast). */
  protected abstract TaskConfig config();

  /** The name the config is registered under in {@link Registries#TASKS}. */
  protected abstract String registryName();

  /** Raw outputs (logits for classification) of the trivial predictor the baseline describes. */
  protected abstract double[] baselineOutputs(SequenceTask task, Batch batch);

  /** Whether every valid input step is a one-hot vector. */
  protected boolean oneHotInputs() {
    return true;
  }

  /** Sequences the stated baseline was itself estimated from; infinite when it is exact. */
  protected double baselineSampleSize() {
    return Double.POSITIVE_INFINITY;
  }

  /** Sequences behind the baseline check. */
  protected int baselineSequences() {
    return 20_000;
  }

  protected final GeneratedTask task() {
    return (GeneratedTask) config().create();
  }

  protected static Batch sample(GeneratedTask task, int size, long seed) {
    return task.sample(size, Rng.of(seed).child("data"));
  }

  /** Value at (t, b, k) of a time-major [steps][size][features] array. */
  protected static double at(double[] a, Batch batch, int t, int b, int k, int features) {
    return a[(t * batch.size() + b) * features + k];
  }

  /** Index of the single 1 of the one-hot input of sequence b at step t. */
  protected static int symbolAt(Batch batch, int t, int b) {
    int f = batch.inputSize();
    for (int k = 0; k < f; k++) {
      if (batch.inputs()[(t * batch.size() + b) * f + k] == 1.0) {
        return k;
      }
    }
    throw new AssertionError("no one-hot symbol at step " + t + " of sequence " + b);
  }

  @Test
  void batchShapesAgreeWithTheTask() {
    GeneratedTask task = task();
    Batch batch = sample(task, 37, 1);
    int n = batch.size();
    int out = task.outputSize();
    assertEquals(37, n);
    assertEquals(task.inputSize(), batch.inputSize());
    assertEquals(task.classification() ? "cross_entropy" : "mse", task.defaultLoss());
    if (task.readout() == ReadoutMode.LAST) {
      assertNull(batch.mask(), "a last-step readout has no per-step mask");
      if (task.classification()) {
        assertNull(batch.targets());
        assertEquals(n, batch.labels().length);
      } else {
        assertNull(batch.labels());
        assertEquals(n * out, batch.targets().length);
      }
    } else if (task.classification()) {
      assertNull(batch.targets());
      assertEquals(batch.steps() * n, batch.labels().length);
    } else {
      assertNull(batch.labels());
      assertEquals(batch.steps() * n * out, batch.targets().length);
    }
    if (task.classification()) {
      for (int p = 0; p < batch.labels().length; p++) {
        boolean used = task.readout() == ReadoutMode.LAST || batch.weight(p / n, p % n) > 0.0;
        if (used) {
          assertTrue(batch.labels()[p] >= 0 && batch.labels()[p] < out, "label " + batch.labels()[p]);
        }
      }
    }
  }

  @Test
  void sameSeedSameBatchDifferentSeedDifferentBatch() {
    GeneratedTask task = task();
    Batch a = sample(task, 16, 7);
    Batch b = sample((GeneratedTask) config().create(), 16, 7); // a second instance of the same config, too
    assertEquals(a.steps(), b.steps());
    assertArrayEquals(a.inputs(), b.inputs());
    assertArrayEquals(a.lengths(), b.lengths());
    assertArrayEquals(a.targets(), b.targets());
    assertArrayEquals(a.labels(), b.labels());
    assertArrayEquals(a.mask(), b.mask());
    assertArrayEquals(a.tokens(), b.tokens());
    Batch c = sample(task, 16, 8);
    assertFalse(sameInputs(a, c), "another seed, another batch");
    Rng rng = Rng.of(9);
    Batch first = task.sample(16, rng);
    Batch second = task.sample(16, rng);
    assertFalse(sameInputs(first, second), "the stream advances between batches");
  }

  /** Same steps, real inputs and token ids (null for a task without token inputs). */
  private static boolean sameInputs(Batch a, Batch b) {
    return a.steps() == b.steps() && Arrays.equals(a.inputs(), b.inputs()) && Arrays.equals(a.tokens(), b.tokens());
  }

  @Test
  void lengthsAreTightAndPaddingIsZero() {
    GeneratedTask task = task();
    Batch batch = sample(task, 200, 3);
    int max = Arrays.stream(batch.lengths()).max().orElseThrow();
    assertEquals(max, batch.steps(), "no step is padding for every sequence");
    int f = batch.inputSize();
    for (int b = 0; b < batch.size(); b++) {
      for (int t = batch.lengths()[b]; t < batch.steps(); t++) {
        for (int k = 0; k < f; k++) {
          if (at(batch.inputs(), batch, t, b, k, f) != 0.0) {
            fail("non-zero padding at step " + t + " of sequence " + b);
          }
        }
      }
    }
  }

  @Test
  void validStepsAreOneHot() {
    if (!oneHotInputs()) {
      return;
    }
    Batch batch = sample(task(), 200, 4);
    int f = batch.inputSize();
    for (int b = 0; b < batch.size(); b++) {
      for (int t = 0; t < batch.lengths()[b]; t++) {
        int ones = 0;
        for (int k = 0; k < f; k++) {
          double v = at(batch.inputs(), batch, t, b, k, f);
          if (v != 0.0 && v != 1.0) {
            fail("one-hot value " + v);
          }
          ones += v == 1.0 ? 1 : 0;
        }
        if (ones != 1) {
          fail(ones + " ones at step " + t + " of sequence " + b);
        }
      }
    }
  }

  /**
   * Outputs that reproduce the targets exactly (logits 60 on the label, 0 elsewhere), and
   * {@code garbage} wherever a step carries no target, so that the metrics must ignore them.
   */
  protected static double[] perfectOutputs(SequenceTask task, Batch batch, double garbage) {
    int n = batch.size();
    int c = task.outputSize();
    int positions = task.readout() == ReadoutMode.LAST ? n : batch.steps() * n;
    double[] out = new double[positions * c];
    for (int p = 0; p < positions; p++) {
      boolean used = task.readout() == ReadoutMode.LAST || batch.weight(p / n, p % n) > 0.0;
      for (int k = 0; k < c; k++) {
        if (!used) {
          out[p * c + k] = garbage * (k + 1);
        } else if (task.classification()) {
          out[p * c + k] = k == batch.labels()[p] ? 60.0 : 0.0;
        } else {
          out[p * c + k] = batch.targets()[p * c + k];
        }
      }
    }
    return out;
  }

  @Test
  void exactTargetsScorePerfectlyWhateverThePadding() {
    GeneratedTask task = task();
    Batch batch = sample(task, 300, 5);
    Batch copy = new Batch(batch.steps(), batch.size(), batch.inputSize(), batch.inputs().clone(),
        batch.lengths().clone(), batch.targets() == null ? null : batch.targets().clone(),
        batch.labels() == null ? null : batch.labels().clone(), batch.mask() == null ? null : batch.mask().clone());
    for (double garbage : new double[] {0.0, 1e6, -37.5}) {
      double[] out = perfectOutputs(task, batch, garbage);
      double[] outCopy = out.clone();
      Map<String, Double> m = task.evaluate(batch, out);
      for (Map.Entry<String, Double> e : m.entrySet()) {
        assertPerfect(e.getKey(), e.getValue());
      }
      assertTrue(task.solved(m), "exact targets solve the task: " + m);
      assertArrayEquals(outCopy, out, "evaluate must not modify the outputs");
    }
    assertArrayEquals(copy.inputs(), batch.inputs(), "evaluate must not modify the batch");
    assertArrayEquals(copy.targets(), batch.targets());
    assertArrayEquals(copy.labels(), batch.labels());
  }

  private static void assertPerfect(String metric, double value) {
    switch (metric) {
      case "mse", "cross_entropy", "max_abs_error" -> assertEquals(0.0, value, 1e-12, metric);
      case "accuracy", "recall_accuracy", "solved_fraction", "sentence_accuracy", "oov_accuracy", "sequence_accuracy" ->
          assertEquals(1.0, value, metric);
      default -> fail("metric " + metric + " unknown to the contract test: say what its perfect value is");
    }
  }

  @Test
  void metricsHaveStableKeysAndTheBaselineNamesSomeOfThem() {
    GeneratedTask task = task();
    Batch batch = sample(task, 50, 6);
    List<String> keys = new ArrayList<>(task.evaluate(batch, perfectOutputs(task, batch, 0.0)).keySet());
    Batch other = sample(task, 20, 60);
    List<String> again = new ArrayList<>(task.evaluate(other, baselineOutputs(task, other)).keySet());
    assertEquals(keys, again, "same metrics in the same order whatever the outputs");
    List<String> base = new ArrayList<>(task.baseline().keySet());
    assertFalse(base.isEmpty());
    List<String> inOrder = new ArrayList<>(keys);
    inOrder.retainAll(base);
    assertEquals(inOrder, base, "baseline keys are metrics, in the metrics' order");
    for (String s : new String[] {task.describe(), task.baselineDescription()}) {
      assertNotNull(s);
      assertFalse(s.isBlank());
      assertFalse(s.contains("\n"), "one line: " + s);
    }
  }

  @Test
  void missingMetricsNeverCountAsSolved() {
    assertFalse(task().solved(Map.of()));
  }

  @Test
  void misshapenOutputsAreRejected() {
    GeneratedTask task = task();
    Batch batch = sample(task, 5, 2);
    double[] good = perfectOutputs(task, batch, 0.0);
    assertThrows(IllegalArgumentException.class, () -> task.evaluate(batch, Arrays.copyOf(good, good.length - 1)));
    assertThrows(IllegalArgumentException.class, () -> task.evaluate(batch, Arrays.copyOf(good, good.length + 1)));
  }

  @Test
  void registeredUnderItsName() {
    assertSame(config().getClass(), Registries.TASKS.types().get(registryName()));
  }

  /**
   * The trivial predictor's metrics on many fresh sequences match the stated baseline within
   * four standard errors. The standard error comes from the spread over 20 independent
   * sub-batches (batch means), widened by the stated value's own sampling error when it is an
   * estimate; a deterministic metric (zero spread) must match to 1e-9.
   */
  @Test
  void trivialPredictorReproducesTheStatedBaseline() {
    GeneratedTask task = task();
    Map<String, Double> stated = task.baseline();
    int chunks = 20;
    int per = baselineSequences() / chunks;
    Rng rng = Rng.of(2024).child("baseline");
    Map<String, double[]> values = new java.util.LinkedHashMap<>();
    for (String k : stated.keySet()) {
      values.put(k, new double[chunks]);
    }
    for (int i = 0; i < chunks; i++) {
      Batch batch = task.sample(per, rng);
      Map<String, Double> m = task.evaluate(batch, baselineOutputs(task, batch));
      for (String k : stated.keySet()) {
        values.get(k)[i] = m.get(k);
      }
      assertFalse(task.solved(m), "the trivial predictor must not count as solving the task");
    }
    double widen = Math.sqrt(1.0 + chunks * per / baselineSampleSize());
    for (String k : stated.keySet()) {
      double[] v = values.get(k);
      double mean = Arrays.stream(v).average().orElseThrow();
      double var = 0.0;
      for (double x : v) {
        var += (x - mean) * (x - mean);
      }
      double se = Math.sqrt(var / (chunks - 1) / chunks) * widen;
      double tol = 4.0 * se + 1e-9;
      double want = stated.get(k);
      assertTrue(tol < 0.1 * Math.abs(want), k + ": the check must resolve 10% (tolerance " + tol + ")");
      assertEquals(want, mean, tol, k + " of the trivial predictor, standard error " + se);
    }
  }
}
