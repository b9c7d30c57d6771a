package org.rnnlab.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.Rng;

class SentenceSetTest {
  /** n sequences of lengths 1..maxLen; token = 100 s + t, tag = t, feature bits = s + t (3 features). */
  private static SentenceSet set(int n, int maxLen) {
    Rng rng = Rng.of(3);
    int[][] tokens = new int[n][];
    int[][] tags = new int[n][];
    long[][] bits = new long[n][];
    for (int s = 0; s < n; s++) {
      int len = 1 + rng.nextInt(maxLen);
      tokens[s] = new int[len];
      tags[s] = new int[len];
      bits[s] = new long[len];
      for (int t = 0; t < len; t++) {
        tokens[s][t] = 100 * s + t;
        tags[s][t] = t;
        bits[s][t] = (s + t) & 7;
      }
    }
    return new SentenceSet(tokens, tags, bits, 3);
  }

  @Test
  void aBatchIsTimeMajorPaddedAtTheEndWithTheFeatureBitsAsInputs() {
    SentenceSet set = set(9, 7);
    int[] idx = {4, 0, 7};
    Batch b = set.batch(idx);
    assertEquals(3, b.size());
    assertEquals(3, b.inputSize());
    int max = 0;
    for (int i = 0; i < 3; i++) {
      assertEquals(set.length(idx[i]), b.lengths()[i]);
      max = Math.max(max, set.length(idx[i]));
    }
    assertEquals(max, b.steps());
    for (int i = 0; i < 3; i++) {
      int s = idx[i];
      for (int t = 0; t < b.steps(); t++) {
        int p = t * 3 + i;
        boolean in = t < set.length(s);
        assertEquals(in ? 100 * s + t : 0, b.tokens()[p]);
        assertEquals(in ? t : 0, b.labels()[p]);
        for (int j = 0; j < 3; j++) {
          assertEquals(in ? (((s + t) & 7) >> j) & 1 : 0, b.inputs()[p * 3 + j], "feature " + j);
        }
      }
    }
    assertTrue(b.targets() == null && b.mask() == null);
  }

  @Test
  void withoutFeaturesThereAreNoRealInputs() {
    SentenceSet set = new SentenceSet(new int[][] {{1, 2}, {3}}, new int[][] {{0, 1}, {2}}, null, 0);
    Batch b = set.all();
    assertEquals(0, b.inputSize());
    assertEquals(0, b.inputs().length);
    assertArrayEquals(new int[] {1, 3, 2, 0}, b.tokens());
    assertArrayEquals(new int[] {2, 1}, b.lengths());
  }

  @Test
  void misshapenSequencesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new SentenceSet(new int[][] {{1}}, new int[][] {{1, 2}},
        null, 0));
    assertThrows(IllegalArgumentException.class, () -> new SentenceSet(new int[][] {{}}, new int[][] {{}}, null, 0));
    assertThrows(IllegalArgumentException.class, () -> new SentenceSet(new int[][] {{1}}, new int[][] {{1}},
        new long[][] {{0}}, 0));
    assertThrows(IllegalArgumentException.class, () -> new SentenceSet(new int[][] {{1}}, new int[][] {{1}},
        new long[][] {{0}}, 65));
  }

  @Test
  void lengthChunksHoldEverySequenceOnceSortedByLengthTiesInOrder() {
    SentenceSet set = set(50, 9);
    List<Batch> chunks = set.lengthChunks(8);
    assertEquals(7, chunks.size());
    List<Integer> seen = new ArrayList<>();
    for (Batch b : chunks) {
      assertTrue(b.size() <= 8);
      for (int i = 0; i < b.size(); i++) {
        seen.add(b.tokens()[i] / 100); // step 0 holds 100 s
      }
    }
    Integer[] want = new Integer[50];
    Arrays.setAll(want, i -> i);
    Arrays.sort(want, (a, b) -> set.length(a) != set.length(b) ? Integer.compare(set.length(a), set.length(b))
        : Integer.compare(a, b));
    assertEquals(Arrays.asList(want), seen);
  }

  @Test
  void headKeepsTheFirstSequences() {
    SentenceSet set = set(20, 5);
    assertEquals(6, set.head(6).size());
    assertEquals(set.length(5), set.head(6).length(5));
    assertEquals(set, set.head(null));
    assertEquals(set, set.head(99));
  }

  /** The sequence ids of one epoch's batches. */
  private static List<int[]> epoch(BatchStream s) {
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < s.batchesPerEpoch(); i++) {
      Batch b = s.next();
      int[] ids = new int[b.size()];
      for (int k = 0; k < ids.length; k++) {
        ids[k] = b.tokens()[k] / 100;
      }
      out.add(ids);
    }
    return out;
  }

  @Test
  void epochsVisitEverySequenceOnceInBatchesOfSimilarLengthReshuffledEachEpoch() {
    SentenceSet set = set(101, 6);
    BatchStream s = set.epochs(10, Rng.of(8));
    assertEquals(11, s.batchesPerEpoch());
    List<int[]> first = epoch(s);
    List<int[]> second = epoch(s);
    for (List<int[]> e : List.of(first, second)) {
      boolean[] seen = new boolean[101];
      int partial = 0;
      for (int[] ids : e) {
        partial += ids.length < 10 ? 1 : 0;
        int lo = Integer.MAX_VALUE;
        int hi = 0;
        for (int id : ids) {
          assertTrue(!seen[id], "sequence " + id + " twice in one epoch");
          seen[id] = true;
          lo = Math.min(lo, set.length(id));
          hi = Math.max(hi, set.length(id));
        }
        assertTrue(hi - lo <= 1, "101 sequences of 6 lengths in batches of 10: lengths within one, got " + lo + ".." + hi);
      }
      assertEquals(1, partial, "one partial batch per epoch");
      for (boolean b : seen) {
        assertTrue(b);
      }
    }
    assertNotEquals(Arrays.deepToString(first.toArray()), Arrays.deepToString(second.toArray()),
        "reshuffled every epoch");
    List<int[]> again = epoch(set.epochs(10, Rng.of(8)));
    assertEquals(Arrays.deepToString(first.toArray()), Arrays.deepToString(again.toArray()), "seeded");
    List<int[]> other = epoch(set.epochs(10, Rng.of(9)));
    assertNotEquals(Arrays.deepToString(first.toArray()), Arrays.deepToString(other.toArray()));
  }
}
