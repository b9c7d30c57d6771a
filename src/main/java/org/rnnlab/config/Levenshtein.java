package org.rnnlab.config;

/**
 * The edit distance behind every "did you mean" and closest-names-first list, and behind the phoneme
 * error rate of grapheme-to-phoneme conversion (sequences of symbol ids).
 */
public final class Levenshtein {
  private Levenshtein() {}

  /** Insertions, deletions and substitutions that turn {@code a} into {@code b} (UTF-16 units). */
  public static int distance(String a, String b) {
    return distance(a.chars().toArray(), b.chars().toArray());
  }

  /** Insertions, deletions and substitutions (each costing 1) that turn sequence {@code a} into {@code b}. */
  public static int distance(int[] a, int[] b) {
    int[] prev = new int[b.length + 1];
    int[] cur = new int[b.length + 1];
    for (int j = 0; j <= b.length; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length; i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length; j++) {
        int sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length];
  }
}
