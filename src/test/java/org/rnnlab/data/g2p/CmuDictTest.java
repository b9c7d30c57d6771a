package org.rnnlab.data.g2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.data.DatasetException;
import org.rnnlab.data.DatasetFixture;
import org.rnnlab.data.Split;
import org.rnnlab.data.format.MalformedDataException;

/** CMUdict's parser on small files in the real format: kept and dropped words, stress, alternatives, errors, split. */
class CmuDictTest {
  @TempDir Path tmp;

  /** Lines as the real file has them (copied in form, not all from it). */
  static final String SAMPLE = String.join("\n",
      "A  AH0",
      "A(1)  EY1",
      "A'S  EY1 Z",
      "A.  EY1",
      "A42128  EY1 F AO1 R T UW1 W AH1 N T UW1 EY1 T",
      "ABLE-BODIED  EY1 B AH0 L B AA1 D IY0 D",
      "CONTENT  K AA1 N T EH0 N T",
      "CONTENT(1)  K AH0 N T EH1 N T",
      "D\uFFFDJ\uFFFD  D EY2 JH AA1",
      "O'CLOCK  AH0 K L AA1 K",
      "THE  DH AH0",
      "THE(1)  DH AH1",
      "THE(2)  DH IY0",
      "ZEITGEIST  T S AY1 T G AY2 S T") + "\n";

