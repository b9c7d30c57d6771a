package org.rnnlab.data.text;

/**
 * A smoothed n-gram model over ids {@code 0..symbols()-1}: a proper distribution over every id for
 * every history (the unknown id included), evaluated in bits per symbol.
 *
 * <p><b>Histories at the start of a part.</b> Symbol i of a part is conditioned on the
 * {@code order()-1} symbols before it, taken across the boundary from {@code context} (the text
 * before the part: the end of the training part for validation, of validation for test). Only where
 * fewer exist (the first symbols of the whole text) is the shorter history used, with the model's
 * distribution of that length.
 */
public interface NgramModel {
  /** The natural log of 2, for bits. */
  double LN2 = StrictMath.log(2.0);

  /** The n of the n-gram: how many symbols of history it uses plus one. */
  int order();

  /** How many ids it predicts over. */
  int symbols();

  /**
   * P(symbol | history), history = seq[end - length .. end) (length at most order()-1; the oldest
   * symbols are ignored beyond that).
   */
  double probability(int[] seq, int end, int length, int symbol);

  /** P(symbol | the last order()-1 symbols of history, or all of it if shorter). */
  default double probability(int[] history, int symbol) {
    return probability(history, history.length, Math.min(history.length, order() - 1), symbol);
  }

  /**
   * The total of -log2 P over the symbols of {@code text}, each conditioned on up to order()-1
   * symbols before it, reaching back into {@code context}; summed in text order (StrictMath.log),
   * so the same bits on every machine.
   */
  default double bits(int[] context, int[] text) {
    int keep = Math.min(context.length, order() - 1);
    int[] seq = new int[keep + text.length];
    System.arraycopy(context, context.length - keep, seq, 0, keep);
    System.arraycopy(text, 0, seq, keep, text.length);
    double nats = 0;
    for (int i = keep; i < seq.length; i++) {
      int s = seq[i];
      if (s < 0 || s >= symbols()) {
        throw new IllegalArgumentException("symbol " + s + " at position " + (i - keep) + " is not an id in 0.."
            + (symbols() - 1));
      }
      nats -= StrictMath.log(probability(seq, i, Math.min(i, order() - 1), s));
    }
    return nats / LN2;
  }

  /** Bits per symbol of {@code text} after {@code context}: {@link #bits} / text.length (NaN if empty). */
  default double bitsPerSymbol(int[] context, int[] text) {
    return text.length == 0 ? Double.NaN : bits(context, text) / text.length;
  }

  /**
   * Chen and Goodman's (1998) discount for one order, D = n1 / (n1 + 2 n2), n_c the number of
   * n-grams with count c; when n1 = 0 (the formula would give D = 0 and leave no probability for
   * unseen symbols, the unknown one included) D = 1/2.
   */
  static double discount(long n1, long n2) {
    return n1 == 0 ? 0.5 : (double) n1 / (n1 + 2 * n2);
  }
}
