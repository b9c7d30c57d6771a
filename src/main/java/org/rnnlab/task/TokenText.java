package org.rnnlab.task;

import java.util.Arrays;
import java.util.Locale;
import org.rnnlab.data.Split;
import org.rnnlab.data.text.CharCorpus;
import org.rnnlab.data.text.NgramBaselines;
import org.rnnlab.data.text.TokenCorpus;
import org.rnnlab.data.text.ToyCorpus;

/**
 * A language model's text as token ids by split ({@link TokenCorpus}: Moby-Dick's characters split
 * 90/5/5 by position with the training part's vocabulary, or the seed's toy text of words), with
 * its n-gram baselines computed once, on first use, from the same split.
 */
public final class TokenText {
  /** The dataset name of Moby-Dick's characters. */
  public static final String MOBY_DICK = CharCorpus.DATASET;
  /** The n-gram baselines a language model is reported beside, by metric name prefix. */
  static final java.util.List<String> BASELINES = java.util.List.of("unigram", "kn3", "kn5", "kn7");

  private final String name;
  private final TokenCorpus corpus;
  private final boolean characters;
  private NgramBaselines baselines;

  TokenText(String name, TokenCorpus corpus, boolean characters) {
    this.name = name;
    this.corpus = corpus;
    this.characters = characters;
  }

  /** The text of {@code corpus} (moby-dick, toy), cut to its first {@code maxTokens} tokens if given. */
  static TokenText load(String corpus, Integer maxTokens) {
    if (corpus.equals("toy")) {
      // 40 sentences of 5 words: 180 / 10 / 10 words, as the corpus splits by sentence
      return new TokenText("toy", ToyCorpus.of(36, 2, 2), false);
    }
    CharCorpus full = CharCorpus.mobyDick();
    if (maxTokens == null || maxTokens >= full.length()) {
      return new TokenText(MOBY_DICK, full, true);
    }
    int[] all = new int[full.length()];
    int at = 0;
    for (Split s : Split.values()) {
      int[] cp = full.codePoints(s);
      System.arraycopy(cp, 0, all, at, cp.length);
      at += cp.length;
    }
    return new TokenText(MOBY_DICK + " (first " + maxTokens + " characters)",
        CharCorpus.of(Arrays.copyOf(all, maxTokens)), true);
  }

  /** Distinct ids the model reads and predicts (for characters: the unknown one, 0, and 1..V). */
  public int vocabularySize() {
    return corpus.symbols();
  }

  /** The symbol of {@code id}. */
  public String symbol(int id) {
    return corpus.symbol(id);
  }

  /** The token ids of a split (a copy). */
  public int[] split(Split s) {
    return corpus.encoded(s);
  }

  /** Tokens of a split never seen in training. */
  public int unknown(Split s) {
    return corpus.unknowns(s);
  }

  /** Bits per token of the n-gram baseline {@code name} (unigram, kn2 ... kn7) on split {@code s}. */
  public synchronized double baselineBits(String baseline, Split s) {
    if (baselines == null) {
      baselines = NgramBaselines.compute(corpus, 7);
    }
    NgramBaselines.Row r = baselines.row(baseline);
    return s == Split.TEST ? r.testBits() : r.validationBits();
  }

  /**
   * Text to ids and back: characters for a character text (each code point one token), else words
   * separated by spaces, each read back with a leading space; a token never seen in training is
   * refused, naming it.
   */
  public TokenCodec codec() {
    return new TokenCodec() {
      @Override
      public int size() {
        return corpus.symbols();
      }

      @Override
      public String symbol(int id) {
        return characters ? corpus.symbol(id) : " " + corpus.symbol(id);
      }

      @Override
      public int[] encode(String text) {
        return corpus.encode(text);
      }
    };
  }

  /** "moby-dick: 84 symbols, 1,071,285 / 59,516 / 59,516 tokens". */
  public String describe() {
    return String.format(Locale.ROOT, "%s: %d symbols, %,d / %,d / %,d tokens", name, corpus.symbols(),
        corpus.encoded(Split.TRAIN).length, corpus.encoded(Split.VALIDATION).length,
        corpus.encoded(Split.TEST).length);
  }
}
