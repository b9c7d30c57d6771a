package org.rnnlab.data.text;

import java.util.List;

/**
 * Sentences as ids: word ids from a {@link Vocabulary}, tag ids from a {@link TagIndex} (after the
 * {@link TagSet}), and the OOV mask (the word maps to {@link Vocabulary#UNKNOWN_ID}). Row s is
 * sentence s; {@link #flatTags()} etc. concatenate the rows for {@link TaggingMetrics}.
 */
public record EncodedSentences(int[][] words, int[][] tags, boolean[][] oov) {

  /** Encodes {@code sentences}; every tag must be in {@code tagIndex}. */
  public static EncodedSentences encode(List<TaggedSentence> sentences, Vocabulary vocabulary, TagSet tagSet,
      TagIndex tagIndex) {
    int n = sentences.size();
    int[][] w = new int[n][];
    int[][] t = new int[n][];
    boolean[][] o = new boolean[n][];
    for (int s = 0; s < n; s++) {
      TaggedSentence sentence = sentences.get(s);
      int len = sentence.size();
      w[s] = new int[len];
      t[s] = new int[len];
      o[s] = new boolean[len];
      for (int i = 0; i < len; i++) {
        w[s][i] = vocabulary.id(sentence.words().get(i));
        o[s][i] = w[s][i] == Vocabulary.UNKNOWN_ID;
        t[s][i] = tagIndex.id(tagSet.map(sentence.tags().get(i)));
      }
    }
    return new EncodedSentences(w, t, o);
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

  /** Tag ids of all sentences, concatenated. */
  public int[] flatTags() {
    int[] out = new int[tokens()];
    int k = 0;
    for (int[] t : tags) {
      System.arraycopy(t, 0, out, k, t.length);
      k += t.length;
    }
    return out;
  }

  /** OOV mask of all sentences, concatenated. */
  public boolean[] flatOov() {
    boolean[] out = new boolean[tokens()];
    int k = 0;
    for (boolean[] o : oov) {
      System.arraycopy(o, 0, out, k, o.length);
      k += o.length;
    }
    return out;
  }

  /** Number of OOV tokens. */
  public int oovTokens() {
    int n = 0;
    for (boolean[] o : oov) {
      for (boolean b : o) {
        n += b ? 1 : 0;
      }
    }
    return n;
  }
}
