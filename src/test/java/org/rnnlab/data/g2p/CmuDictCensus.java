package org.rnnlab.data.g2p;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.rnnlab.data.Split;

/**
 * Measures the numbers docs/datasets.md quotes for CMUdict (a {@code main}, not a unit test: it needs
 * the fetched dataset): lines, kept and dropped words, pronunciations, split sizes, phonemes, and the
 * longest word and pronunciation. Run as DatasetCensus is (docs/datasets.md), with the data directory set.
 */
public final class CmuDictCensus {
  private CmuDictCensus() {}

  public static void main(String[] args) {
    long t0 = System.nanoTime();
    CmuDict d = CmuDict.load();
    System.out.printf(Locale.ROOT, "read+verify+parse: %.2f s%n", (System.nanoTime() - t0) / 1e9);
    System.out.println("lines " + d.lines() + "; kept words " + d.entries().size() + " with "
        + CmuDict.pronunciations(d.entries()) + " pronunciations (" + d.collapsed()
        + " lines equal to an earlier pronunciation once stress is removed); dropped words "
        + d.droppedWords().size() + " (" + d.droppedLines() + " lines)");
    Map<String, Integer> why = new TreeMap<>();
    for (String w : d.droppedWords()) {
      why.merge(reason(w), 1, Integer::sum);
    }
    System.out.println("dropped words by the first rule they break: " + why);
    System.out.println("dropped, first 30: " + d.droppedWords().subList(0, Math.min(30, d.droppedWords().size())));
    for (Split s : Split.values()) {
      System.out.println(s.key() + ": " + d.split(s).size() + " words, " + CmuDict.pronunciations(d.split(s))
          + " pronunciations");
    }
    Map<String, Integer> count = new TreeMap<>();
    Entry longestWord = null;
    Entry longestPron = null;
    int maxPron = 0;
    Map<Integer, Integer> perWord = new TreeMap<>();
    for (Entry e : d.entries()) {
      perWord.merge(e.pronunciations().size(), 1, Integer::sum);
      if (longestWord == null || e.word().length() > longestWord.word().length()) {
        longestWord = e;
      }
      for (var p : e.pronunciations()) {
        if (p.size() > maxPron) {
          maxPron = p.size();
          longestPron = e;
        }
        for (String ph : p) {
          count.merge(ph, 1, Integer::sum);
        }
      }
    }
    System.out.println("pronunciations per word: " + perWord);
    System.out.println("phonemes: " + count.size() + " " + count);
    System.out.println("longest word: " + longestWord.word() + " (" + longestWord.word().length() + " graphemes) "
        + longestWord.pronunciations());
    System.out.println("longest pronunciation: " + maxPron + " phonemes, " + longestPron.word() + " "
        + longestPron.pronunciations());
    for (Split s : Split.values()) {
      int w = 0;
      int p = 0;
      for (Entry e : d.split(s)) {
        w = Math.max(w, e.word().length());
        for (var q : e.pronunciations()) {
          p = Math.max(p, q.size());
        }
      }
      System.out.println(s.key() + ": longest word " + w + ", longest pronunciation " + p);
    }
  }

  private static String reason(String w) {
    if (w.chars().anyMatch(Character::isDigit)) {
      return "digit";
    }
    if (w.indexOf('.') >= 0) {
      return "period";
    }
    if (w.indexOf('-') >= 0) {
      return "hyphen";
    }
    if (w.indexOf('_') >= 0) {
      return "underscore";
    }
    return "other";
  }
}
