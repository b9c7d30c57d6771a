package org.rnnlab.data.g2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.rnnlab.data.Datasets;
import org.rnnlab.data.Split;

/**
 * The fetched dictionary (skipped, not failed, unless {@code ./rnnlab data fetch cmudict} has been run:
 * unit tests never download): its size, the 39 phonemes, every line accounted for, and the split rule.
 */
class CmuDictRealDataTest {
  @Test
  void theRealDictionary() {
    String why = Datasets.missing(CmuDict.DATASET);
    Assumptions.assumeTrue(why == null, () -> "skipped: " + why);
    CmuDict d = CmuDict.load();
    assertEquals(133_784, d.lines());
    // every line is a kept pronunciation, one that stress removal made equal to another, or a dropped word's
    assertEquals(d.lines(), CmuDict.pronunciations(d.entries()) + d.collapsed() + d.droppedLines());
    Set<String> seen = new TreeSet<>();
    for (Entry e : d.entries()) {
      assertTrue(Graphemes.isWord(e.word()), e.word());
      assertEquals(e.pronunciations().size(), new HashSet<>(e.pronunciations()).size(), e.word() + ": distinct");
      e.pronunciations().forEach(seen::addAll);
    }
    assertEquals(39, seen.size(), "the stress-free phonemes that occur: " + seen);
    assertEquals(Set.copyOf(Phonemes.ARPABET), seen);
    for (String w : d.droppedWords()) {
      assertFalse(Graphemes.isWord(w), w);
    }
    assertTrue(d.droppedWords().containsAll(List.of("A.", "A42128", "ABLE-BODIED", "AIR_FORCE", "D\uFFFDJ\uFFFD")));

    Map<String, Entry> byWord = d.entries().stream().collect(Collectors.toMap(Entry::word, e -> e, (a, b) -> a,
        TreeMap::new));
    assertEquals(d.entries().size(), byWord.size(), "one entry per word");
    assertEquals(List.of(List.of("DH", "AH"), List.of("DH", "IY")), byWord.get("THE").pronunciations(),
        "THE, THE(1) (equal once stress is gone) and THE(2)");
    assertEquals(List.of(List.of("R", "EH", "D"), List.of("R", "IY", "D")), byWord.get("READ").pronunciations());
    assertEquals(List.of(List.of("AH", "K", "L", "AA", "K")), byWord.get("O'CLOCK").pronunciations());

    // the split: sorted words, every 20th from 0 test, every 20th from 10 validation
    int n = d.entries().size();
    assertEquals((n + 19) / 20, d.split(Split.TEST).size());
    assertEquals((n + 9) / 20, d.split(Split.VALIDATION).size());
    assertEquals(n - (n + 19) / 20 - (n + 9) / 20, d.split(Split.TRAIN).size());
    assertEquals(d.entries().get(0), d.split(Split.TEST).get(0));
    assertEquals(d.entries().get(10), d.split(Split.VALIDATION).get(0));
    assertEquals(d.entries().get(20), d.split(Split.TEST).get(1));
    assertEquals(CmuDict.pronunciations(d.entries()), CmuDict.pronunciations(d.split(Split.TRAIN))
        + CmuDict.pronunciations(d.split(Split.VALIDATION)) + CmuDict.pronunciations(d.split(Split.TEST)));
  }
}
