package org.rnnlab.data.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Interpolated Kneser-Ney n-gram model (Chen and Goodman 1998, "interpolated Kneser-Ney", one
 * discount per order; not their modified version with three), over ids {@code 0..symbols()-1}.
 * For the model of order N, with h_k the last k-1 symbols of the history:
 *
 * <pre>
 *   p_0(w)       = 1 / V                                       (uniform over every id, the unknown included)
 *   p_k(w | h_k) = max(c_k(h_k w) - D_k, 0) / c_k(h_k .)  +  D_k N1+(h_k .) / c_k(h_k .) * p_{k-1}(w | h_{k-1})
 *   p_k(w | h_k) = p_{k-1}(w | h_{k-1})                        if c_k(h_k .) = 0 (history never seen)
 * </pre>
 *
 * c_N is the raw count in the training text; for k &lt; N, c_k(g) is the continuation count
 * N1+(. g), the number of distinct symbols seen before g (so the lower orders say how many
 * contexts a symbol completes, not how often it occurs). c_k(h .) sums c_k(h w) over w, N1+(h .)
 * counts the w with c_k(h w) &gt; 0. D_k = n1 / (n1 + 2 n2) from the counts c_k actually used
 * at order k ({@link NgramModel#discount}; 1/2 when n1 = 0). The model of order 1 is
 * {@link UnigramModel}. Every distribution sums to 1 over all V ids.
 *
 * <p>Counting sorts packed n-grams (no hash maps): the same numbers on every run and machine.
 * The symbols of an n-gram are packed into a long, ceil(log2 V) bits each, so V and N must satisfy
 * N * ceil(log2 V) &lt;= 62 (V = 84: N &lt;= 8).
 */
public final class KneserNey implements NgramModel {
  private final int order;
  private final int symbols;
  private final int bits;
  /** tables[k] for k = 1..order (tables[0] unused). */
  private final NgramTable[] tables;
  private final double[] discounts;

  private KneserNey(int order, int symbols, int bits, NgramTable[] tables) {
    this.order = order;
    this.symbols = symbols;
    this.bits = bits;
    this.tables = tables;
    this.discounts = new double[order + 1];
    for (int k = 1; k <= order; k++) {
      discounts[k] = NgramModel.discount(tables[k].countOfCounts(1), tables[k].countOfCounts(2));
    }
  }

  /** The model of order {@code order} trained on {@code text} over ids 0..symbols-1. */
  public static KneserNey train(int[] text, int symbols, int order) {
    return family(text, symbols, order).get(order - 1);
  }

  /** The models of orders 1..maxOrder trained on {@code text}, sharing one count of the text. */
  public static List<KneserNey> family(int[] text, int symbols, int maxOrder) {
    if (symbols < 1) {
      throw new IllegalArgumentException("symbols must be positive: " + symbols);
    }
    int bits = Math.max(1, 32 - Integer.numberOfLeadingZeros(symbols - 1));
    if (maxOrder < 1 || (long) maxOrder * bits > 62) {
      throw new IllegalArgumentException("order " + maxOrder + " is not in 1.." + 62 / bits + " (for " + symbols
          + " symbols of " + bits + " bits packed in a long)");
    }
    for (int i = 0; i < text.length; i++) {
      if (text[i] < 0 || text[i] >= symbols) {
        throw new IllegalArgumentException("symbol " + text[i] + " at position " + i + " is not an id in 0.."
            + (symbols - 1));
      }
    }
    NgramTable[] raw = new NgramTable[maxOrder + 1];
    NgramTable[] cont = new NgramTable[maxOrder + 1];
    for (int k = maxOrder; k >= 1; k--) {
      raw[k] = NgramTable.raw(text, k, bits);
      if (k < maxOrder) {
        cont[k] = NgramTable.continuation(raw[k + 1]);
      }
    }
    List<KneserNey> out = new ArrayList<>();
    for (int n = 1; n <= maxOrder; n++) {
      NgramTable[] t = new NgramTable[n + 1];
      for (int k = 1; k < n; k++) {
        t[k] = cont[k];
      }
      t[n] = raw[n];
      out.add(new KneserNey(n, symbols, bits, t));
    }
    return List.copyOf(out);
  }

  /** The discount D_k of order k (1..order). */
  public double discount(int k) {
    return discounts[k];
  }

  /** The number of distinct n-grams with a positive count at order k (1..order), raw or continuation. */
  public int distinctGrams(int k) {
    return tables[k].grams.length;
  }

  @Override
  public int order() {
    return order;
  }

  @Override
  public int symbols() {
    return symbols;
  }

  @Override
  public double probability(int[] seq, int end, int length, int symbol) {
    int m = Math.min(length, order - 1) + 1; // the highest order the history allows
    double p = 1.0 / symbols;
    long history = 0; // the last k-1 symbols, packed
    for (int k = 1; k <= m; k++) {
      if (k > 1) {
        history |= (long) seq[end - (k - 1)] << ((k - 2) * bits);
      }
      NgramTable t = tables[k];
      int h = t.history(history);
      if (h < 0) {
        continue; // unseen history: all of p_k is p_{k-1}; a longer one is unseen too
      }
      double d = discounts[k];
      double total = t.totals[h];
      int c = t.count(h, symbol);
      p = (c > 0 ? (c - d) / total : 0.0) + d * t.types(h) / total * p;
    }
    return p;
  }
}
