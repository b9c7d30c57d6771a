package org.rnnlab.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.ReadoutMode;

class EmbeddedReberTaskTest extends TaskContractTest {
  // An independent oracle: the grammar as a regular expression. From the node after X the
  // automaton either ends with S or goes round X T* V P, or ends with X T* V V.
  private static final String AFTER_X = "(XT*VP)*(S|XT*VV)";
  private static final String REBER = "B(TS*X" + AFTER_X + "|PT*V(V|P" + AFTER_X + "))E";
  private static final Pattern EMBEDDED = Pattern.compile("B(T" + REBER + "T|P" + REBER + "P)E");

  @Override
  protected TaskConfig config() {
    return new EmbeddedReberTask.Config(null);
  }

  @Override
  protected String registryName() {
    return "embedded_reber";
  }

  @Override
  protected double baselineSampleSize() {
    return EmbeddedReberTask.BASELINE_STRINGS;
  }

  /** The mean target vector at every step. */
  @Override
  protected double[] baselineOutputs(SequenceTask task, Batch batch) {
    double[] f = ((EmbeddedReberTask) task).baselineOutput();
    double[] out = new double[batch.steps() * batch.size() * 7];
    for (int p = 0; p < batch.steps() * batch.size(); p++) {
      System.arraycopy(f, 0, out, p * 7, 7);
    }
    return out;
  }

  /** Whether {@code prefix} can be continued into a string of the language (or is one). */
  private static boolean viable(String prefix) {
    Matcher m = EMBEDDED.matcher(prefix);
    return m.matches() || m.hitEnd();
  }

  private static String decode(Batch batch, int b) {
    StringBuilder s = new StringBuilder();
    for (int t = 0; t < batch.lengths()[b]; t++) {
      s.append(EmbeddedReberTask.SYMBOLS.charAt(symbolAt(batch, t, b)));
    }
    return s.toString();
  }

  @Test
  void oracleIsSane() {
    assertTrue(EMBEDDED.matcher("BTBTXSETE").matches());
    assertTrue(EMBEDDED.matcher("BPBPVPXVVEPE").matches());
    assertFalse(EMBEDDED.matcher("BTBTXSEPE").matches(), "outer symbols must agree");
    assertTrue(viable("BTBPTT"));
    assertFalse(viable("BTBPS"));
  }

  @Test
  void stringsAreGrammaticalAndTargetsAreExactlyTheLegalSuccessors() {
    GeneratedTask task = task();
    assertEquals(ReadoutMode.EVERY_STEP, task.readout());
    Batch batch = sample(task, 400, 41);
    int n = batch.size();
    for (int b = 0; b < n; b++) {
      String fed = decode(batch, b);
      String full = fed + "E"; // the final E has no successor, so it is not fed
      if (!EMBEDDED.matcher(full).matches()) {
        fail("not in the grammar: " + full);
      }
      for (int t = 0; t < fed.length(); t++) {
        String prefix = fed.substring(0, t + 1);
        for (int k = 0; k < 7; k++) {
          double want = viable(prefix + EmbeddedReberTask.SYMBOLS.charAt(k)) ? 1.0 : 0.0;
          if (at(batch.targets(), batch, t, b, k, 7) != want) {
            fail("after " + prefix + ", " + EmbeddedReberTask.SYMBOLS.charAt(k) + " legal = " + want);
          }
        }
      }
      // the long dependency: after the inner E only the outer symbol may follow
      int innerE = fed.length() - 2;
      int outer = EmbeddedReberTask.SYMBOLS.indexOf(fed.charAt(1));
      for (int k = 0; k < 7; k++) {
        assertEquals(k == outer ? 1.0 : 0.0, at(batch.targets(), batch, innerE, b, k, 7));
      }
    }
  }

  @Test
  void maxLenCapsTheStrings() {
    GeneratedTask nine = new EmbeddedReberTask.Config(9).create();
    Batch batch = sample(nine, 300, 42);
    for (int b = 0; b < batch.size(); b++) {
      assertEquals(8, batch.lengths()[b], "9 symbols, the last not fed");
      assertTrue(EMBEDDED.matcher(decode(batch, b) + "E").matches());
    }
    Batch free = sample(task(), 2000, 43);
    int shortest = Integer.MAX_VALUE;
    int longest = 0;
    for (int len : free.lengths()) {
      shortest = Math.min(shortest, len);
      longest = Math.max(longest, len);
    }
    assertEquals(8, shortest);
    assertTrue(longest > 15 && longest < 99, "longest " + longest);
    assertThrows(IllegalArgumentException.class, () -> new EmbeddedReberTask.Config(8));
  }

