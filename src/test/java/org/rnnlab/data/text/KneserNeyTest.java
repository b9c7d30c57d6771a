package org.rnnlab.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Rng;

/** Interpolated Kneser-Ney and the unigram: proper distributions, a hand-computed bigram, an independent reference. */
class KneserNeyTest {
  /** A tiny text with repeats (so that counts 1 and 2 both occur): symbols 0..used-1 of a chain that likes to repeat. */
  private static int[] text(Rng rng, int length, int used) {
    int[] t = new int[length];
    for (int i = 0; i < length; i++) {
      t[i] = i >= 3 && rng.bernoulli(0.5) ? t[i - 3] : rng.nextInt(used);
    }
    return t;
  }

  @Test
  void everyDistributionSumsToOneOverAllIdsTheUnknownIncluded() {
    Rng rng = Rng.of(7).child("kn-sums");
    for (int trial = 0; trial < 20; trial++) {
      int used = 2 + rng.nextInt(5);
      int symbols = used + 1; // the last id (unknown) never occurs in training
      int[] train = text(rng, 5 + rng.nextInt(60), used);
      List<KneserNey> family = KneserNey.family(train, symbols, 6);
      List<NgramModel> models = new java.util.ArrayList<>(family);
      models.add(UnigramModel.train(train, symbols));
      for (NgramModel m : models) {
        for (int c = 0; c < 10; c++) {
          // contexts: random ids (the unknown one included), windows of the training text, of every length
          int[] h = new int[rng.nextInt(8)];
          if (c % 2 == 0 || train.length < h.length) {
            for (int i = 0; i < h.length; i++) {
              h[i] = rng.nextInt(symbols);
            }
          } else {
            int s = rng.nextInt(train.length - h.length + 1);
            h = Arrays.copyOfRange(train, s, s + h.length);
          }
          double sum = 0;
          for (int w = 0; w < symbols; w++) {
            double p = m.probability(h, w);
            assertTrue(p > 0 && p < 1, "p = " + p);
            sum += p;
          }
          assertEquals(1.0, sum, 1e-12, "order " + m.order() + " history " + Arrays.toString(h));
        }
      }
    }
  }

  @Test
  void orderOneIsTheUnigramModel() {
    Rng rng = Rng.of(3).child("kn-unigram");
    for (int trial = 0; trial < 10; trial++) {
      int[] train = text(rng, 10 + rng.nextInt(100), 4);
      int[] val = text(rng, 30, 5); // id 4 never occurs in training
      UnigramModel u = UnigramModel.train(train, 6);
      KneserNey k = KneserNey.train(train, 6, 1);
      assertEquals(u.discount(), k.discount(1));
      assertEquals(u.bitsPerSymbol(train, val), k.bitsPerSymbol(train, val), 1e-12);
      assertEquals(u.bitsPerSymbol(new int[0], train), k.bitsPerSymbol(new int[0], train), 1e-12);
    }
  }

  @Test
  void higherOrdersFitTheTrainingTextBetter() {
    CharCorpus c = CharCorpus.of(("The cat chased the mouse. The mouse chased the cat. A dog watched the cat chase "
        + "the mouse, and the mouse ran from the cat into the house. ").repeat(3));
    int[] train = c.encoded(org.rnnlab.data.Split.TRAIN);
    double previous = Double.POSITIVE_INFINITY;
    for (KneserNey m : KneserNey.family(train, c.symbols(), 7)) {
      double bpc = m.bitsPerSymbol(new int[0], train);
      assertTrue(bpc < previous, "order " + m.order() + ": " + bpc + " after " + previous);
      previous = bpc;
    }
  }

  @Test
  void aBigramByHand() {
    // text a b a a b over ids a=0, b=1, unknown=2. Bigrams ab:2 ba:1 aa:1 -> D2 = n1/(n1+2 n2) = 2/4.
    // Continuation counts: a follows {a, b}: 2; b follows {a}: 1 -> D1 = 1/(1+2) = 1/3, total 3, types 2:
    // p1(a) = (2-1/3)/3 + (1/3)(2/3)(1/3) = 17/27, p1(b) = 8/27, p1(unk) = 2/27.
    // History a (aa:1, ab:2; total 3, types 2): p(b|a) = 1.5/3 + (0.5*2/3) p1(b) = 97/162, p(a|a) = 61/162,
    // p(unk|a) = 4/162. History b (ba:1): p(a|b) = 0.5 + 0.5 p1(a) = 22/27, p(b|b) = 4/27, p(unk|b) = 1/27.
    // History unk (never seen): p1.
    int[] train = {0, 1, 0, 0, 1};
    KneserNey m = KneserNey.train(train, 3, 2);
    assertEquals(0.5, m.discount(2), 0);
    assertEquals(1.0 / 3, m.discount(1), 0);
    double[][] expected = {{61 / 162.0, 97 / 162.0, 4 / 162.0}, {22 / 27.0, 4 / 27.0, 1 / 27.0},
        {17 / 27.0, 8 / 27.0, 2 / 27.0}};
    for (int h = 0; h < 3; h++) {
      for (int w = 0; w < 3; w++) {
        assertEquals(expected[h][w], m.probability(new int[] {h}, w), 1e-15, "p(" + w + "|" + h + ")");
      }
    }
    // with no history (the first symbol of the whole text) the order-1 (continuation) distribution
    assertEquals(17 / 27.0, m.probability(new int[0], 0), 1e-15);
    // a text after the training text: a | b, unk | a, b | unk
    double bits = -(Math.log(22 / 27.0) + Math.log(4 / 162.0) + Math.log(8 / 27.0)) / Math.log(2);
    assertEquals(bits, m.bits(train, new int[] {0, 2, 1}), 1e-12);
    assertEquals(bits / 3, m.bitsPerSymbol(train, new int[] {0, 2, 1}), 1e-12);
    // the same model with the preceding symbol left out: the first symbol falls back to p1
    double alone = -(Math.log(17 / 27.0) + Math.log(4 / 162.0) + Math.log(8 / 27.0)) / Math.log(2);
    assertEquals(alone, m.bits(new int[0], new int[] {0, 2, 1}), 1e-12);
    // the unigram of the same text: counts a 3, b 2, so n1 = 0 and D = 1/2 (the fallback):
    // p(a) = 2.5/5 + 0.5*2/5/3 = 17/30, p(b) = 11/30, p(unk) = 2/30
    UnigramModel u = UnigramModel.train(train, 3);
    assertEquals(0.5, u.discount(), 0);
    assertEquals(17 / 30.0, u.probability(new int[0], 0), 1e-15);
    assertEquals(11 / 30.0, u.probability(new int[] {1}, 1), 1e-15);
    assertEquals(2 / 30.0, u.probability(new int[0], 2), 1e-15);
  }

