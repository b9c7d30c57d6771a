package org.rnnlab.data.text;

import java.util.List;

/**
 * Sentences as ids: word ids from a {@link Vocabulary}, tag ids from a {@link TagIndex} (after the
 * {@link TagSet}). A token is out of vocabulary (OOV) when its word id is {@link Vocabulary.UNKNOWN}.
 * Row s is sentence s; the {@code flat...} methods concatenate the rows for {@link TaggingMetrics}.
 */
public record EncodedSentences(int[][] words, int[][] tags) {
  public EncodedSentences {
    TokenTagSequences.checkRows(words, tags);
  }

  /** Encodes {@code sentences}; every tag must be in {@code tagIndex}. */
  public static EncodedSentences encode(List<TaggedSentence> sentences, Vocabulary vocabulary, TagSet tagSet,
      TagIndex tagIndex) {
    int n = sentences.size();
    int[][] w = new int[n][];
    int[][] t = new int[n][];
    for (int s = 0; s < n; s++) {
      TaggedSentence sentence = sentences.get(s);
      int len = sentence.size();
      w[s] = new int[len];
      t[s] = new int[len];
      for (int i = 0; i < len; i++) {
        w[s][i] = vocabulary.id(sentence.words().get(i));
        t[s][i] = tagIndex.id(tagSet.map(sentence.tags().get(i)));
      }
    }
    return new EncodedSentences(w, t);
  }

  /** Number of sentences. */
  public int size() {
    return words.length;
  }

  /** Length of every sentence. */
  public int[] lengths() {
    int[] l = new int[words.length];
    for (int s = 0; s < l.length; s++) {
      l[s] = words[s].length;
    }
    return l;
  }

  /** Tokens in all sentences. */
  public int tokens() {
    int n = 0;
    for (int[] w : words) {
      n += w.length;
    }
    return n;
  }

  /** Whether token i of sentence s is OOV. */
  public boolean oov(int s, int i) {
    return words[s][i] == Vocabulary.UNKNOWN;
  }

  /** Word ids of all sentences, concatenated. */
  public int[] flatWords() {
    return flatten(words);
  }

  /** Tag ids of all sentences, concatenated. */
  public int[] flatTags() {
    return flatten(tags);
  }

  /** OOV mask of all sentences, concatenated. */
  public boolean[] flatOov() {
    int[] w = flatWords();
    boolean[] out = new boolean[w.length];
    for (int k = 0; k < w.length; k++) {
      out[k] = w[k] == Vocabulary.UNKNOWN;
    }
    return out;
  }

  /** Number of OOV tokens. */
  public int oovTokens() {
    int n = 0;
    for (boolean b : flatOov()) {
      n += b ? 1 : 0;
    }
    return n;
  }

  private int[] flatten(int[][] rows) {
    int[] out = new int[tokens()];
    int k = 0;
    for (int[] r : rows) {
      System.arraycopy(r, 0, out, k, r.length);
      k += r.length;
    }
    return out;
  }
}
