package org.rnnlab.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {
  static TaggedSentence s(String text) {
    List<String> w = new ArrayList<>();
    List<String> t = new ArrayList<>();
    for (String tok : text.split(" ")) {
      int k = tok.lastIndexOf('/');
      w.add(tok.substring(0, k));
      t.add(tok.substring(k + 1));
    }
    return new TaggedSentence(w, t);
  }

  private static final List<TaggedSentence> TRAIN = List.of(
      s("The/at dog/nn ran/vbd ./."), s("the/at Dog/nn-tl saw/vbd a/at cat/nn ./."), s("A/at cat/nn ran/vbd ./."));

  @Test
  void idsFollowDescendingCountThenWordOrderAfterTheUnknownToken() {
    Vocabulary v = Vocabulary.build(TRAIN, 1, true);
    // counts lower-cased: . 3; the 2, dog 2, ran 2, a 2, cat 2; saw 1
    assertEquals(List.of("<unk>", ".", "a", "cat", "dog", "ran", "the", "saw"),
        List.of(v.word(0), v.word(1), v.word(2), v.word(3), v.word(4), v.word(5), v.word(6), v.word(7)));
    assertEquals(8, v.size());
    assertEquals(v.id("the"), v.id("The"));
    assertEquals(Vocabulary.UNKNOWN, v.id("zebra"));
    assertFalse(v.contains("zebra"));
    assertTrue(v.contains("DOG"));
  }

  @Test
  void minimumCountAndCaseArePolicies() {
    Vocabulary twice = Vocabulary.build(TRAIN, 2, true);
    assertFalse(twice.contains("saw"));
    assertTrue(twice.contains("cat"));
    assertEquals(7, twice.size());
    Vocabulary cased = Vocabulary.build(TRAIN, 1, false);
    assertTrue(cased.id("The") != cased.id("the"));
    assertFalse(cased.contains("DOG"));
    assertEquals(2, Vocabulary.build(TRAIN, 3, true).size());
    assertThrows(IllegalArgumentException.class, () -> Vocabulary.build(TRAIN, 0, true));
  }

  @Test
  void idsDoNotDependOnSentenceOrder() {
    List<TaggedSentence> reversed = new ArrayList<>(TRAIN);
    Collections.reverse(reversed);
    Vocabulary a = Vocabulary.build(TRAIN, 1, false);
    Vocabulary b = Vocabulary.build(reversed, 1, false);
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.word(i), b.word(i));
    }
  }

  @Test
  void encodingMarksOovTokensAndMapsTags() {
    Vocabulary v = Vocabulary.build(TRAIN, 2, true);
    List<TaggedSentence> test = List.of(s("The/at zebra/nn-tl saw/vbd ./."));
    TagIndex tags = TagIndex.of(List.of(TRAIN.get(0), TRAIN.get(1), test.get(0)), TagSet.REDUCED);
    assertEquals(List.of(".", "at", "nn", "vbd"), tags.tags());
    EncodedSentences e = EncodedSentences.encode(test, v, TagSet.REDUCED, tags);
    assertEquals(4, e.tokens());
    assertEquals(2, e.oovTokens(), "zebra never seen, saw seen once < min count 2");
    assertEquals(List.of(false, true, true, false),
        List.of(e.oov(0, 0), e.oov(0, 1), e.oov(0, 2), e.oov(0, 3)));
    assertArrayEquals(new boolean[] {false, true, true, false}, e.flatOov());
    assertEquals(tags.id("nn"), e.tags()[0][1]);
    assertEquals(v.id("the"), e.words()[0][0]);
    assertThrows(IllegalArgumentException.class,
        () -> EncodedSentences.encode(List.of(s("x/zz")), v, TagSet.FULL, tags));
  }
}
