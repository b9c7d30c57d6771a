package org.rnnlab.data.g2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnnlab.config.Levenshtein;

/** Word and phoneme error rates against several pronunciations, and the edit distance on id sequences. */
class G2pMetricsTest {
  private static int[] p(String s) {
    return Phonemes.encode(List.of(s.split(" ")));
  }

  /** The edit distance by its recursive definition, for short sequences. */
  private static int reference(int[] a, int i, int[] b, int j) {
    if (i == a.length) {
      return b.length - j;
    }
    if (j == b.length) {
      return a.length - i;
    }
    int sub = reference(a, i + 1, b, j + 1) + (a[i] == b[j] ? 0 : 1);
    return Math.min(sub, 1 + Math.min(reference(a, i + 1, b, j), reference(a, i, b, j + 1)));
  }

  @Test
  void theEditDistanceOnIdSequencesIsLevenshteins() {
    assertEquals(3, Levenshtein.distance("kitten", "sitting"));
    assertEquals(3, Levenshtein.distance("kitten".chars().toArray(), "sitting".chars().toArray()));
    assertEquals(0, Levenshtein.distance(new int[0], new int[0]));
    assertEquals(4, Levenshtein.distance(new int[0], new int[] {1, 2, 3, 4}));
    Random r = new Random(20);
    for (int t = 0; t < 500; t++) {
      int[] a = r.ints(r.nextInt(7), 0, 3).toArray();
      int[] b = r.ints(r.nextInt(7), 0, 3).toArray();
      assertEquals(reference(a, 0, b, 0), Levenshtein.distance(a, b), Arrays.toString(a) + " " + Arrays.toString(b));
    }
  }

  @Test
  void theClosestReferenceHasTheFewestEditsAndTiesGoToTheFirst() {
    List<int[]> the = List.of(p("DH AH"), p("DH IY"));
    assertEquals(new G2pMetrics.Closest(1, 0, 2), G2pMetrics.closest(p("DH IY"), the));
    assertEquals(new G2pMetrics.Closest(0, 1, 2), G2pMetrics.closest(p("DH EH"), the), "a tie: the first");
    assertEquals(new G2pMetrics.Closest(1, 1, 2), G2pMetrics.closest(p("DH IY Z"), the));
    List<int[]> tieOfLengths = List.of(p("K AA N T EH N T"), p("K AH N T EH N"));
    assertEquals(new G2pMetrics.Closest(0, 1, 7), G2pMetrics.closest(p("K AH N T EH N T"), tieOfLengths));
    assertTrue(G2pMetrics.wordError(p("DH EH"), the));
    assertFalse(G2pMetrics.wordError(p("DH IY"), the));
    assertTrue(G2pMetrics.wordError(p("DH"), the), "a prefix is not a match");
    assertThrows(IllegalArgumentException.class, () -> G2pMetrics.closest(p("DH"), List.of()));
  }

  @Test
  void ratesSumEditsAndClosestLengthsOverWords() {
    List<List<int[]>> refs = List.of(
        List.of(p("DH AH"), p("DH IY")), // THE
        List.of(p("K AA N T EH N T"), p("K AH N T EH N T")), // CONTENT
        List.of(p("T S AY T G AY S T")), // ZEITGEIST
        List.of(p("AH K L AA K"))); // O'CLOCK
    List<int[]> preds = List.of(
        p("DH IY"), // matches the second: 0 edits of 2
        p("K AH N T EH N"), // one deletion from the second (7)
        p("Z AY T G AY S T"), // S->Z substitution, T deleted: 2 edits of 8
        p("OW K L AA K S")); // a substitution and an insertion: 2 of 5
    G2pMetrics.Score s = G2pMetrics.score(preds, refs);
    assertEquals(new G2pMetrics.Score(4, 3, 5, 22), s);
    assertEquals(0.75, s.wordErrorRate());
    assertEquals(5.0 / 22, s.phonemeErrorRate());
    // all right: both rates 0; an empty prediction: every phoneme of the closest (shortest) is an edit
    assertEquals(new G2pMetrics.Score(1, 0, 0, 5), G2pMetrics.score(List.of(p("AH K L AA K")), refs.subList(3, 4)));
    assertEquals(new G2pMetrics.Score(1, 1, 2, 2), G2pMetrics.score(List.of(new int[0]), refs.subList(0, 1)));
    assertThrows(IllegalArgumentException.class, () -> G2pMetrics.score(preds, refs.subList(0, 3)));
    assertThrows(IllegalArgumentException.class, () -> G2pMetrics.score(List.of(), List.of()));
  }
}
