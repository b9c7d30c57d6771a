package org.rnnlab.data.g2p;

import java.util.Arrays;
import java.util.List;
import org.rnnlab.config.Levenshtein;

/**
 * Word and phoneme error rates of grapheme-to-phoneme predictions against a dictionary that may give
 * a word several pronunciations. Sequences are phoneme ids without start or end symbols.
 *
 * <ul>
 *   <li><b>Closest reference</b> of prediction p among a word's pronunciations r_1..r_k (k ≥ 1): the
 *       r_i of least Levenshtein distance d(p, r_i) (insertions, deletions, substitutions, each 1);
 *       ties go to the first in the dictionary's order (the main pronunciation first).</li>
 *   <li><b>Word error rate</b> = (words whose prediction equals none of their pronunciations) / words.</li>
 *   <li><b>Phoneme error rate</b> = Σ_words d(p, closest) / Σ_words |closest|: the edits summed over all
 *       words, divided by the summed lengths of the references they were measured against (not a mean
 *       of per-word rates, so long words weigh more). It can exceed 1 when predictions are too long.</li>
 * </ul>
 */
public final class G2pMetrics {
  private G2pMetrics() {}

  /**
   * The closest reference to one prediction.
   *
   * @param index    which of the word's pronunciations (0 = the first)
   * @param distance its edit distance to the prediction
   * @param length   its length
   */
  public record Closest(int index, int distance, int length) {}

  /**
   * Error counts over a set of words, with the rates they give.
   *
   * @param words           words scored
   * @param wrongWords      words whose prediction matched none of their pronunciations
   * @param edits           summed edit distances to the closest pronunciations
   * @param referenceLength summed lengths of those closest pronunciations
   */
  public record Score(int words, int wrongWords, long edits, long referenceLength) {
    /** Word error rate: wrongWords / words. */
    public double wordErrorRate() {
      return (double) wrongWords / words;
    }

    /** Phoneme error rate: edits / referenceLength. */
    public double phonemeErrorRate() {
      return (double) edits / referenceLength;
    }
  }

  /** The closest of {@code references} (at least one) to {@code prediction}. */
  public static Closest closest(int[] prediction, List<int[]> references) {
    if (references.isEmpty()) {
      throw new IllegalArgumentException("a word needs at least one reference pronunciation");
    }
    Closest best = null;
    for (int i = 0; i < references.size(); i++) {
      int d = Levenshtein.distance(prediction, references.get(i));
      if (best == null || d < best.distance()) {
        best = new Closest(i, d, references.get(i).length);
      }
    }
    return best;
  }

  /** Whether {@code prediction} equals none of {@code references}: a word error. */
  public static boolean wordError(int[] prediction, List<int[]> references) {
    for (int[] r : references) {
      if (Arrays.equals(prediction, r)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The scores of {@code predictions}, one per word, against each word's pronunciations
   * ({@code references}, in the same order; at least one word).
   */
  public static Score score(List<int[]> predictions, List<List<int[]>> references) {
    if (predictions.size() != references.size()) {
      throw new IllegalArgumentException(predictions.size() + " predictions for " + references.size() + " words");
    }
    if (predictions.isEmpty()) {
      throw new IllegalArgumentException("no words to score");
    }
    int wrong = 0;
    long edits = 0;
    long length = 0;
    for (int w = 0; w < predictions.size(); w++) {
      Closest c = closest(predictions.get(w), references.get(w));
      wrong += c.distance() == 0 ? 0 : 1; // distance 0 to some reference = equal to it
      edits += c.distance();
      length += c.length();
    }
    return new Score(predictions.size(), wrong, edits, length);
  }
}
