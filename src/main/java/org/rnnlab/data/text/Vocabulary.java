package org.rnnlab.data.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Token ids for an embedding, built from a training split only: every word seen at least
 * {@code minCount} times gets its own id, every other word (rare in training, or never seen)
 * the unknown-word id {@link #UNKNOWN} = 0, whose embedding row is trained from the rare words.
 * Ids are deterministic: 1, 2, ... by descending training count, ties in {@link String#compareTo}
 * order, whatever order the sentences came in. Optionally words are lower-cased
 * ({@link Locale#ROOT}) first, so that capitalisation is left to the word-shape features.
 */
public final class Vocabulary {
  /** The id of every word without one of its own. */
  public static final int UNKNOWN = 0;
  /** How the unknown word is written in {@link #words()}. */
  public static final String UNKNOWN_TOKEN = "<unk>";

  private final List<String> words;
  private final Map<String, Integer> ids;
  private final Map<String, Integer> counts;
  private final boolean lowercase;

  private Vocabulary(List<String> words, Map<String, Integer> counts, boolean lowercase) {
    this.words = Collections.unmodifiableList(new ArrayList<>(words));
    this.ids = new HashMap<>();
    for (int i = 0; i < words.size(); i++) {
      ids.put(words.get(i), i);
    }
    this.counts = counts;
    this.lowercase = lowercase;
  }

  /**
   * Counts the words of the training sentences and keeps those seen at least {@code minCount}
   * times (minCount 1: every training word).
   */
  public static Vocabulary build(Iterable<? extends Iterable<String>> trainingSentences, int minCount,
                                 boolean lowercase) {
    if (minCount < 1) {
      throw new IllegalArgumentException("min count must be at least 1, got " + minCount);
    }
    Map<String, Integer> counts = new HashMap<>();
    for (Iterable<String> sentence : trainingSentences) {
      for (String w : sentence) {
        counts.merge(normalise(w, lowercase), 1, Integer::sum);
      }
    }
    List<String> kept = new ArrayList<>();
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() >= minCount && !e.getKey().equals(UNKNOWN_TOKEN)) {
        kept.add(e.getKey());
      }
    }
    kept.sort((a, b) -> {
      int c = Integer.compare(counts.get(b), counts.get(a));
      return c != 0 ? c : a.compareTo(b);
    });
    List<String> words = new ArrayList<>();
    words.add(UNKNOWN_TOKEN);
    words.addAll(kept);
    return new Vocabulary(words, Collections.unmodifiableMap(counts), lowercase);
  }

  /** The vocabulary of the words of tagged training sentences (as the other {@code build}). */
  public static Vocabulary build(List<TaggedSentence> trainingSentences, int minCount, boolean lowercase) {
    List<List<String>> words = new ArrayList<>(trainingSentences.size());
    trainingSentences.forEach(t -> words.add(t.words()));
    return build(words, minCount, lowercase);
  }

  /** A vocabulary with exactly these words, id = index ({@code words.get(0)} must be {@link #UNKNOWN_TOKEN}). */
  public static Vocabulary of(List<String> words, boolean lowercase) {
    if (words.isEmpty() || !words.get(0).equals(UNKNOWN_TOKEN)) {
      throw new IllegalArgumentException("a vocabulary's id 0 is " + UNKNOWN_TOKEN);
    }
    if (words.stream().distinct().count() != words.size()) {
      throw new IllegalArgumentException("a vocabulary lists each word once");
    }
    return new Vocabulary(words, Map.of(), lowercase);
  }

  private static String normalise(String w, boolean lowercase) {
    return lowercase ? w.toLowerCase(Locale.ROOT) : w;
  }

  /** The word as the vocabulary keys it (lower-cased if so built). */
  public String normalise(String word) {
    return normalise(word, lowercase);
  }

  /** The word's id, or {@link #UNKNOWN}. */
  public int id(String word) {
    Integer i = ids.get(normalise(word));
    return i == null ? UNKNOWN : i;
  }

  /** Whether the word has an id of its own. */
  public boolean contains(String word) {
    String w = normalise(word);
    return ids.containsKey(w) && !w.equals(UNKNOWN_TOKEN);
  }

  /** How often the (normalised) word occurred in the training split: 0 for an out-of-vocabulary word. */
  public int trainingCount(String word) {
    return counts.getOrDefault(normalise(word), 0);
  }

  /** The word of an id. */
  public String word(int id) {
    return words.get(id);
  }

  /** Number of ids, the unknown word's included (the embedding's rows). */
  public int size() {
    return words.size();
  }

  /** Every word in id order, {@link #UNKNOWN_TOKEN} first. */
  public List<String> words() {
    return words;
  }

  /** Whether words are lower-cased before lookup. */
  public boolean lowercase() {
    return lowercase;
  }
}
