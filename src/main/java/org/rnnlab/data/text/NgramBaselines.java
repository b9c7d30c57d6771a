package org.rnnlab.data.text;

import java.util.ArrayList;
import java.util.List;
import org.rnnlab.data.Split;

/**
 * The n-gram baselines of a language model, computed from the same split: the unigram model
 * ({@link UnigramModel}) and interpolated Kneser-Ney ({@link KneserNey}) of orders 2..maxOrder, all
 * trained on the training part, each with its bits per symbol (mean -log2 p over the symbols of the
 * part) on validation and test. A part's first symbols are conditioned on the end of the text before
 * it (validation on training, test on validation), as a model carrying its state across would be.
 *
 * @param rows one per model: unigram first, then KN-2, KN-3, ...
 */
public record NgramBaselines(List<Row> rows) {
  /**
   * One baseline.
   *
   * @param name           {@code unigram}, {@code kn2}, {@code kn3}, ...
   * @param order          its n (1 for the unigram)
   * @param validationBits bits per symbol on the validation part
   * @param testBits       bits per symbol on the test part
   */
  public record Row(String name, int order, double validationBits, double testBits) {}

  public NgramBaselines {
    rows = List.copyOf(rows);
  }

  /** The unigram and KN-2..KN-maxOrder baselines of {@code corpus} (maxOrder >= 2). */
  public static NgramBaselines compute(TokenCorpus corpus, int maxOrder) {
    if (maxOrder < 2) {
      throw new IllegalArgumentException("maxOrder must be at least 2: " + maxOrder);
    }
    int[] train = corpus.encoded(Split.TRAIN);
    int[] validation = corpus.encoded(Split.VALIDATION);
    int[] test = corpus.encoded(Split.TEST);
    int[] beforeTest = concat(train, validation);
    List<NgramModel> models = new ArrayList<>();
    models.add(UnigramModel.train(train, corpus.symbols()));
    models.addAll(KneserNey.family(train, corpus.symbols(), maxOrder).subList(1, maxOrder));
    List<Row> rows = new ArrayList<>();
    for (NgramModel m : models) {
      rows.add(new Row(name(m.order()), m.order(), m.bitsPerSymbol(train, validation),
          m.bitsPerSymbol(beforeTest, test)));
    }
    return new NgramBaselines(rows);
  }

  /** The row of model {@code name}, or null. */
  public Row row(String name) {
    return rows.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
  }

  /** The name of the baseline of order n: {@code unigram} for 1, else {@code kn}n. */
  public static String name(int order) {
    return order == 1 ? "unigram" : "kn" + order;
  }

  private static int[] concat(int[] a, int[] b) {
    int[] out = new int[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
