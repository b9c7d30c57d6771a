package org.rnnlab.data.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Word ids for an embedding layer, built from the training split only. A word is normalised
 * (lower-cased with {@link Locale#ROOT} if {@code lowerCase}, otherwise kept), counted, and
 * kept if it occurs at least {@code minCount} times; id 0 is {@link #UNKNOWN}, which every other
 * word maps to; kept words follow in descending count, ties in String.compareTo order, so the
 * ids depend only on the counts. A token is out of vocabulary (OOV) when it maps to id 0.
 */
public final class Vocabulary {
  /** The unknown-word token. */
  public static final String UNKNOWN = "<unk>";
  /** Its id. */
  public static final int UNKNOWN_ID = 0;

  private final boolean lowerCase;
  private final int minCount;
  private final List<String> words;
  private final Map<String, Integer> ids = new HashMap<>();

  private Vocabulary(boolean lowerCase, int minCount, List<String> words) {
    this.lowerCase = lowerCase;
    this.minCount = minCount;
    this.words = Collections.unmodifiableList(words);
    for (int i = 0; i < words.size(); i++) {
      ids.put(words.get(i), i);
    }
  }

  /** The vocabulary of the words of {@code trainingSentences}. */
  public static Vocabulary build(List<TaggedSentence> trainingSentences, int minCount, boolean lowerCase) {
    if (minCount < 1) {
      throw new IllegalArgumentException("minimum count must be >= 1, got " + minCount);
    }
    Map<String, Integer> counts = new HashMap<>();
    for (TaggedSentence s : trainingSentences) {
      for (String w : s.words()) {
        counts.merge(normalise(w, lowerCase), 1, Integer::sum);
      }
    }
    counts.remove(UNKNOWN);
    List<Map.Entry<String, Integer>> kept = new ArrayList<>();
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() >= minCount) {
        kept.add(e);
      }
    }
    kept.sort((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey())
        : Integer.compare(b.getValue(), a.getValue()));
    List<String> words = new ArrayList<>(kept.size() + 1);
    words.add(UNKNOWN);
    kept.forEach(e -> words.add(e.getKey()));
    return new Vocabulary(lowerCase, minCount, words);
  }

  private static String normalise(String word, boolean lowerCase) {
    return lowerCase ? word.toLowerCase(Locale.ROOT) : word;
  }

  /** {@code word} as this vocabulary looks it up. */
  public String normalise(String word) {
    return normalise(word, lowerCase);
  }

  /** Id of {@code word}, {@link #UNKNOWN_ID} if it is not in the vocabulary. */
  public int id(String word) {
    return ids.getOrDefault(normalise(word), UNKNOWN_ID);
  }

  /** Whether {@code word} has an id of its own. */
  public boolean contains(String word) {
    return id(word) != UNKNOWN_ID;
  }

  /** The (normalised) word with id {@code id}. */
  public String word(int id) {
    return words.get(id);
  }

  /** Number of ids, the unknown-word token included. */
  public int size() {
    return words.size();
  }

  public boolean lowerCase() {
    return lowerCase;
  }

  public int minCount() {
    return minCount;
  }
}
