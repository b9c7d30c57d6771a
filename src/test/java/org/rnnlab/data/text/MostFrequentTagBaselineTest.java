package org.rnnlab.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnlab.data.text.VocabularyTest.s;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class MostFrequentTagBaselineTest {
  private static final List<TaggedSentence> TRAIN = List.of(
      s("Run/vb fast/rb ./."), s("run/vb home/nn ./."), s("the/at run/nn ./."), s("a/at fast/jj car/nn ./."),
      s("Fast/nn-tl ./."));

  @Test
  void perLowerCasedWordTheMostFrequentTagTiesToTheFirstTag() {
    TagIndex tags = TagIndex.of(TRAIN, TagSet.FULL);
    MostFrequentTagBaseline b = MostFrequentTagBaseline.fit(TRAIN, TagSet.FULL, tags);
    assertEquals(tags.id("vb"), b.predict("RUN"), "run: vb 2, nn 1, merged over case");
    // fast: rb 1, jj 1, nn-tl 1 -> the alphabetically first, jj
    assertEquals(tags.id("jj"), b.predict("fast"));
    // overall counts: . 5, nn 3, at 2, vb 2 -> the fallback is "."
    assertEquals(tags.id("."), b.fallbackTag());
    assertEquals(tags.id("."), b.predict("zebra"));
    assertTrue(b.seen("Home"));
    assertFalse(b.seen("zebra"));
    assertArrayEquals(new int[] {tags.id("at"), tags.id("vb"), tags.id(".")}, b.predict(s("A/at run/nn zebra/nn")));
  }

  @Test
  void theReducedTagSetCountsReducedTags() {
    TagIndex tags = TagIndex.of(TRAIN, TagSet.REDUCED);
    MostFrequentTagBaseline b = MostFrequentTagBaseline.fit(TRAIN, TagSet.REDUCED, tags);
    // fast: rb 1, jj 1, nn 1 (from nn-tl): still jj first
    assertEquals(tags.id("jj"), b.predict("fast"));
    List<TaggedSentence> heavy = new ArrayList<>(TRAIN);
    heavy.add(s("Fast/nn-hl"));
    MostFrequentTagBaseline c = MostFrequentTagBaseline.fit(heavy, TagSet.REDUCED, TagIndex.of(heavy, TagSet.REDUCED));
    assertEquals(tags.id("nn"), c.predict("fast"), "nn-tl and nn-hl are both nn: 2 > 1");
  }

  @Test
  void predictionsDoNotDependOnSentenceOrder() {
    TagIndex tags = TagIndex.of(TRAIN, TagSet.FULL);
    List<TaggedSentence> rev = new ArrayList<>(TRAIN);
    Collections.reverse(rev);
    MostFrequentTagBaseline a = MostFrequentTagBaseline.fit(TRAIN, TagSet.FULL, tags);
    MostFrequentTagBaseline b = MostFrequentTagBaseline.fit(rev, TagSet.FULL, tags);
    for (String w : List.of("run", "fast", "home", "the", "a", "car", ".", "unseen")) {
      assertEquals(a.predict(w), b.predict(w), w);
    }
    assertEquals(a.fallbackTag(), b.fallbackTag());
  }
}