  private CmuDict parse(String text) throws MalformedDataException {
    return CmuDict.parse(tmp.resolve("dict.txt"), text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> ps(String s) {
    return List.of(s.split(" "));
  }

  @Test
  void keepsWordsOfLettersAndApostrophesWithAllTheirPronunciationsWithoutStress() throws Exception {
    CmuDict d = parse(SAMPLE);
    assertEquals(14, d.lines());
    List<Entry> es = d.entries();
    assertEquals(List.of("A", "A'S", "CONTENT", "O'CLOCK", "THE", "ZEITGEIST"), es.stream().map(Entry::word).toList());
    assertEquals(new Entry("A", List.of(ps("AH"), ps("EY"))), es.get(0));
    assertEquals(new Entry("CONTENT", List.of(ps("K AA N T EH N T"), ps("K AH N T EH N T"))), es.get(2));
    // THE(1) is THE once stress is gone: kept once, counted
    assertEquals(new Entry("THE", List.of(ps("DH AH"), ps("DH IY"))), es.get(4));
    assertEquals(1, d.collapsed());
    assertEquals(List.of("A.", "A42128", "ABLE-BODIED", "D\uFFFDJ\uFFFD"), d.droppedWords());
    assertEquals(4, d.droppedLines());
    assertEquals(9, CmuDict.pronunciations(es));
    // lines = kept pronunciations + collapsed + dropped lines
    assertEquals(d.lines(), CmuDict.pronunciations(es) + d.collapsed() + d.droppedLines());
    assertEquals("T S AY T G AY S T", Phonemes.decode(es.get(5).phonemes().get(0)));
    assertEquals("O'CLOCK", Graphemes.decode(es.get(3).graphemes()));
  }

  @Test
  void anAlternativeMarkerIsRemovedOnlyWhenItIsAPositiveNumberAtTheEnd() throws Exception {
    CmuDict d = parse("AB(0)  AE B\nAB(X)  AE B\nAB(2)  AE1 B\n(1)  W AH N\nAB(1)C  AE B\n");
    assertEquals(List.of("AB"), d.entries().stream().map(Entry::word).toList());
    assertEquals(List.of("(1)", "AB(0)", "AB(1)C", "AB(X)"), d.droppedWords());
    // no final newline: the last line still counts
    assertEquals(2, parse("A  AH0\nB  B IY1").lines());
  }

  private void assertMalformed(String text, String expected) {
    MalformedDataException e = assertThrows(MalformedDataException.class, () -> parse(text));
    assertEquals(tmp.resolve("dict.txt") + ":" + expected, e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  @Test
  void aLineThatDoesNotParseIsOneLineNamingTheFileTheLineAndWhatWasExpected() {
    String ok = "A  AH0\nA(1)  EY1\n";
    String form = ", expected WORD, two spaces and phonemes separated by single spaces (e.g. 'ABDOMEN(1)  AE0 B D OW1 M AH0 N')";
    assertMalformed(ok + "ABBE AE1 B IY0\n", "3: found 'ABBE AE1 B IY0'" + form);
    assertMalformed(ok + "ABBE\tAE1 B IY0\n", "3: found 'ABBE\\tAE1 B IY0'" + form);
    assertMalformed(ok + "\nB  B IY1\n", "3: empty line" + form);
    assertMalformed(ok + "  AE1 B\n", "3: found '  AE1 B'" + form);
    assertMalformed(ok + "AB BE  AE1 B IY0\n", "3: word 'AB BE' contains whitespace" + form);
    assertMalformed(ok + "ABBE  AE1  B IY0\n", "3: phoneme 2 is empty (an extra space)" + form);
    assertMalformed(ok + "ABBE  AE1 B IY0 \n", "3: phoneme 4 is empty (an extra space)" + form);
    assertMalformed(ok + "ABBE  \n", "3: phoneme 1 is empty (an extra space)" + form);
    String phoneme = ", expected one of the 39 ARPAbet phonemes, optionally followed by stress 0, 1 or 2";
    assertMalformed(ok + "ABBE  AE3 B IY0\n", "3: phoneme 1 'AE3'" + phoneme);
    assertMalformed(ok + "ABBE  AE1 b IY0\n", "3: phoneme 2 'b'" + phoneme);
    assertMalformed(ok + "ABBE  AE1 B IX0\n", "3: phoneme 3 'IX0'" + phoneme);
    assertMalformed("A  AH0\r\nA(1)  EY1\r\n", "1: carriage return, expected LF line ends");
    assertMalformed("", " is empty, expected lines 'WORD  PH1 PH2 ...'");
  }

  @Test
  void invalidUtf8NamesItsLineAndByteOffset() {
    byte[] b = "A  AH0\nAB\u00C9  AE1 B\n".getBytes(StandardCharsets.UTF_8); // É = C3 89 at offsets 9, 10
    b[10] = 'X'; // a lead byte without its continuation
    MalformedDataException e = assertThrows(MalformedDataException.class,
        () -> CmuDict.parse(tmp.resolve("dict.txt"), b));
    assertEquals(tmp.resolve("dict.txt") + ":2: byte offset 9: malformed UTF-8, expected UTF-8 text", e.getMessage());
  }

  @Test
  void theSplitTakesEveryTwentiethSortedWordForTestAndTheTenthAfterItForValidation() throws Exception {
    assertEquals(Split.TEST, CmuDict.splitOf(0));
    assertEquals(Split.TRAIN, CmuDict.splitOf(1));
    assertEquals(Split.VALIDATION, CmuDict.splitOf(10));
    assertEquals(Split.TEST, CmuDict.splitOf(40));
    assertEquals(Split.VALIDATION, CmuDict.splitOf(130));
    assertEquals(Split.TRAIN, CmuDict.splitOf(139));
    // 45 words written in reverse order, some with an alternative: the split follows the sorted order
    StringBuilder text = new StringBuilder();
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      String w = "W" + (char) ('A' + i / 26) + (char) ('A' + i % 26);
      words.add(w);
    }
    for (int i = words.size() - 1; i >= 0; i--) {
      text.append(words.get(i)).append("  W AH1 N\n");
      if (i % 3 == 0) {
        text.append(words.get(i)).append("(1)  T UW1\n");
      }
    }
    CmuDict d = parse(text.toString());
    assertEquals(List.of("WAA", "WAU", "WBO"), d.split(Split.TEST).stream().map(Entry::word).toList());
    assertEquals(List.of("WAK", "WBE"), d.split(Split.VALIDATION).stream().map(Entry::word).toList());
    assertEquals(40, d.split(Split.TRAIN).size());
    Set<String> seen = new HashSet<>();
    int prons = 0;
    for (Split s : Split.values()) {
      for (Entry e : d.split(s)) {
        assertTrue(seen.add(e.word()), "each word in one split: " + e.word());
        int i = words.indexOf(e.word());
        assertEquals(i % 3 == 0 ? 2 : 1, e.pronunciations().size(), e.word() + ": all its pronunciations with it");
      }
      prons += CmuDict.pronunciations(d.split(s));
    }
    assertEquals(45, seen.size());
    assertEquals(45 + 15, prons);
    assertFalse(d.split(Split.TRAIN).contains(d.split(Split.TEST).get(0)));
  }

  @Test
  void loadReadsTheCheckedDatasetFile() throws Exception {
    Path data = tmp.resolve("data");
    Path dir = Files.createDirectories(data.resolve(CmuDict.DATASET));
    Path file = dir.resolve(CmuDict.FILE);
    Files.writeString(file, SAMPLE, StandardCharsets.UTF_8);
    String old = System.getProperty("rnnlab.data");
    System.setProperty("rnnlab.data", data.toString());
    try (AutoCloseable pin = DatasetFixture.seal(dir, CmuDict.DATASET)) {
      assertEquals(6, CmuDict.load().entries().size());
      Files.writeString(file, SAMPLE.replace("ZEITGEIST", "ZEITGEISt"), StandardCharsets.UTF_8);
      DatasetException damaged = assertThrows(DatasetException.class, CmuDict::load);
      assertTrue(damaged.getMessage().startsWith(file + ": damaged or changed since it was fetched"),
          damaged.getMessage());
      // a malformed line that has the pinned bytes: the parser's line, and the repair
      Files.writeString(file, SAMPLE.replace("O'CLOCK  AH0", "O'CLOCK AH0"), StandardCharsets.UTF_8);
      try (AutoCloseable resealed = DatasetFixture.seal(dir, CmuDict.DATASET)) {
        DatasetException e = assertThrows(DatasetException.class, CmuDict::load);
        assertTrue(e.getMessage().startsWith(file + ":10: found 'O'CLOCK AH0 K L AA1 K', expected WORD, two spaces"),
            e.getMessage());
        assertTrue(e.getMessage().endsWith("(dataset cmudict; fetch it again with: ./rnnlab data fetch cmudict --force)"),
            e.getMessage());
      }
    } finally {
      if (old == null) {
        System.clearProperty("rnnlab.data");
      } else {
        System.setProperty("rnnlab.data", old);
      }
    }
  }
}
