package org.rnnlab.data.text;

/**
 * The unigram baseline: absolute discounting interpolated with the uniform distribution over all
 * ids (the unknown id included), p(w) = max(c(w) - D, 0) / T + (D N1+ / T) / V, with c(w) the
 * training count, T the training length, N1+ the number of distinct training symbols, V =
 * {@link #symbols()} and D = n1 / (n1 + 2 n2) ({@link NgramModel#discount}). It is exactly the
 * {@link KneserNey} model of order 1 (computed here independently, from a plain count array), and
 * gives a never-seen symbol, such as the unknown one, probability D N1+ / (T V) > 0.
 */
public final class UnigramModel implements NgramModel {
  private final int symbols;
  private final double[] p;
  private final double discount;

  private UnigramModel(int symbols, double[] p, double discount) {
    this.symbols = symbols;
    this.p = p;
    this.discount = discount;
  }

  /** The unigram model of {@code text} over ids 0..symbols-1. */
  public static UnigramModel train(int[] text, int symbols) {
    if (symbols < 1) {
      throw new IllegalArgumentException("symbols must be positive: " + symbols);
    }
    long[] c = new long[symbols];
    for (int i = 0; i < text.length; i++) {
      if (text[i] < 0 || text[i] >= symbols) {
        throw new IllegalArgumentException("symbol " + text[i] + " at position " + i + " is not an id in 0.."
            + (symbols - 1));
      }
      c[text[i]]++;
    }
    long seen = 0;
    long n1 = 0;
    long n2 = 0;
    for (long x : c) {
      seen += x > 0 ? 1 : 0;
      n1 += x == 1 ? 1 : 0;
      n2 += x == 2 ? 1 : 0;
    }
    double d = NgramModel.discount(n1, n2);
    double uniform = 1.0 / symbols;
    double[] p = new double[symbols];
    double total = text.length;
    for (int w = 0; w < symbols; w++) {
      p[w] = text.length == 0 ? uniform : (c[w] > 0 ? (c[w] - d) / total : 0.0) + d * seen / total * uniform;
    }
    return new UnigramModel(symbols, p, d);
  }

  /** The discount D. */
  public double discount() {
    return discount;
  }

  @Override
  public int order() {
    return 1;
  }

  @Override
  public int symbols() {
    return symbols;
  }

  @Override
  public double probability(int[] seq, int end, int length, int symbol) {
    return p[symbol];
  }
}
