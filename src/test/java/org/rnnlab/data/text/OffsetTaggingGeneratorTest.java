package org.rnnlab.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.data.text.OffsetTaggingGenerator.Direction;
import org.rnnlab.engine.Rng;

class OffsetTaggingGeneratorTest {
  @Test
  void tagsCopyTheTokenKStepsAwayAndTheBoundaryTagOutside() {
    int[] x = {3, 1, 4, 1, 5};
    OffsetTaggingGenerator ahead = new OffsetTaggingGenerator(6, 2, Direction.AHEAD, 1, 9, 0.0);
    OffsetTaggingGenerator behind = new OffsetTaggingGenerator(6, 2, Direction.BEHIND, 1, 9, 0.0);
    assertArrayEquals(new int[] {4, 1, 5, 6, 6}, ahead.tags(x));
    assertArrayEquals(new int[] {6, 6, 3, 1, 4}, behind.tags(x));
    assertEquals(7, ahead.tagCount());
    assertEquals(6, ahead.boundaryTag());
  }

  @Test
  void samplesAreSeededAndFollowTheirOwnRule() {
    OffsetTaggingGenerator g = new OffsetTaggingGenerator(5, 3, Direction.AHEAD, 4, 9, 0.5);
    TokenTagSequences a = g.sample(50, Rng.of(7).child("data"));
    TokenTagSequences b = g.sample(50, Rng.of(7).child("data"));
    TokenTagSequences c = g.sample(50, Rng.of(8).child("data"));
    assertTrue(Arrays.deepEquals(a.tokens(), b.tokens()));
    assertFalse(Arrays.deepEquals(a.tokens(), c.tokens()));
    for (int s = 0; s < a.size(); s++) {
      int len = a.tokens()[s].length;
      assertTrue(len >= 4 && len <= 9);
      assertArrayEquals(g.tags(a.tokens()[s]), a.tags()[s]);
      for (int v : a.tokens()[s]) {
        assertTrue(v >= 0 && v < 5);
      }
    }
  }

  @Test
  void tokensRepeatWithTheStatedProbability() {
    double stay = 0.3;
    int v = 4;
    OffsetTaggingGenerator g = new OffsetTaggingGenerator(v, 1, Direction.AHEAD, 20, 20, stay);
    TokenTagSequences d = g.sample(2000, Rng.of(3));
    long same = 0;
    long pairs = 0;
    for (int[] x : d.tokens()) {
      for (int t = 1; t < x.length; t++) {
        same += x[t] == x[t - 1] ? 1 : 0;
        pairs++;
      }
    }
    double p = stay + (1 - stay) / v;
    double se = Math.sqrt(p * (1 - p) / pairs);
    assertEquals(p, (double) same / pairs, 4 * se);
  }

  @Test
  void fixedLengthCeilingHasItsClosedForm() {
    OffsetTaggingGenerator g = new OffsetTaggingGenerator(5, 3, Direction.AHEAD, 10, 10, 0.2);
    double q = 0.2 * 0.2 * 0.2 + (1 - 0.008) / 5;
    assertEquals((7 * q + 3) / 10, g.unidirectionalCeiling(), 1e-15);
    assertEquals(1.0, new OffsetTaggingGenerator(5, 3, Direction.BEHIND, 10, 10, 0.2).unidirectionalCeiling());
    assertEquals(1.0, new OffsetTaggingGenerator(5, 3, Direction.AHEAD, 2, 3, 0.2).unidirectionalCeiling(),
        "every tag is the boundary tag when no sequence is longer than k");
  }

