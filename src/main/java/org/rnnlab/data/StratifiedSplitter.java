package org.rnnlab.data;

import java.util.Arrays;
import org.rnnlab.engine.Rng;

/**
 * A seeded, stratified train / validation / test split of labelled items. Per class, the
 * class's items in their given order are shuffled (Fisher-Yates, {@link Rng#shuffle}) with the
 * stream {@code rng.child(c)}; the first {@code floor(n_c * testPercent / 100)} go to test, the
 * next {@code floor(n_c * validationPercent / 100)} to validation, the rest to train. Inside each
 * split the classes are interleaved round-robin (rank 0 of class 0, of class 1, ..., then rank 1,
 * ...; a class that has run out is skipped), so that the first n items of a split are as close
 * to stratified as n allows.
 */
public final class StratifiedSplitter {
  private StratifiedSplitter() {}

  /** Indices into {@code labels} for each split, indexed by {@link Split#ordinal()}. */
  public static int[][] split(int[] labels, int classes, int validationPercent, int testPercent, Rng rng) {
    if (validationPercent < 0 || testPercent < 0 || validationPercent + testPercent > 100) {
      throw new IllegalArgumentException("validation " + validationPercent + "% and test " + testPercent
          + "% must be >= 0 and add up to at most 100%");
    }
    int[][] byClass = new int[classes][];
    int[] count = new int[classes];
    for (int y : labels) {
      if (y < 0 || y >= classes) {
        throw new IllegalArgumentException("label " + y + " outside 0.." + (classes - 1));
      }
      count[y]++;
    }
    for (int c = 0; c < classes; c++) {
      byClass[c] = new int[count[c]];
    }
    int[] fill = new int[classes];
    for (int i = 0; i < labels.length; i++) {
      byClass[labels[i]][fill[labels[i]]++] = i;
    }
    int[][][] parts = new int[Split.values().length][classes][];
    for (int c = 0; c < classes; c++) {
      int[] items = byClass[c];
      rng.child(c).shuffle(items);
      int n = items.length;
      int nTest = n * testPercent / 100;
      int nVal = n * validationPercent / 100;
      parts[Split.TEST.ordinal()][c] = Arrays.copyOfRange(items, 0, nTest);
      parts[Split.VALIDATION.ordinal()][c] = Arrays.copyOfRange(items, nTest, nTest + nVal);
      parts[Split.TRAIN.ordinal()][c] = Arrays.copyOfRange(items, nTest + nVal, n);
    }
    int[][] out = new int[parts.length][];
    for (int s = 0; s < parts.length; s++) {
      out[s] = interleave(parts[s]);
    }
    return out;
  }

  /** Rank 0 of every list, then rank 1, ...; exhausted lists are skipped. */
  static int[] interleave(int[][] lists) {
    int total = 0;
    int longest = 0;
    for (int[] l : lists) {
      total += l.length;
      longest = Math.max(longest, l.length);
    }
    int[] out = new int[total];
    int k = 0;
    for (int r = 0; r < longest; r++) {
      for (int[] l : lists) {
        if (r < l.length) {
          out[k++] = l[r];
        }
      }
    }
    return out;
  }
}
