package org.rnnlab.data.g2p;

import java.util.ArrayList;
import java.util.List;

/**
 * One word of the dictionary with all its pronunciations, in the file's order (the main one first,
 * then {@code WORD(1)}, {@code WORD(2)}, …), stress removed, each distinct.
 *
 * @param word           capitals A-Z and apostrophes ({@link Graphemes#isWord})
 * @param pronunciations at least one; each a non-empty list of the 39 phonemes ({@link Phonemes#ARPABET})
 */
public record Entry(String word, List<List<String>> pronunciations) {
  public Entry {
    List<List<String>> copy = new ArrayList<>();
    for (List<String> p : pronunciations) {
      copy.add(List.copyOf(p));
    }
    pronunciations = List.copyOf(copy);
  }

  /** The word's grapheme ids ({@link Graphemes}). */
  public int[] graphemes() {
    return Graphemes.encode(word);
  }

  /** The phoneme ids ({@link Phonemes}) of every pronunciation, without start or end symbols. */
  public List<int[]> phonemes() {
    List<int[]> out = new ArrayList<>(pronunciations.size());
    for (List<String> p : pronunciations) {
      out.add(Phonemes.encode(p));
    }
    return out;
  }
}