  /**
   * An independent oracle: the exact Bayes accuracy of a left-to-right predictor by enumerating
   * every length and token sequence of a tiny generator, pooling the probability of each tag per
   * (position, prefix), and taking the best tag of every prefix.
   */
  @Test
  void ceilingEqualsTheBayesAccuracyByEnumeration() {
    for (int k : new int[] {1, 2}) {
      for (double stay : new double[] {0.0, 0.35}) {
        int v = 3;
        int min = 1;
        int max = 5;
        OffsetTaggingGenerator g = new OffsetTaggingGenerator(v, k, Direction.AHEAD, min, max, stay);
        Map<String, double[]> mass = new HashMap<>();
        double expectedTokens = 0;
        for (int len = min; len <= max; len++) {
          double pLen = 1.0 / (max - min + 1);
          expectedTokens += pLen * len;
          int[] x = new int[len];
          int sequences = 1;
          for (int t = 0; t < len; t++) {
            sequences *= v;
          }
          for (int code = 0; code < sequences; code++) {
            int c = code;
            for (int t = 0; t < len; t++) {
              x[t] = c % v;
              c /= v;
            }
            double p = pLen / v;
            for (int t = 1; t < len; t++) {
              p *= (x[t] == x[t - 1] ? stay : 0.0) + (1 - stay) / v;
            }
            int[] tags = g.tags(x);
            for (int t = 0; t < len; t++) {
              String prefix = Arrays.toString(Arrays.copyOf(x, t + 1));
              mass.computeIfAbsent(prefix, key -> new double[v + 1])[tags[t]] += p;
            }
          }
        }
        double correct = 0;
        for (Map.Entry<String, double[]> e : mass.entrySet()) {
          double[] m = e.getValue();
          double best = Arrays.stream(m).max().orElseThrow();
          correct += best;
          int[] prefix = Arrays.stream(e.getKey().replaceAll("[\\[\\] ]", "").split(",")).mapToInt(Integer::parseInt)
              .toArray();
          int predicted = g.bayesUnidirectional(prefix)[prefix.length - 1];
          assertEquals(best, m[predicted], 1e-15, "the predictor takes a most probable tag after " + e.getKey());
        }
        assertEquals(correct / expectedTokens, g.unidirectionalCeiling(), 1e-12, "k " + k + " stay " + stay);
        assertTrue(g.unidirectionalCeiling() < 1.0);
      }
    }
  }

  @Test
  void theBayesPredictorLooksOnlyToTheLeft() {
    OffsetTaggingGenerator g = new OffsetTaggingGenerator(4, 2, Direction.AHEAD, 3, 12, 0.4);
    for (int[] x : g.sample(200, Rng.of(11)).tokens()) {
      int[] full = g.bayesUnidirectional(x);
      for (int m = 1; m <= x.length; m++) {
        assertArrayEquals(Arrays.copyOf(full, m), g.bayesUnidirectional(Arrays.copyOf(x, m)));
      }
    }
  }

  /** Pooled accuracy of the Bayes predictor on fresh samples against the ceiling, within 4 standard errors. */
  @Test
  void monteCarloAccuracyMatchesTheCeiling() {
    for (Direction dir : Direction.values()) {
      OffsetTaggingGenerator g = new OffsetTaggingGenerator(4, 2, dir, 5, 12, 0.4);
      TokenTagSequences d = g.sample(20_000, Rng.of(5).child("mc"));
      int n = d.size();
      double[] c = new double[n];
      double[] l = new double[n];
      double sc = 0;
      double sl = 0;
      for (int s = 0; s < n; s++) {
        int[] pred = g.bayesUnidirectional(d.tokens()[s]);
        for (int t = 0; t < pred.length; t++) {
          c[s] += pred[t] == d.tags()[s][t] ? 1 : 0;
        }
        l[s] = pred.length;
        sc += c[s];
        sl += l[s];
      }
      double r = sc / sl;
      double ss = 0;
      for (int s = 0; s < n; s++) {
        ss += (c[s] - r * l[s]) * (c[s] - r * l[s]);
      }
      double se = Math.sqrt(ss / ((double) n * (n - 1))) / (sl / n); // delta method for a ratio of means
      double ceiling = g.unidirectionalCeiling();
      if (dir == Direction.BEHIND) {
        assertEquals(1.0, r, 0.0);
      } else {
        assertTrue(ceiling < 0.75, "ceiling " + ceiling);
        assertEquals(ceiling, r, 4 * se, "Monte Carlo " + r + " +- " + se);
      }
    }
  }

  @Test
  void badSettingsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new OffsetTaggingGenerator(1, 1, Direction.AHEAD, 1, 2, 0));
    assertThrows(IllegalArgumentException.class, () -> new OffsetTaggingGenerator(2, 0, Direction.AHEAD, 1, 2, 0));
    assertThrows(IllegalArgumentException.class, () -> new OffsetTaggingGenerator(2, 1, Direction.AHEAD, 3, 2, 0));
    assertThrows(IllegalArgumentException.class, () -> new OffsetTaggingGenerator(2, 1, Direction.AHEAD, 1, 2, 1.0));
  }
}
