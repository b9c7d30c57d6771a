package org.rnnlab.data.text;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The most-frequent-tag baseline: every word gets the tag it has most often in the training
 * split, the word lower-cased ({@link Locale#ROOT}); a word never seen in training (lower-cased)
 * gets the most frequent tag of the training split overall. Ties go to the smallest tag id (the
 * alphabetically first tag, {@link TagIndex}), so the result does not depend on reading order.
 * Independent of any {@link Vocabulary}: its minimum count does not apply here.
 */
public final class MostFrequentTagBaseline {
  private final Map<String, Integer> best;
  private final int fallback;

  private MostFrequentTagBaseline(Map<String, Integer> best, int fallback) {
    this.best = best;
    this.fallback = fallback;
  }

  /** Counts the training sentences (tags mapped through {@code tagSet}). */
  public static MostFrequentTagBaseline fit(List<TaggedSentence> training, TagSet tagSet, TagIndex tags) {
    Map<String, Map<Integer, Integer>> counts = new HashMap<>();
    long[] overall = new long[tags.size()];
    for (TaggedSentence s : training) {
      for (int i = 0; i < s.size(); i++) {
        int tag = tags.id(tagSet.map(s.tags().get(i)));
        overall[tag]++;
        counts.computeIfAbsent(key(s.words().get(i)), w -> new HashMap<>()).merge(tag, 1, Integer::sum);
      }
    }
    if (counts.isEmpty()) {
      throw new IllegalArgumentException("the training split has no tokens");
    }
    Map<String, Integer> best = new HashMap<>();
    for (Map.Entry<String, Map<Integer, Integer>> e : counts.entrySet()) {
      int arg = -1;
      int max = 0;
      for (Map.Entry<Integer, Integer> c : e.getValue().entrySet()) {
        if (c.getValue() > max || (c.getValue() == max && c.getKey() < arg)) {
          arg = c.getKey();
          max = c.getValue();
        }
      }
      best.put(e.getKey(), arg);
    }
    int fallback = 0;
    for (int t = 1; t < overall.length; t++) {
      if (overall[t] > overall[fallback]) {
        fallback = t;
      }
    }
    return new MostFrequentTagBaseline(best, fallback);
  }

  private static String key(String word) {
    return word.toLowerCase(Locale.ROOT);
  }

  /** The predicted tag id of {@code word}. */
  public int predict(String word) {
    return best.getOrDefault(key(word), fallback);
  }

  /** Predicted tag ids of every token of {@code sentence}. */
  public int[] predict(TaggedSentence sentence) {
    int[] out = new int[sentence.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = predict(sentence.words().get(i));
    }
    return out;
  }

  /** Predictions for every sentence (rows as in {@link EncodedSentences}). */
  public int[][] predict(List<TaggedSentence> sentences) {
    int[][] out = new int[sentences.size()][];
    for (int s = 0; s < out.length; s++) {
      out[s] = predict(sentences.get(s));
    }
    return out;
  }

  /** The tag given to words never seen in training: the most frequent training tag. */
  public int fallbackTag() {
    return fallback;
  }

  /** Whether {@code word} (lower-cased) occurs in the training split. */
  public boolean seen(String word) {
    return best.containsKey(key(word));
  }
}
