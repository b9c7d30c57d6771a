package org.rnnlab.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each word-shape feature on words that have it and words that do not. */
class WordShapeTest {
  static final WordShape SHAPE = new WordShape();

  /** The names of the features that are 1 for the word. */
  static List<String> on(String word) {
    double[] f = new double[SHAPE.size() + 2];
    f[0] = 7.0;
    SHAPE.features(word, f, 1);
    assertEquals(7.0, f[0], "wrote before its offset");
    assertEquals(0.0, f[f.length - 1], "wrote past its features");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < SHAPE.size(); i++) {
      double x = f[1 + i];
      assertEquals(true, x == 0.0 || x == 1.0, word + ": " + SHAPE.names().get(i) + " = " + x);
      if (x == 1.0) {
        names.add(SHAPE.names().get(i));
      }
    }
    return names;
  }

  @Test
  void shapes() {
    assertEquals(List.of(), on("dog"));
    assertEquals(List.of("initial_capital"), on("John"));
    assertEquals(List.of("initial_capital", "all_capitals", "inner_capital"), on("USA"));
    assertEquals(List.of("initial_capital", "all_capitals"), on("A"));
    assertEquals(List.of("initial_capital", "all_capitals", "inner_capital"), on("U.S."));
    assertEquals(List.of("initial_capital", "inner_capital"), on("McDonald"));
    assertEquals(List.of("inner_capital"), on("iPhone"));
    assertEquals(List.of("has_digit", "number"), on("1,000"));
    assertEquals(List.of("has_digit", "number"), on("9:30"));
    assertEquals(List.of("has_digit", "number", "has_hyphen"), on("1960-70"));
    assertEquals(List.of("has_digit", "suffix_s"), on("1960s"));
    assertEquals(List.of("initial_capital", "all_capitals", "has_digit"), on("B52"));
    assertEquals(List.of("has_hyphen"), on("well-known"));
    assertEquals(List.of("has_hyphen", "no_letter_or_digit"), on("--"));
    assertEquals(List.of("no_letter_or_digit"), on("``"));
    assertEquals(List.of("no_letter_or_digit"), on(""));
  }

  @Test
  void suffixesNeedTwoMoreCharactersThanTheSuffix() {
    assertEquals(List.of("suffix_ed"), on("walked"));
    assertEquals(List.of(), on("red"));
    assertEquals(List.of("suffix_ing"), on("running"));
    assertEquals(List.of(), on("sing"));
    assertEquals(List.of("initial_capital", "suffix_ly"), on("Quickly"));
    assertEquals(List.of("suffix_s", "suffix_ness"), on("kindness"));
    assertEquals(List.of("suffix_s", "suffix_'s"), on("dog's"));
    assertEquals(List.of("suffix_s"), on("dogs"));
    assertEquals(List.of(), on("is"));
    assertEquals(List.of("suffix_ment"), on("government"));
    assertEquals(List.of("suffix_er"), on("teacher"));
  }

  @Test
  void namesAndCustomSuffixes() {
    assertEquals(7 + WordShape.DEFAULT_SUFFIXES.size(), SHAPE.size());
    assertEquals("initial_capital", SHAPE.names().get(0));
    WordShape w = new WordShape(List.of("ism"));
    assertEquals(List.of("initial_capital", "all_capitals", "inner_capital", "has_digit", "number", "has_hyphen",
        "no_letter_or_digit", "suffix_ism"), w.names());
    assertThrows(IllegalArgumentException.class, () -> new WordShape(List.of("Ing")));
    assertThrows(IllegalArgumentException.class, () -> new WordShape(List.of("")));
  }
}
