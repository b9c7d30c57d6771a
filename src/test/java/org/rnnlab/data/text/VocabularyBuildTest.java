package org.rnnlab.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Vocabulary from a training split: minimum count, unknown-word id, deterministic ids, lower-casing. */
class VocabularyBuildTest {
  static final List<List<String>> TRAIN = List.of(
      List.of("The", "dog", "saw", "the", "cat", "."),
      List.of("the", "cat", "ran", "."),
      List.of("A", "dog", "ran", "home", "."));

  @Test
  void idsByDescendingCountThenAlphabeticallyWithUnknownFirst() {
    Vocabulary v = Vocabulary.build(TRAIN, 1, true);
    // counts: . 3, the 3, cat 2, dog 2, ran 2, a 1, home 1, saw 1
    assertEquals(List.of("<unk>", ".", "the", "cat", "dog", "ran", "a", "home", "saw"), v.words());
    assertEquals(9, v.size());
    assertEquals(2, v.id("The"), "lower-cased before lookup");
    assertEquals(3, v.trainingCount("THE"));
  }

  @Test
  void wordsBelowTheMinimumCountAndUnseenWordsAreUnknown() {
    Vocabulary v = Vocabulary.build(TRAIN, 2, true);
    assertEquals(List.of("<unk>", ".", "the", "cat", "dog", "ran"), v.words());
    assertEquals(Vocabulary.UNKNOWN, v.id("home"), "seen once, below min count 2");
    assertEquals(Vocabulary.UNKNOWN, v.id("zebra"), "never seen");
    assertFalse(v.contains("home"));
    assertEquals(1, v.trainingCount("home"), "rare but in the training split: not out-of-vocabulary");
    assertEquals(0, v.trainingCount("zebra"), "out of vocabulary");
    assertFalse(v.contains("<unk>"));
    assertEquals(Vocabulary.UNKNOWN, v.id("<unk>"));
  }

  @Test
  void caseIsKeptUnlessLowerCasing() {
    Vocabulary v = Vocabulary.build(TRAIN, 1, false);
    assertTrue(v.contains("The") && v.contains("the"));
    assertTrue(v.id("The") != v.id("the"));
    assertEquals(Vocabulary.UNKNOWN, v.id("THE"));
  }

  @Test
  void idsDoNotDependOnTheOrderOfTheSentences() {
    List<List<String>> shuffled = new ArrayList<>();
    for (List<String> s : TRAIN) {
      List<String> r = new ArrayList<>(s);
      Collections.reverse(r);
      shuffled.add(0, r);
    }
    assertEquals(Vocabulary.build(TRAIN, 1, true).words(), Vocabulary.build(shuffled, 1, true).words());
  }

  @Test
  void rebuiltFromItsWordsGivesTheSameIds() {
    Vocabulary v = Vocabulary.build(TRAIN, 1, true);
    Vocabulary w = Vocabulary.of(v.words(), true);
    for (String word : List.of("the", "Dog", ".", "zebra")) {
      assertEquals(v.id(word), w.id(word), word);
    }
    assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(List.of("a", "<unk>"), true));
    assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(List.of("<unk>", "a", "a"), true));
    assertThrows(IllegalArgumentException.class, () -> Vocabulary.build(TRAIN, 0, true));
  }
}
