package org.rnnlab.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rnnlab.data.Split;

/** The seed's toy corpus: its lexicon, its two sentences, a fixed stream of them. */
class ToyCorpusTest {
  @Test
  void theSeedsSentencesInItsLexicon() {
    assertEquals(4, ToyCorpus.of(1, 1, 1).symbols());
    assertArrayEquals(new int[] {0, 1, 2, 0, 3}, ToyCorpus.sentence(0));
    assertArrayEquals(new int[] {0, 3, 2, 0, 1}, ToyCorpus.sentence(1));
    assertArrayEquals(new int[] {0, 1, 2, 0, 3, 0, 3, 2, 0, 1},
        ToyCorpus.words("The cat chased the mouse. The mouse chased the cat."));
    assertEquals("the cat chased the mouse", ToyCorpus.of(1, 1, 1).decode(ToyCorpus.sentence(0)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ToyCorpus.words("the dog"));
    assertTrue(e.getMessage().startsWith("word 'dog' at position 1 is not in the toy lexicon"), e.getMessage());
    assertEquals(-1, ToyCorpus.of(1, 1, 1).unknownId());
  }

  @Test
  void eachPartIsAFixedStreamOfTheTwoSentences() {
    ToyCorpus a = ToyCorpus.of(200, 20, 30);
    ToyCorpus b = ToyCorpus.of(200, 20, 30);
    int[] first = null;
    for (Split s : Split.values()) {
      int[] ids = a.encoded(s);
      assertArrayEquals(ids, b.encoded(s), "no seed argument: the same text every time");
      int[] counts = new int[2];
      for (int i = 0; i < ids.length; i += ToyCorpus.SENTENCE_LENGTH) {
        int[] sentence = Arrays.copyOfRange(ids, i, i + ToyCorpus.SENTENCE_LENGTH);
        int which = Arrays.equals(sentence, ToyCorpus.sentence(0)) ? 0 : 1;
        assertArrayEquals(ToyCorpus.sentence(which), sentence);
        counts[which]++;
      }
      assertTrue(counts[0] > 0 && counts[1] > 0, s + ": both sentences occur " + Arrays.toString(counts));
      first = first == null ? ids : first;
    }
    assertEquals(1000, a.encoded(Split.TRAIN).length);
    // a longer training part starts with the same sentences: each part is one stream
    assertArrayEquals(first, Arrays.copyOf(ToyCorpus.of(300, 1, 1).encoded(Split.TRAIN), 1000));
    assertThrows(IllegalArgumentException.class, () -> ToyCorpus.of(1, 0, 1));
  }
}
