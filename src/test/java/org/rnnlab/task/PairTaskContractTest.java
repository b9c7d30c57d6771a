package org.rnnlab.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.data.Split;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.seq2seq.PairBatch;
import org.rnnlab.spec.Registries;

/**
 * Properties every {@link PairTask} must have. A task's test extends this class and names a config,
 * its registry name and, for a dataset task, the task built on a test's own small data.
 */
abstract class PairTaskContractTest {
  /** The config under test. */
  protected abstract PairTaskConfig config();

  /** The name the config is registered under in {@link Registries#TASKS}. */
  protected abstract String registryName();

  /** The task under test (a dataset task's test builds it on its own small file). */
  protected PairTask task() {
    return config().create();
  }

  /** The size of the evaluation sets drawn (null: a dataset's whole split). */
  protected Integer evaluationSize() {
    return 60;
  }

  protected static final int BATCH = 8;

  /** The first {@code n} training minibatches from seed {@code seed}'s data stream. */
  protected static List<PairBatch> batches(PairTask task, Integer trainSize, long seed, int n) {
    PairStream s = task.data().training(BATCH, trainSize, Rng.of(seed).child("data"));
    List<PairBatch> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(s.next());
    }
    return out;
  }

  private static boolean same(PairBatch a, PairBatch b) {
    return a.size() == b.size() && a.sourceSteps() == b.sourceSteps() && a.targetSteps() == b.targetSteps()
        && Arrays.equals(a.source(), b.source()) && Arrays.equals(a.target(), b.target())
        && Arrays.equals(a.sourceLengths(), b.sourceLengths()) && Arrays.equals(a.targetLengths(), b.targetLengths());
  }

  private static boolean same(List<PairBatch> a, List<PairBatch> b) {
    for (int i = 0; i < a.size(); i++) {
      if (!same(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** A training size a fixed set can have here: generated tasks draw it, datasets take a prefix. */
  protected Integer fixedTrainSize() {
    return 3 * BATCH;
  }

  @Test
  void sameSeedSamePairsBitForBitDifferentSeedsDiffer() {
    for (Integer trainSize : Arrays.asList(null, fixedTrainSize())) {
      List<PairBatch> a = batches(task(), trainSize, 7, 6);
      List<PairBatch> b = batches(task(), trainSize, 7, 6); // a second instance of the same config
      assertTrue(same(a, b), "same seed, same pairs (train_size " + trainSize + ")");
      assertFalse(same(a, batches(task(), trainSize, 8, 6)), "another seed, other pairs (train_size " + trainSize
          + ")");
      assertFalse(same(a.get(0), a.get(1)) && same(a.get(1), a.get(2)), "the stream advances");
    }
  }

  @Test
  void everyTargetEndsWithEndNeverHasStartAndIdsFitTheCodecs() {
    PairTask task = task();
    int sv = task.sourceCodec().size();
    int tv = task.targetCodec().size();
    for (Integer trainSize : Arrays.asList(null, fixedTrainSize())) {
      for (PairBatch p : batches(task, trainSize, 3, 20)) {
        for (int b = 0; b < p.size(); b++) {
          for (int t = 0; t < p.sourceLengths()[b]; t++) {
            int id = p.source(t, b);
            assertTrue(id >= 0 && id < sv, "source id " + id + " outside the source codec's 0.." + (sv - 1));
          }
          int len = p.targetLengths()[b];
          assertTrue(len <= task.longestTarget(), "target of " + len + " beyond longestTarget " + task.longestTarget());
          assertEquals(PairBatch.END, p.target(len - 1, b));
          for (int t = 0; t < len - 1; t++) {
            int id = p.target(t, b);
            assertTrue(id >= 2 && id < tv, "target id " + id + " at step " + t + ": expected 2.." + (tv - 1));
          }
        }
      }
    }
  }

  private PairSet evaluation(PairTask task, Split split, long seed) {
    return task.data().evaluation(split, evaluationSize(), Rng.of(seed).child(split.key()));
  }

  private static boolean same(PairSet a, PairSet b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.sources().get(i), b.sources().get(i))) {
        return false;
      }
      List<int[]> ra = a.references().get(i);
      List<int[]> rb = b.references().get(i);
      if (ra.size() != rb.size()) {
        return false;
      }
      for (int k = 0; k < ra.size(); k++) {
        if (!Arrays.equals(ra.get(k), rb.get(k))) {
          return false;
        }
      }
    }
    return true;
  }

  @Test
  void evaluationSetsComeFromTheirOwnStreamsAndAreEqualAcrossDraws() {
    PairTask task = task();
    PairSet v = evaluation(task, Split.VALIDATION, 5);
    assertTrue(same(v, evaluation(task(), Split.VALIDATION, 5)), "same stream, same set");
    PairSet t = evaluation(task, Split.TEST, 5);
    assertFalse(same(v, t), "validation and test are different sets");
    if (evaluationSize() != null) {
      assertEquals(evaluationSize(), v.size());
    }
    // drawing an evaluation set touches no other stream: the training stream is as without it
    Rng rng = Rng.of(11).child("data");
    PairStream s = task.data().training(BATCH, null, rng);
    PairBatch first = s.next();
    task.data().evaluation(Split.VALIDATION, evaluationSize(), Rng.of(11).child("validation"));
    PairBatch second = s.next();
    PairStream again = task().data().training(BATCH, null, Rng.of(11).child("data"));
    assertTrue(same(first, again.next()) && same(second, again.next()));
  }

  @Test
  void evaluationReferencesFitTheCodecsAndLongestTarget() {
    PairTask task = task();
    for (Split split : List.of(Split.VALIDATION, Split.TEST)) {
      PairSet set = evaluation(task, split, 2);
      for (int i = 0; i < set.size(); i++) {
        for (int id : set.sources().get(i)) {
          assertTrue(id >= 0 && id < task.sourceCodec().size());
        }
        for (int[] r : set.references().get(i)) {
          assertTrue(r.length + 1 <= task.longestTarget(), "reference of " + r.length + " + end beyond "
              + task.longestTarget());
          for (int id : r) {
            assertTrue(id >= 2 && id < task.targetCodec().size(), "reference id " + id);
          }
        }
      }
    }
  }

  @Test
  void codecsReadBackWhatTheyWrite() {
    PairTask task = task();
    PairSet set = evaluation(task, Split.VALIDATION, 4);
    for (int i = 0; i < set.size(); i++) {
      int[] s = set.sources().get(i);
      assertArrayEquals(s, task.sourceCodec().encode(task.sourceCodec().decode(s)));
      for (int[] r : set.references().get(i)) {
        assertArrayEquals(r, task.targetCodec().encode(task.targetCodec().decode(r)));
      }
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> task.sourceCodec().encode("#"));
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }

  @Test
  void theReferencesThemselvesScorePerfectlyAndSolveTheTask() {
    PairTask task = task();
    PairSet set = evaluation(task, Split.TEST, 9);
    List<int[]> decoded = new ArrayList<>();
    set.references().forEach(r -> decoded.add(r.get(r.size() - 1).clone())); // any accepted reference
    Map<String, Double> m = task.score(set, decoded);
    assertEquals(config().metricNames(), new ArrayList<>(m.keySet()), "metric keys are metricNames(), in order");
    for (Map.Entry<String, Double> e : m.entrySet()) {
      switch (e.getKey()) {
        case "accuracy" -> assertEquals(1.0, e.getValue(), e.getKey());
        case "token_error_rate", "wer", "per" -> assertEquals(0.0, e.getValue(), e.getKey());
        default -> fail("metric " + e.getKey() + " unknown to the contract test: say what its perfect value is");
      }
    }
    assertTrue(task.solved(m), "perfect outputs solve the task: " + m);
  }

  @Test
  void emptyOutputsGiveTheStatedBaselineWhereItIsTheEmptyOutputsAndNeverSolve() {
    PairTask task = task();
    PairSet set = evaluation(task, Split.TEST, 9);
    List<int[]> empty = new ArrayList<>();
    set.sources().forEach(s -> empty.add(new int[0]));
    Map<String, Double> m = task.score(set, empty);
    assertEquals(config().metricNames(), new ArrayList<>(m.keySet()), "same keys whatever the outputs");
    assertFalse(task.solved(m), "the empty output must not solve the task: " + m);
    for (String k : List.of("token_error_rate", "wer", "per")) {
      if (m.containsKey(k)) {
        assertEquals(1.0, m.get(k), k + " of the empty output");
      }
    }
  }

  @Test
  void baselineDescriptionAndMetricNamesAreConsistent() {
    PairTask task = task();
    List<String> base = new ArrayList<>(task.baseline().keySet());
    assertFalse(base.isEmpty());
    List<String> inOrder = new ArrayList<>(config().metricNames());
    inOrder.retainAll(base);
    assertEquals(inOrder, base, "baseline keys are metrics, in the metrics' order");
    assertFalse(task.solved(task.baseline()), "the baseline does not solve the task");
    assertFalse(task.solved(Map.of()), "missing metrics never count as solved");
    for (String s : new String[] {task.describe(), task.baselineDescription()}) {
      assertFalse(s.isBlank());
      assertFalse(s.contains("\n"), "one line: " + s);
    }
    assertTrue(config().typicalLength() > 0);
    assertTrue(config().tokenInputs());
    assertEquals(PairBatch.START, task.targetCodec().start().orElseThrow());
    assertNotEquals(task.targetCodec().symbol(PairBatch.START), task.targetCodec().symbol(PairBatch.END));
  }

  @Test
  void decodedOutputsThatDoNotFitAreRefused() {
    PairTask task = task();
    PairSet set = evaluation(task, Split.TEST, 9);
    List<int[]> refs = new ArrayList<>();
    set.references().forEach(r -> refs.add(r.get(0)));
    assertThrows(IllegalArgumentException.class, () -> task.score(set, refs.subList(0, refs.size() - 1)));
    for (int bad : new int[] {PairBatch.END, task.targetCodec().size(), -1}) {
      List<int[]> withBad = new ArrayList<>(refs);
      withBad.set(0, new int[] {bad});
      assertThrows(IllegalArgumentException.class, () -> task.score(set, withBad), "id " + bad);
    }
  }

  @Test
  void aStartSymbolInAnOutputIsAWrongToken() {
    PairTask task = task();
    PairSet set = evaluation(task, Split.TEST, 9);
    List<int[]> refs = new ArrayList<>();
    set.references().forEach(r -> refs.add(r.get(0)));
    List<int[]> withStart = new ArrayList<>(refs);
    int[] first = refs.get(0);
    int[] spoiled = java.util.Arrays.copyOf(first, first.length);
    spoiled[0] = PairBatch.START;
    withStart.set(0, spoiled);
    assertNotEquals(task.score(set, refs), task.score(set, withStart), "the start symbol must count as an error");
  }

  @Test
  void registeredUnderItsName() {
    assertSame(config().getClass(), Registries.TASKS.types().get(registryName()));
  }
}
