package org.rnnlab.data.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rnnlab.data.Split;
import org.rnnlab.engine.Rng;

/**
 * The seed's toy language-model example (section 7.2.1): the lexicon {the, cat, chased, mouse}
 * (ids 0..3 in that, the seed's, order; closed, no unknown id) and hidden size 2, for tests and docs.
 *
 * <p>The text is a stream of the seed's two sentences, "The cat chased the mouse." and "The mouse
 * chased the cat.", each drawn independently with probability 1/2, lower-cased, the full stop
 * dropped, the sentences concatenated without a separator (like the character text, one continuous
 * stream): {@code the cat chased the mouse the mouse chased the cat ...}. Only the second word of a
 * sentence is random; the fifth is the noun the second was not, three words back, so a bigram model
 * cannot know it and a model with memory can. The entropy rate is one bit per sentence,
 * {@link #ENTROPY_BITS_PER_WORD} = 0.2 bits per word: no model does better in expectation.
 *
 * <p>Each part is drawn from its own fixed stream, {@code Rng.of(0).child("toy-corpus").child(part)}
 * with part = train, validation, test: the same text in every run, no seed argument.
 */
public final class ToyCorpus implements TokenCorpus {
  /** The seed's lexicon, in its order: id i is element i. */
  public static final List<String> LEXICON = List.of("the", "cat", "chased", "mouse");
  /** The seed's two sentences. */
  public static final List<String> SENTENCES = List.of("The cat chased the mouse.", "The mouse chased the cat.");
  /** The seed's hidden size for this example. */
  public static final int HIDDEN_SIZE = 2;
  /** Words per sentence. */
  public static final int SENTENCE_LENGTH = 5;
  /** The entropy rate of the stream: one fair binary choice per five words. */
  public static final double ENTROPY_BITS_PER_WORD = 1.0 / SENTENCE_LENGTH;

  private final int[][] parts;

  private ToyCorpus(int[][] parts) {
    this.parts = parts;
  }

  /** The toy text with the given numbers of sentences per part (each at least 1). */
  public static ToyCorpus of(int trainSentences, int validationSentences, int testSentences) {
    int[] counts = {trainSentences, validationSentences, testSentences};
    int[][] parts = new int[3][];
    Rng root = Rng.of(0).child("toy-corpus");
    for (Split s : Split.values()) {
      int n = counts[s.ordinal()];
      if (n < 1) {
        throw new IllegalArgumentException("the " + s.key() + " part needs at least 1 sentence, got " + n);
      }
      Rng rng = root.child(s.key());
      int[] ids = new int[n * SENTENCE_LENGTH];
      for (int i = 0; i < n; i++) {
        System.arraycopy(sentence(rng.nextInt(2)), 0, ids, i * SENTENCE_LENGTH, SENTENCE_LENGTH);
      }
      parts[s.ordinal()] = ids;
    }
    return new ToyCorpus(parts);
  }

  /** The ids of the seed's sentence {@code i} (0: the cat chased the mouse = 0 1 2 0 3; 1: 0 3 2 0 1). */
  public static int[] sentence(int i) {
    return words(SENTENCES.get(i));
  }

  /** The ids of a text of lexicon words (case and full stops ignored); another word is an error. */
  public static int[] words(String text) {
    String t = text.replace('.', ' ').strip().toLowerCase(Locale.ROOT);
    if (t.isEmpty()) {
      return new int[0];
    }
    String[] w = t.split("\\s+");
    int[] out = new int[w.length];
    for (int i = 0; i < w.length; i++) {
      out[i] = LEXICON.indexOf(w[i]);
      if (out[i] < 0) {
        throw new IllegalArgumentException("word '" + w[i] + "' at position " + i + " is not in the toy lexicon "
            + LEXICON);
      }
    }
    return out;
  }

  @Override
  public int symbols() {
    return LEXICON.size();
  }

  @Override
  public int unknownId() {
    return -1;
  }

  @Override
  public int[] encoded(Split split) {
    return parts[split.ordinal()].clone();
  }

  @Override
  public int unknowns(Split split) {
    return 0;
  }

  @Override
  public String symbol(int id) {
    return LEXICON.get(id);
  }

  @Override
  public String decode(int[] ids) {
    List<String> w = new ArrayList<>(ids.length);
    for (int id : ids) {
      w.add(symbol(id));
    }
    return String.join(" ", w);
  }

  @Override
  public int[] encode(String text) {
    return words(text);
  }
}
