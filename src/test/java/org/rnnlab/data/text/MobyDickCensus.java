package org.rnnlab.data.text;

import java.util.Locale;
import org.rnnlab.data.Split;

/**
 * Measures the numbers docs/datasets.md quotes for Moby-Dick (a {@code main}, not a unit test: it
 * needs the fetched dataset): counts, split sizes, unknowns, and the n-gram baselines with their
 * time and heap. Run as DatasetCensus is (docs/datasets.md), with the data directory set.
 */
public final class MobyDickCensus {
  private MobyDickCensus() {}

  public static void main(String[] args) {
    int maxOrder = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    long t0 = System.nanoTime();
    CharCorpus c = CharCorpus.mobyDick();
    System.out.printf(Locale.ROOT, "read+verify+decode: %.2f s%n", (System.nanoTime() - t0) / 1e9);
    System.out.println("characters " + c.length() + ", distinct in training " + c.vocabularySize() + ", ids "
        + c.symbols());
    for (Split s : Split.values()) {
      System.out.println(s.key() + ": [" + c.start(s) + ", " + c.end(s) + ") " + c.length(s) + " characters, "
          + c.unknowns(s) + " unknown");
    }
    StringBuilder v = new StringBuilder();
    for (int cp : c.vocabulary()) {
      v.append(CharCorpus.describe(cp)).append(' ');
    }
    System.out.println("vocabulary: " + v);
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long before = rt.totalMemory() - rt.freeMemory();
    long t1 = System.nanoTime();
    NgramBaselines b = NgramBaselines.compute(c, maxOrder);
    double secs = (System.nanoTime() - t1) / 1e9;
    long after = rt.totalMemory() - rt.freeMemory();
    System.out.println("| model | validation bpc | test bpc |");
    for (NgramBaselines.Row r : b.rows()) {
      System.out.printf(Locale.ROOT, "| %s | %.4f | %.4f |%n", r.name(), r.validationBits(), r.testBits());
    }
    System.out.printf(Locale.ROOT, "baselines: %.2f s, heap growth about %d MB%n", secs, (after - before) >> 20);
    for (KneserNey m : KneserNey.family(c.encoded(Split.TRAIN), c.symbols(), maxOrder)) {
      StringBuilder d = new StringBuilder();
      for (int k = 1; k <= m.order(); k++) {
        d.append(String.format(Locale.ROOT, "D%d=%.4f (%d) ", k, m.discount(k), m.distinctGrams(k)));
      }
      System.out.println("kn" + m.order() + ": " + d);
    }
  }
}
