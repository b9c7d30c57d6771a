package org.rnnlab.cli;

import java.util.Collection;
import org.rnnlab.config.Levenshtein;

/** "Did you mean" hints for mistyped names: the closest known name within a small edit distance. */
final class Suggest {
  private Suggest() {}

  /** "; did you mean X?" for the closest of {@code known}, or "" if none is close. */
  static String didYouMean(String typed, Collection<String> known) {
    String best = null;
    int bestD = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(typed, k);
      if (d < bestD) {
        best = k;
        bestD = d;
      }
    }
    return best != null && bestD <= Math.max(2, typed.length() / 3) ? "; did you mean " + best + "?" : "";
  }

  /** Levenshtein distance ({@link Levenshtein}). */
  static int distance(String a, String b) {
    return Levenshtein.distance(a, b);
  }
}
