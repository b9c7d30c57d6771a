package org.rnnlab.data.text;

import java.util.List;

/** One sentence of a tagged corpus: its words and their tags, as found in the file (immutable). */
public record TaggedSentence(List<String> words, List<String> tags) {
  public TaggedSentence {
    words = List.copyOf(words);
    tags = List.copyOf(tags);
    if (words.size() != tags.size() || words.isEmpty()) {
      throw new IllegalArgumentException("a sentence needs as many tags as words, at least one: "
          + words.size() + " words, " + tags.size() + " tags");
    }
  }

  /** Number of tokens. */
  public int size() {
    return words.size();
  }

  /** Tokens in all of {@code sentences}. */
  public static long tokens(List<TaggedSentence> sentences) {
    long n = 0;
    for (TaggedSentence s : sentences) {
      n += s.size();
    }
    return n;
  }
}