  @Test
  void maxAbsErrorAndSolvedFraction() {
    GeneratedTask task = task();
    Batch batch = sample(task, 10, 44);
    double[] out = perfectOutputs(task, batch, 0.0);
    out[(2 * batch.size() + 3) * 7 + 5] += 0.3; // one output of sequence 3 at step 2
    out[(1 * batch.size() + 6) * 7 + 0] -= 0.2; // within tolerance
    Map<String, Double> m = task.evaluate(batch, out);
    assertEquals(0.3, m.get("max_abs_error"), 1e-15);
    assertEquals(0.9, m.get("solved_fraction"), 1e-15);
    int valid = java.util.Arrays.stream(batch.lengths()).sum();
    assertEquals((0.09 + 0.04) / (7.0 * valid), m.get("mse"), 1e-15);
    assertFalse(task.solved(m));
  }

  /**
   * The grammar's exact statistics (a Markov-chain computation: expected visits of each inner
   * state) against the seeded estimate, within four standard errors of a 10,000-string estimate
   * measured from 20 fresh blocks of 500 strings. This checks the branch probabilities, which
   * the baseline contract test cannot see (it compares the generator with itself).
   */
  @Test
  void baselineEstimateAgreesWithTheExactGrammarStatistics() {
    EmbeddedReberTask task = (EmbeddedReberTask) task();
    double[] exactF = {1 / 11.0, 4.5 / 11, 3.5 / 11, 2 / 11.0, 2 / 11.0, 3 / 11.0, 2 / 11.0};
    double exactMse = 41.0 / 242.0;
    int blocks = 20;
    double[][] fBlock = new double[blocks][7];
    double[] mseBlock = new double[blocks];
    org.rnnlab.engine.Rng rng = org.rnnlab.engine.Rng.of(77);
    for (int i = 0; i < blocks; i++) {
      double steps = 0;
      for (int s = 0; s < EmbeddedReberTask.BASELINE_STRINGS / blocks; s++) {
        int[][] str = task.draw(rng);
        for (int t = 0; t < str[0].length - 1; t++) {
          for (int k = 0; k < 7; k++) {
            fBlock[i][k] += (str[1][t] >> k) & 1;
          }
          steps++;
        }
      }
      for (int k = 0; k < 7; k++) {
        fBlock[i][k] /= steps;
        mseBlock[i] += fBlock[i][k] * (1 - fBlock[i][k]) / 7;
      }
    }
    double[] f = task.baselineOutput();
    for (int k = 0; k < 7; k++) {
      final int kk = k;
      double se = blockSe(java.util.Arrays.stream(fBlock).mapToDouble(r -> r[kk]).toArray());
      assertEquals(exactF[k], f[k], 4 * se, "f of " + EmbeddedReberTask.SYMBOLS.charAt(k));
    }
    assertEquals(exactMse, task.baseline().get("mse"), 4 * blockSe(mseBlock));
  }

  /** Standard error of the mean of all blocks taken together, from the spread of the block values. */
  private static double blockSe(double[] v) {
    double mean = java.util.Arrays.stream(v).average().orElseThrow();
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    return Math.sqrt(ss / (v.length - 1) / v.length);
  }

  @Test
  void baselineIsDeterministicAndSensible() {
    EmbeddedReberTask a = (EmbeddedReberTask) task();
    EmbeddedReberTask b = (EmbeddedReberTask) task();
    assertArrayEquals(a.baselineOutput(), b.baselineOutput());
    assertEquals(a.baseline(), b.baseline());
    double[] f = a.baselineOutput();
    double mse = 0.0;
    for (double v : f) {
      assertTrue(v > 0.0 && v < 1.0);
      mse += v * (1 - v) / 7;
    }
    assertEquals(mse, a.baseline().get("mse"), 1e-15);
  }
}
