package org.rnnlab.data.text;

import java.util.Arrays;

/**
 * The counts of one n-gram order: the distinct n-grams with a positive count, sorted, so that the
 * n-grams of one history (the first n-1 symbols) are contiguous; per history its total count and
 * the number of distinct symbols that follow it. An n-gram is a long, its symbols packed with
 * {@code bits} bits each, the oldest in the highest bits (numeric order = lexicographic order).
 * Everything is found by binary search on sorted arrays: no hashing, no iteration-order effects.
 */
final class NgramTable {
  final int order;
  final int bits;
  final long[] grams;
  final int[] counts;
  final long[] histories;
  /** n-grams of history h are grams[start[h] .. start[h+1]). */
  final int[] start;
  final long[] totals;

  private NgramTable(int order, int bits, long[] grams, int[] counts) {
    this.order = order;
    this.bits = bits;
    this.grams = grams;
    this.counts = counts;
    int h = 0;
    for (int i = 0; i < grams.length; i++) {
      if (i == 0 || grams[i] >>> bits != grams[i - 1] >>> bits) {
        h++;
      }
    }
    histories = new long[h];
    start = new int[h + 1];
    totals = new long[h];
    h = -1;
    for (int i = 0; i < grams.length; i++) {
      if (i == 0 || grams[i] >>> bits != grams[i - 1] >>> bits) {
        h++;
        histories[h] = grams[i] >>> bits;
        start[h] = i;
      }
      totals[h] += counts[i];
    }
    start[histories.length] = grams.length;
  }

  /** The table of the distinct values of {@code keys} (sorted in place) with their multiplicities. */
  static NgramTable ofOccurrences(int order, int bits, long[] keys) {
    Arrays.sort(keys);
    int distinct = 0;
    for (int i = 0; i < keys.length; i++) {
      if (i == 0 || keys[i] != keys[i - 1]) {
        distinct++;
      }
    }
    long[] grams = new long[distinct];
    int[] counts = new int[distinct];
    int j = -1;
    for (int i = 0; i < keys.length; i++) {
      if (i == 0 || keys[i] != keys[i - 1]) {
        grams[++j] = keys[i];
      }
      counts[j]++;
    }
    return new NgramTable(order, bits, grams, counts);
  }

  /** Raw counts: every window of {@code order} symbols of {@code text}. */
  static NgramTable raw(int[] text, int order, int bits) {
    int n = Math.max(0, text.length - order + 1);
    long[] keys = new long[n];
    long mask = mask(order, bits);
    long key = 0;
    for (int i = 0; i < text.length; i++) {
      key = ((key << bits) | text[i]) & mask;
      if (i >= order - 1) {
        keys[i - order + 1] = key;
      }
    }
    return ofOccurrences(order, bits, keys);
  }

  /**
   * Continuation counts of order {@code longer.order - 1}: for each n-gram g, the number of distinct
   * symbols x such that x g occurs (the distinct (n+1)-grams of {@code longer} ending in g).
   */
  static NgramTable continuation(NgramTable longer) {
    int order = longer.order - 1;
    long mask = mask(order, longer.bits);
    long[] keys = new long[longer.grams.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = longer.grams[i] & mask;
    }
    return ofOccurrences(order, longer.bits, keys);
  }

  static long mask(int order, int bits) {
    return order * bits >= 64 ? -1L : (1L << (order * bits)) - 1;
  }

  /** The index of history {@code key} (its order-1 symbols packed), or -1 if no n-gram has it. */
  int history(long key) {
    int h = Arrays.binarySearch(histories, key);
    return h >= 0 ? h : -1;
  }

  /** The number of distinct symbols after history h. */
  int types(int h) {
    return start[h + 1] - start[h];
  }

  /** The count of history h followed by {@code symbol}, 0 if never. */
  int count(int h, int symbol) {
    int i = Arrays.binarySearch(grams, start[h], start[h + 1], (histories[h] << bits) | symbol);
    return i >= 0 ? counts[i] : 0;
  }

  /** How many n-grams have count exactly c. */
  long countOfCounts(int c) {
    long n = 0;
    for (int x : counts) {
      if (x == c) {
        n++;
      }
    }
    return n;
  }
}
