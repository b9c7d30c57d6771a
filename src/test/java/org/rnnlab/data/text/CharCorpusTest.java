package org.rnnlab.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.data.DatasetException;
import org.rnnlab.data.DatasetFixture;
import org.rnnlab.data.Split;
import org.rnnlab.data.format.MalformedDataException;

/** The character corpus: code points, the 90/5/5 split by position, the training vocabulary, unknowns. */
class CharCorpusTest {
  @TempDir Path tmp;

  @Test
  void boundariesAreRoundedDownAndTheTestPartTakesTheRest() {
    assertEquals(1_071_285, CharCorpus.trainEnd(1_190_317));
    assertEquals(1_130_801, CharCorpus.validationEnd(1_190_317));
    CharCorpus c20 = CharCorpus.of("abcdefghijklmnopqrst");
    assertEquals(18, c20.length(Split.TRAIN));
    assertEquals(1, c20.length(Split.VALIDATION));
    assertEquals(1, c20.length(Split.TEST));
    CharCorpus c = CharCorpus.of("x".repeat(101)); // 90.9 -> 90, 95.95 -> 95
    assertEquals(90, c.length(Split.TRAIN));
    assertEquals(5, c.length(Split.VALIDATION));
    assertEquals(6, c.length(Split.TEST));
    assertEquals(90, c.start(Split.VALIDATION));
    assertEquals(95, c.end(Split.VALIDATION));
    // every n >= 20 leaves every part non-empty, and the parts tile the text
    for (int n = CharCorpus.MIN_LENGTH; n < 2000; n++) {
      int a = CharCorpus.trainEnd(n);
      int b = CharCorpus.validationEnd(n);
      assertTrue(0 < a && a < b && b < n, "n = " + n);
    }
    assertThrows(IllegalArgumentException.class, () -> CharCorpus.of("x".repeat(19)));
  }

  @Test
  void charactersAreCodePointsAndTheVocabularyIsSortedByCodePoint() {
    // U+1D11E (musical G clef) is two UTF-16 units (D834 DD1E), which sort before U+FF61; as code points it is after
    String clef = new String(Character.toChars(0x1D11E));
    String train = "b" + clef + "a\uFF61" + clef + "ab".repeat(6) + "a"; // 18 code points, 20 UTF-16 units
    String text = train + "b" + clef;
    CharCorpus c = CharCorpus.of(text);
    assertEquals(20, c.length());
    assertEquals(18, c.length(Split.TRAIN));
    assertArrayEquals(new int[] {'a', 'b', 0xFF61, 0x1D11E}, c.vocabulary());
    assertEquals(5, c.symbols());
    assertEquals(0, c.unknownId());
    assertArrayEquals(new int[] {4}, c.encoded(Split.TEST));
    assertEquals(clef, c.text(Split.TEST));
    assertEquals(clef, c.decode(new int[] {4}));
    assertEquals("a", c.symbol(1));
    assertArrayEquals(new int[] {2, 4, 1, 3}, c.encode("b" + clef + "a\uFF61"));
  }

  @Test
  void charactersUnseenInTrainingMapToTheOneUnknownIdAndAreCounted() {
    String train = "abcabcabcabcabcabcab"; // 20 characters: with 5 more, train = 22
    CharCorpus c = CharCorpus.of(train + "cazzy");
    assertEquals(25, c.length());
    assertEquals(22, c.length(Split.TRAIN)); // abcabcabcabcabcabcab ca
    assertArrayEquals(new int[] {'a', 'b', 'c'}, c.vocabulary());
    assertEquals(0, c.unknownId());
    assertEquals(4, c.symbols());
    assertArrayEquals(new int[] {3, 1}, java.util.Arrays.copyOfRange(c.encoded(Split.TRAIN), 20, 22)); // c a
    assertArrayEquals(new int[] {0}, c.encoded(Split.VALIDATION)); // z
    assertArrayEquals(new int[] {0, 0}, c.encoded(Split.TEST)); // z y: both the same unknown id
    assertEquals(0, c.unknowns(Split.TRAIN));
    assertEquals(1, c.unknowns(Split.VALIDATION));
    assertEquals(2, c.unknowns(Split.TEST));
    assertEquals("\uFFFD\uFFFD", c.decode(c.encoded(Split.TEST)));
    assertEquals("zy", c.text(Split.TEST));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.encode("abz"));
    assertTrue(e.getMessage().contains("'z' (U+007A) at position 2"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> c.symbol(4));
  }

  @Test
  void parsingIsStrictUtf8WithTheByteOffsetOfAnError() {
    Path f = tmp.resolve("data.txt");
    byte[] ok = "Call me Ishmael.\n\u201CYes\u201D\u2014no.\n".getBytes(StandardCharsets.UTF_8);
    CharCorpus c = assertDoesNotThrow(f, ok);
    assertEquals(33, ok.length);
    assertEquals(27, c.length()); // the curly quotes and the dash are one character each (3 bytes)
    byte[] bad = "Call me Ishmael. Some years".getBytes(StandardCharsets.UTF_8);
    bad[8] = (byte) 0xC3; // a lead byte followed by 's', not a continuation byte
    MalformedDataException e = assertThrows(MalformedDataException.class, () -> CharCorpus.parse(f, bad));
    assertEquals(f + ": byte offset 8: malformed UTF-8 (1 byte(s)), expected UTF-8 text", e.getMessage());
    MalformedDataException shortText = assertThrows(MalformedDataException.class,
        () -> CharCorpus.parse(f, "too short".getBytes(StandardCharsets.UTF_8)));
    assertTrue(shortText.getMessage().startsWith(f + ": has 9 characters, expected at least 20"),
        shortText.getMessage());
  }

  private static CharCorpus assertDoesNotThrow(Path f, byte[] bytes) {
    try {
      return CharCorpus.parse(f, bytes);
    } catch (MalformedDataException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void mobyDickIsReadFromTheCheckedDatasetFile() throws Exception {
    Path data = tmp.resolve("data");
    Path dir = Files.createDirectories(data.resolve(CharCorpus.DATASET));
    String text = "CHAPTER 1. Loomings.\n\nCall me Ishmael. Some years ago\u2014never mind how long precisely\u2014\n";
    Files.writeString(dir.resolve(CharCorpus.FILE), text, StandardCharsets.UTF_8);
    String old = System.getProperty("rnnlab.data");
    System.setProperty("rnnlab.data", data.toString());
    try (AutoCloseable pin = DatasetFixture.seal(dir, CharCorpus.DATASET)) {
      CharCorpus c = CharCorpus.mobyDick();
      assertEquals(text.codePointCount(0, text.length()), c.length());
      assertEquals(text, c.text(Split.TRAIN) + c.text(Split.VALIDATION) + c.text(Split.TEST));
      // one changed byte: refused before decoding, naming the file and the repair
      Files.writeString(dir.resolve(CharCorpus.FILE), text.replace("Ishmael", "Ishmaei"), StandardCharsets.UTF_8);
      DatasetException e = assertThrows(DatasetException.class, CharCorpus::mobyDick);
      assertTrue(e.getMessage().startsWith(dir.resolve(CharCorpus.FILE) + ": damaged or changed since it was fetched"),
          e.getMessage());
      assertTrue(e.getMessage().endsWith("./rnnlab data fetch moby-dick --force"), e.getMessage());
    } finally {
      if (old == null) {
        System.clearProperty("rnnlab.data");
      } else {
        System.setProperty("rnnlab.data", old);
      }
    }
  }
}
