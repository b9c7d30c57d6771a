package org.rnnlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Rng;

class StratifiedSplitterTest {
  /** Classes of uneven sizes, interleaved in the input order. */
  private static int[] labels() {
    int[] sizes = {23, 31, 17, 40};
    int[] y = new int[Arrays.stream(sizes).sum()];
    int[] left = sizes.clone();
    int k = 0;
    while (k < y.length) {
      for (int c = 0; c < sizes.length; c++) {
        if (left[c]-- > 0) {
          y[k++] = c;
        }
      }
    }
    return y;
  }

  @Test
  void everyItemLandsInExactlyOneSplitWithFloorSizesPerClass() {
    int[] y = labels();
    int[][] s = StratifiedSplitter.split(y, 4, 10, 20, Rng.of(0).child("t"));
    boolean[] seen = new boolean[y.length];
    for (int[] part : s) {
      for (int i : part) {
        assertFalse(seen[i], "item " + i + " twice");
        seen[i] = true;
      }
    }
    for (boolean b : seen) {
      assertTrue(b);
    }
    int[] sizes = {23, 31, 17, 40};
    for (int c = 0; c < 4; c++) {
      final int cls = c;
      long test = Arrays.stream(s[Split.TEST.ordinal()]).filter(i -> y[i] == cls).count();
      long val = Arrays.stream(s[Split.VALIDATION.ordinal()]).filter(i -> y[i] == cls).count();
      assertEquals(sizes[c] * 20 / 100, test);
      assertEquals(sizes[c] / 10, val);
    }
  }

  @Test
  void theCutFollowsTheSeededShuffleOfEachClassInInputOrder() {
    int[] y = labels();
    Rng rng = Rng.of(0).child("t");
    int[][] s = StratifiedSplitter.split(y, 4, 10, 20, rng);
    for (int c = 0; c < 4; c++) {
      final int cls = c;
      int[] items = java.util.stream.IntStream.range(0, y.length).filter(i -> y[i] == cls).toArray();
      rng.child(c).shuffle(items);
      int[] cut = java.util.stream.IntStream.concat(java.util.stream.IntStream.concat(
          Arrays.stream(s[Split.TEST.ordinal()]).filter(i -> y[i] == cls),
          Arrays.stream(s[Split.VALIDATION.ordinal()]).filter(i -> y[i] == cls)),
          Arrays.stream(s[Split.TRAIN.ordinal()]).filter(i -> y[i] == cls)).toArray();
      assertArrayEquals(items, cut, "class " + c);
    }
    assertTrue(Arrays.deepEquals(s, StratifiedSplitter.split(y, 4, 10, 20, Rng.of(0).child("t"))));
    assertFalse(Arrays.deepEquals(s, StratifiedSplitter.split(y, 4, 10, 20, Rng.of(1).child("t"))));
  }

  @Test
  void classesAreInterleavedRoundRobinWithinASplit() {
    int[] y = labels();
    int[] train = StratifiedSplitter.split(y, 4, 10, 20, Rng.of(0))[Split.TRAIN.ordinal()];
    // the smallest class has 17 - 3 - 1 = 13 training items: the first 4 * 13 are classes 0,1,2,3 repeated
    for (int i = 0; i < 4 * 13; i++) {
      assertEquals(i % 4, y[train[i]], "position " + i);
    }
    assertArrayEquals(new int[] {0, 2, 1, 3, 4}, StratifiedSplitter.interleave(new int[][] {{0, 1, 4}, {2, 3}}));
  }

  @Test
  void impossiblePercentagesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> StratifiedSplitter.split(new int[3], 1, 60, 50, Rng.of(0)));
    assertThrows(IllegalArgumentException.class, () -> StratifiedSplitter.split(new int[] {2}, 2, 10, 10, Rng.of(0)));
  }
}
