package org.rnnlab.data.g2p;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fixed grapheme and phoneme vocabularies: ids, the decoder's start and end, encoding errors. */
class VocabulariesTest {
  @Test
  void phonemesAreStartEndAndThe39InAlphabeticalOrder() {
    assertEquals(39, Phonemes.ARPABET.size());
    assertEquals(39, new HashSet<>(Phonemes.ARPABET).size());
    assertEquals(Phonemes.ARPABET.stream().sorted().toList(), Phonemes.ARPABET);
    assertEquals(Phonemes.SIZE, Phonemes.symbols().size());
    assertEquals("<s>", Phonemes.symbol(Phonemes.START));
    assertEquals("</s>", Phonemes.symbol(Phonemes.END));
    assertEquals(2, Phonemes.id("AA"));
    assertEquals(40, Phonemes.id("ZH"));
    for (int i = 2; i < Phonemes.SIZE; i++) {
      assertEquals(i, Phonemes.id(Phonemes.symbol(i)));
    }
    assertEquals(-1, Phonemes.id("<s>"), "start and end are not phonemes of a pronunciation");
    assertEquals(-1, Phonemes.id("AH0"), "stress is removed before");
    assertArrayEquals(new int[] {10, 14, 20, 2}, Phonemes.encode(List.of("D", "EY", "JH", "AA")));
    assertEquals("D EY JH AA", Phonemes.decode(new int[] {10, 14, 20, 2}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Phonemes.encode(List.of("D", "IX")));
    assertTrue(e.getMessage().startsWith("'IX' at position 1 is not a phoneme; expected one of [AA, AE,"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Phonemes.symbol(41));
  }

  @Test
  void graphemesAreTheApostropheAndCapitalLetters() {
    assertEquals(Graphemes.SIZE, Graphemes.SYMBOLS.length());
    for (int i = 0; i < Graphemes.SIZE; i++) {
      assertEquals(i, Graphemes.id(Graphemes.SYMBOLS.charAt(i)));
    }
    assertArrayEquals(new int[] {15, 0, 3, 12, 15, 3, 11}, Graphemes.encode("o'clock"), "upper-cased first");
    assertEquals("O'CLOCK", Graphemes.decode(Graphemes.encode("O'Clock")));
    assertTrue(Graphemes.isWord("A'S"));
    assertFalse(Graphemes.isWord("'"), "at least one letter");
    assertFalse(Graphemes.isWord(""));
    assertFalse(Graphemes.isWord("A."));
    assertFalse(Graphemes.isWord("ABLE-BODIED"));
    assertFalse(Graphemes.isWord("A42128"));
    assertFalse(Graphemes.isWord("abc"), "the dictionary's words are capitals");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Graphemes.encode("co-op"));
    assertEquals("'-' (U+002D) at position 2 of \"co-op\" is not a grapheme; expected letters A-Z and apostrophes",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Graphemes.encode("stra\u00DFe")); // ß upper-cases to SS
  }
}
