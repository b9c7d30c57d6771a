package org.rnnlab.data.text;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tagging metrics over gold and predicted tag ids, both flat (sentences concatenated), with the
 * sentence lengths and the OOV mask: token accuracy (correct tokens / tokens), OOV accuracy (the
 * same over tokens whose mask is set; NaN when there are none), and sentence accuracy (sentences
 * with every token correct / sentences). Counts are exact integers; each ratio is one division.
 */
public final class TaggingMetrics {
  private TaggingMetrics() {}

  /** The three accuracies and the counts they come from. */
  public record Scores(double tokenAccuracy, double oovAccuracy, double sentenceAccuracy,
      long tokens, long oovTokens, long sentences) {

    /** Metric name -> value, fixed order: {@code accuracy}, {@code oov_accuracy}, {@code sentence_accuracy}. */
    public Map<String, Double> asMap() {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("accuracy", tokenAccuracy);
      m.put("oov_accuracy", oovAccuracy);
      m.put("sentence_accuracy", sentenceAccuracy);
      return m;
    }
  }

  /** Scores of {@code predicted} against {@code gold}. */
  public static Scores score(int[] gold, int[] predicted, int[] sentenceLengths, boolean[] oov) {
    if (predicted.length != gold.length || oov.length != gold.length) {
      throw new IllegalArgumentException("gold has " + gold.length + " tags, predicted " + predicted.length
          + ", OOV mask " + oov.length + ": expected equal lengths");
    }
    long correct = 0;
    long oovTokens = 0;
    long oovCorrect = 0;
    long sentencesCorrect = 0;
    int at = 0;
    for (int s = 0; s < sentenceLengths.length; s++) {
      int len = sentenceLengths[s];
      if (len < 1 || at + len > gold.length) {
        throw new IllegalArgumentException("sentence " + s + " has length " + len + " at token " + at
            + ", expected >= 1 and within the " + gold.length + " tokens");
      }
      boolean all = true;
      for (int i = at; i < at + len; i++) {
        boolean ok = gold[i] == predicted[i];
        correct += ok ? 1 : 0;
        all &= ok;
        if (oov[i]) {
          oovTokens++;
          oovCorrect += ok ? 1 : 0;
        }
      }
      sentencesCorrect += all ? 1 : 0;
      at += len;
    }
    if (at != gold.length) {
      throw new IllegalArgumentException("sentence lengths add up to " + at + ", expected " + gold.length + " tokens");
    }
    return new Scores(ratio(correct, gold.length), ratio(oovCorrect, oovTokens),
        ratio(sentencesCorrect, sentenceLengths.length), gold.length, oovTokens, sentenceLengths.length);
  }

  /** Scores of per-sentence predictions against {@code gold} (the tags and mask of an encoding). */
  public static Scores score(EncodedSentences gold, int[][] predicted) {
    if (predicted.length != gold.size()) {
      throw new IllegalArgumentException(predicted.length + " predicted sentences, expected " + gold.size());
    }
    int[] flat = new int[gold.tokens()];
    int k = 0;
    for (int s = 0; s < predicted.length; s++) {
      if (predicted[s].length != gold.tags()[s].length) {
        throw new IllegalArgumentException("predicted sentence " + s + " has " + predicted[s].length
            + " tags, expected " + gold.tags()[s].length);
      }
      System.arraycopy(predicted[s], 0, flat, k, predicted[s].length);
      k += predicted[s].length;
    }
    return score(gold.flatTags(), flat, gold.lengths(), gold.flatOov());
  }

  private static double ratio(long num, long den) {
    return den == 0 ? Double.NaN : (double) num / den;
  }
}
