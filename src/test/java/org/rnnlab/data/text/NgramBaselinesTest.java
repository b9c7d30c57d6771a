package org.rnnlab.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.data.Split;

/** The baseline table: from the training part only, each part conditioned on the text before it. */
class NgramBaselinesTest {
  private static final String TEXT = ("It is a way I have of driving off the spleen, and regulating the circulation. "
      + "Whenever I find myself growing grim about the mouth; whenever it is a damp, drizzly November in my soul; "
      + "then, I account it high time to get to sea as soon as I can.\n").repeat(4) + "Zeal? Quixotic!\n";

  @Test
  void rowsAreTheUnigramAndKneserNeyOfTheTrainingPartWithHistoriesAcrossBoundaries() {
    CharCorpus c = CharCorpus.of(TEXT);
    assertTrue(c.unknowns(Split.TEST) > 0, "the test part has characters never seen in training");
    NgramBaselines b = NgramBaselines.compute(c, 5);
    assertEquals(List.of("unigram", "kn2", "kn3", "kn4", "kn5"), b.rows().stream().map(NgramBaselines.Row::name).toList());
    int[] all = new int[c.length()];
    int at = 0;
    for (Split s : Split.values()) {
      int[] ids = c.encoded(s);
      System.arraycopy(ids, 0, all, at, ids.length);
      at += ids.length;
    }
    int[] train = c.encoded(Split.TRAIN);
    List<KneserNey> kn = KneserNey.family(train, c.symbols(), 5);
    for (NgramBaselines.Row r : b.rows()) {
      NgramModel m = r.order() == 1 ? UnigramModel.train(train, c.symbols()) : kn.get(r.order() - 1);
      // every symbol of a part conditioned on the order-1 symbols before it in the whole text
      for (Split s : List.of(Split.VALIDATION, Split.TEST)) {
        double nats = 0;
        for (int i = c.start(s); i < c.end(s); i++) {
          nats -= StrictMath.log(m.probability(all, i, r.order() - 1, all[i]));
        }
        double want = nats / NgramModel.LN2 / c.length(s);
        assertEquals(want, s == Split.VALIDATION ? r.validationBits() : r.testBits(), 1e-12, r.name() + " " + s);
      }
    }
    // the unknown characters get the little probability the smoothing leaves: test is much worse than validation
    assertTrue(b.row("kn3").testBits() > b.row("kn3").validationBits() + 1, b.toString());
    assertEquals(b, NgramBaselines.compute(CharCorpus.of(TEXT), 5));
    assertThrows(IllegalArgumentException.class, () -> NgramBaselines.compute(c, 1));
  }

  @Test
  void onTheToyCorpusABigramCannotSeeTheSecondNounAndAFourGramReachesTheEntropyRate() {
    NgramBaselines b = NgramBaselines.compute(ToyCorpus.of(400, 100, 100), 4);
    // a bigram or trigram cannot tell the two "the"s nor the two places of a noun apart: after "the" (or "chased
    // the", "cat the") either noun, after a noun (or "the cat") "chased" or "the": 4 fair choices per 5 words
    for (String m : List.of("kn2", "kn3")) {
      assertTrue(b.row(m).testBits() > 0.75 && b.row(m).validationBits() > 0.75, m + " " + b);
    }
    // "cat chased the" fixes the fifth word: only the second word's bit is left (0.2 bits per word)
    double kn4 = b.row("kn4").testBits();
    assertTrue(kn4 > ToyCorpus.ENTROPY_BITS_PER_WORD - 0.02 && kn4 < ToyCorpus.ENTROPY_BITS_PER_WORD + 0.03,
        "kn4 " + kn4);
    // the unigram: "the" 2 of 5 words, each other word 1 of 5: H(2/5, 1/5, 1/5, 1/5) = 1.922 bits
    assertEquals(1.922, b.row("unigram").testBits(), 0.005);
  }
}
