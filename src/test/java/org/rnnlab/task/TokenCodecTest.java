package org.rnnlab.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The character codec: ids in alphabet order, text round trips, unknown characters named. */
class TokenCodecTest {
  @Test
  void charactersRoundTrip() {
    TokenCodec c = TokenCodec.ofCharacters("ab c\né");
    assertEquals(6, c.size());
    assertArrayEquals(new int[] {1, 0, 2, 5, 4}, c.encode("ba é\n"));
    assertEquals("ba é\n", c.decode(c.encode("ba é\n")));
    assertEquals("é", c.symbol(5));
  }

  @Test
  void anUnknownCharacterIsNamedWithItsPosition() {
    TokenCodec c = TokenCodec.ofCharacters("abc");
    assertEquals("character 'z' (U+007A) at position 2 is not in the vocabulary",
        assertThrows(IllegalArgumentException.class, () -> c.encode("abzc")).getMessage());
    assertEquals("character U+0009 at position 0 is not in the vocabulary",
        assertThrows(IllegalArgumentException.class, () -> c.encode("\ta")).getMessage());
    assertEquals("the alphabet has character 'a' (U+0061) twice",
        assertThrows(IllegalArgumentException.class, () -> TokenCodec.ofCharacters("aba")).getMessage());
  }

  @Test
  void aTaskHasNoCodecUnlessItSaysSo() {
    assertEquals(java.util.Optional.empty(), new AddingProblemTask.Config(6, null).create().codec());
  }
}
