package org.rnnlab.data.text;

import org.rnnlab.data.Split;

/**
 * A text cut into training, validation and test parts and encoded as ids {@code 0..symbols()-1}:
 * what a language model and its n-gram baselines read. {@link CharCorpus} (characters, with an
 * unknown id) and {@link ToyCorpus} (the seed's four words, closed vocabulary) implement it.
 */
public interface TokenCorpus {
  /** How many ids there are (the size of a model's softmax), the unknown id included if there is one. */
  int symbols();

  /** The id every symbol unseen in training maps to, or -1 if the vocabulary is closed. */
  int unknownId();

  /** The ids of one part in text order (a fresh copy). */
  int[] encoded(Split split);

  /** How many tokens of one part map to the unknown id (0 for a closed vocabulary). */
  int unknowns(Split split);

  /** The text of one id (a character, a word; the unknown id shows as U+FFFD). */
  String symbol(int id);

  /** The text of a sequence of ids: characters joined directly, words by single spaces. */
  String decode(int[] ids);

  /**
   * The ids of {@code text} (e.g. a sampling prime); a symbol without an id of its own (one never
   * seen in training) is an {@link IllegalArgumentException} naming it and its position.
   */
  int[] encode(String text);
}
