package org.rnnlab.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.rnnlab.data.Split;

/**
 * A text as token ids, split by position into training, validation and test parts (the first
 * 90 %, the next 5 %, the last 5 %; contiguous, no shuffling across the boundaries). The
 * vocabulary comes from the training part only, in sorted order from id 1; id 0 is the unknown
 * symbol that every token never seen in training maps to.
 */
public final class TokenText {
  /** The dataset name of Moby-Dick's characters. */
  public static final String MOBY_DICK = "moby-dick";

  private final String name;
  private final List<String> symbols;
  private final int[][] splits;

  TokenText(String name, List<String> symbols, int[][] splits) {
    this.name = name;
    this.symbols = List.copyOf(symbols);
    this.splits = splits;
  }

  /** The text of {@code corpus} (moby-dick, toy), cut to its first {@code maxTokens} tokens if given. */
  static TokenText load(String corpus, Integer maxTokens) {
    if (corpus.equals("toy")) {
      return of("toy", toyWords(), maxTokens);
    }
    throw new IllegalArgumentException("corpus " + corpus + " is not available yet");
  }

  /**
   * The seed's running example (000, 7.2.1): sentences over the lexicon {the, cat, chased, mouse},
   * "the cat chased the mouse" and "the mouse chased the cat" alternating, 40 of them, words as tokens.
   */
  static List<String> toyWords() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      out.addAll(List.of(i % 2 == 0 ? "the cat chased the mouse".split(" ") : "the mouse chased the cat".split(" ")));
    }
    return out;
  }

  /** {@code tokens} split 90/5/5 by position with a vocabulary of the training part's distinct tokens. */
  static TokenText of(String name, List<String> tokens, Integer maxTokens) {
    List<String> all = maxTokens == null || maxTokens >= tokens.size() ? tokens : tokens.subList(0, maxTokens);
    int n = all.size();
    int trainEnd = (int) ((long) n * 90 / 100);
    int validationEnd = (int) ((long) n * 95 / 100);
    List<String> vocabulary = new ArrayList<>(new TreeSet<>(all.subList(0, trainEnd)));
    vocabulary.add(0, "<unk>");
    int[][] splits = {
        encode(all.subList(0, trainEnd), vocabulary),
        encode(all.subList(trainEnd, validationEnd), vocabulary),
        encode(all.subList(validationEnd, n), vocabulary)};
    return new TokenText(name, vocabulary, splits);
  }

  private static int[] encode(List<String> tokens, List<String> vocabulary) {
    int[] out = new int[tokens.size()];
    for (int i = 0; i < out.length; i++) {
      int id = java.util.Collections.binarySearch(vocabulary.subList(1, vocabulary.size()), tokens.get(i));
      out[i] = id < 0 ? 0 : id + 1;
    }
    return out;
  }

  /**
   * Text to ids and back: characters for a character text (each code point one token), else
   * words separated by spaces; a token never seen in training is refused, naming it.
   */
  public TokenCodec codec() {
    boolean chars = symbols.stream().skip(1).allMatch(x -> x.codePointCount(0, x.length()) == 1);
    java.util.Map<String, Integer> ids = new java.util.HashMap<>();
    for (int i = 1; i < symbols.size(); i++) {
      ids.put(symbols.get(i), i);
    }
    return new TokenCodec() {
      @Override
      public int size() {
        return symbols.size();
      }

      @Override
      public String symbol(int id) {
        return chars || id == 0 ? symbols.get(id) : (" " + symbols.get(id));
      }

      @Override
      public int[] encode(String text) {
        List<String> tokens = chars ? text.codePoints().mapToObj(Character::toString).toList()
            : List.of(text.trim().split("\\s+"));
        int[] out = new int[tokens.size()];
        for (int i = 0; i < out.length; i++) {
          Integer id = ids.get(tokens.get(i));
          if (id == null) {
            throw new IllegalArgumentException((chars ? "character " : "word ") + "\"" + tokens.get(i)
                + "\" at position " + i + " is not in the vocabulary of " + name + " (" + (symbols.size() - 1)
                + " symbols seen in training)");
          }
          out[i] = id;
        }
        return out;
      }
    };
  }

  /** Distinct symbols including the unknown one (id 0). */
  public int vocabularySize() {
    return symbols.size();
  }

  /** The symbol of {@code id} ({@code <unk>} for 0). */
  public String symbol(int id) {
    return symbols.get(id);
  }

  /** The token ids of a split (a copy). */
  public int[] split(Split s) {
    return splits[s.ordinal()].clone();
  }

  /** Tokens of a split that are unknown (never seen in training). */
  public int unknown(Split s) {
    return (int) Arrays.stream(splits[s.ordinal()]).filter(id -> id == 0).count();
  }

  /**
   * Bits per token of the add-one unigram model of the training part on split {@code s}, over the
   * tokens the language model predicts there (every one but each stream's first; with one stream:
   * all but the first).
   */
  public double unigramBits(Split s) {
    long[] counts = new long[symbols.size()];
    for (int id : splits[Split.TRAIN.ordinal()]) {
      counts[id]++;
    }
    double total = splits[Split.TRAIN.ordinal()].length + symbols.size();
    int[] x = splits[s.ordinal()];
    double bits = 0.0;
    for (int i = 1; i < x.length; i++) {
      bits -= StrictMath.log((counts[x[i]] + 1) / total);
    }
    return bits / (x.length - 1) / StrictMath.log(2.0);
  }

  /** "moby-dick: 83 symbols, 1,071,285 / 59,516 / 59,516 tokens". */
  public String describe() {
    return String.format(java.util.Locale.ROOT, "%s: %d symbols, %,d / %,d / %,d tokens", name, symbols.size(),
        splits[0].length, splits[1].length, splits[2].length);
  }
}