  @Test
  void matchesAStraightforwardReferenceImplementation() {
    Rng rng = Rng.of(11).child("kn-reference");
    for (int trial = 0; trial < 8; trial++) {
      int symbols = 3 + rng.nextInt(4);
      int[] train = text(rng, 20 + rng.nextInt(200), symbols - 1);
      int[] test = text(rng, 40, symbols);
      for (int n = 1; n <= 5; n++) {
        KneserNey m = KneserNey.train(train, symbols, n);
        Reference r = new Reference(train, symbols, n);
        for (int i = 0; i < test.length; i++) {
          int[] h = Arrays.copyOfRange(test, Math.max(0, i - n + 1), i);
          assertEquals(r.p(h, test[i]), m.probability(h, test[i]), 1e-14, "order " + n + " at " + i);
        }
      }
    }
  }

  @Test
  void sameNumbersEveryTimeAndBadInputRefused() {
    int[] train = text(Rng.of(5), 500, 6);
    int[] val = text(Rng.of(6), 100, 7);
    double a = KneserNey.train(train, 7, 5).bits(train, val);
    double b = KneserNey.family(train.clone(), 7, 6).get(4).bits(train, val);
    assertEquals(Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(b));
    assertThrows(IllegalArgumentException.class, () -> KneserNey.train(new int[] {0, 7}, 7, 2));
    assertThrows(IllegalArgumentException.class, () -> KneserNey.train(train, 7, 21)); // 3 bits x 21 > 62
    assertThrows(IllegalArgumentException.class, () -> KneserNey.train(train, 7, 2).bits(train, new int[] {7}));
    assertThrows(IllegalArgumentException.class, () -> UnigramModel.train(new int[] {-1}, 3));
  }

  /** Kneser-Ney written out with maps of n-gram strings, straight from the formulas (slow, obviously right). */
  private static final class Reference {
    final int symbols;
    final int order;
    final Map<String, Integer>[] counts;
    final double[] discounts;

    @SuppressWarnings("unchecked")
    Reference(int[] text, int symbols, int order) {
      this.symbols = symbols;
      this.order = order;
      counts = new Map[order + 1];
      discounts = new double[order + 1];
      Map<String, Integer>[] raw = new Map[order + 2];
      for (int k = 1; k <= order; k++) {
        raw[k] = new TreeMap<>();
        for (int i = 0; i + k <= text.length; i++) {
          raw[k].merge(key(text, i, k), 1, Integer::sum);
        }
      }
      for (int k = 1; k <= order; k++) {
        if (k == order) {
          counts[k] = raw[k];
        } else {
          counts[k] = new TreeMap<>();
          for (String g : raw[k + 1].keySet()) {
            counts[k].merge(g.substring(g.indexOf(',') + 1), 1, Integer::sum);
          }
        }
        long n1 = counts[k].values().stream().filter(c -> c == 1).count();
        long n2 = counts[k].values().stream().filter(c -> c == 2).count();
        discounts[k] = n1 == 0 ? 0.5 : (double) n1 / (n1 + 2 * n2);
      }
    }

    static String key(int[] t, int from, int k) {
      StringBuilder sb = new StringBuilder();
      for (int i = from; i < from + k; i++) {
        sb.append(t[i]).append(',');
      }
      return sb.toString();
    }

    double p(int[] h, int w) {
      double p = 1.0 / symbols;
      for (int k = 1; k <= Math.min(h.length, order - 1) + 1; k++) {
        String hk = key(h, h.length - (k - 1), k - 1);
        double total = 0;
        int types = 0;
        for (int x = 0; x < symbols; x++) {
          Integer c = counts[k].get(hk + x + ",");
          if (c != null) {
            total += c;
            types++;
          }
        }
        if (total == 0) {
          continue;
        }
        Integer c = counts[k].get(hk + w + ",");
        p = Math.max((c == null ? 0 : c) - discounts[k], 0) / total + discounts[k] * types / total * p;
      }
      return p;
    }
  }
}
