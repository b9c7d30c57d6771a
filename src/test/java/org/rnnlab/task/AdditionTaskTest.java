package org.rnnlab.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Rng;

/** Addition as strings: true sums, reversed input, the operand distribution, the stated baseline, codecs. */
class AdditionTaskTest extends PairTaskContractTest {
  @Override
  protected PairTaskConfig config() {
    return new AdditionTask.Config(3, true, null);
  }

  @Override
  protected String registryName() {
    return "addition";
  }

  private static AdditionTask task(int digits, boolean reverse) {
    return new AdditionTask.Config(digits, reverse, null).create();
  }

  @Test
  void everyTargetIsTheTrueSumOfItsSource() {
    for (int digits : new int[] {1, 3, 18}) {
      for (boolean reverse : new boolean[] {false, true}) {
        AdditionTask task = task(digits, reverse);
        PairSet set = task.sample(2000, Rng.of(digits));
        for (int i = 0; i < set.size(); i++) {
          String src = task.sourceCodec().decode(set.sources().get(i));
          String text = reverse ? new StringBuilder(src).reverse().toString() : src;
          assertTrue(text.matches("(0|[1-9][0-9]{0," + (digits - 1) + "})\\+(0|[1-9][0-9]{0," + (digits - 1) + "})"),
              text);
          String[] ab = text.split("\\+");
          String sum = new java.math.BigInteger(ab[0]).add(new java.math.BigInteger(ab[1])).toString();
          assertEquals(sum, task.targetCodec().decode(set.references().get(i).get(0)), text);
          assertTrue(set.references().get(i).get(0).length + 1 <= task.longestTarget());
        }
      }
    }
  }

  @Test
  void reversedInputIsThePlainSourceBackwardsWithTheSameTarget() {
    PairSet plain = task(3, false).sample(300, Rng.of(9));
    PairSet reversed = task(3, true).sample(300, Rng.of(9));
    for (int i = 0; i < 300; i++) {
      int[] p = plain.sources().get(i);
      int[] r = reversed.sources().get(i);
      for (int k = 0; k < p.length; k++) {
        assertEquals(p[k], r[p.length - 1 - k]);
      }
      assertEquals(p.length, r.length);
      assertArrayEquals(plain.references().get(i).get(0), reversed.references().get(i).get(0));
    }
  }

  @Test
  void digitCountsAreUniformAndValuesUniformWithinThem() {
    int n = 30_000;
    AdditionTask task = task(3, false);
    PairSet set = task.sample(n, Rng.of(6));
    int[] byDigits = new int[4];
    int[] firstDigit = new int[10];
    for (int[] s : set.sources()) {
      String a = task.sourceCodec().decode(s).split("\\+")[0];
      byDigits[a.length()]++;
      if (a.length() == 3) {
        firstDigit[a.charAt(0) - '0']++;
      }
    }
    for (int d = 1; d <= 3; d++) {
      assertEquals(n / 3.0, byDigits[d], 4 * Math.sqrt(n / 3.0 * 2 / 3), "operands of " + d + " digits");
    }
    assertEquals(0, firstDigit[0], "no leading zero");
    for (int f = 1; f <= 9; f++) {
      double e = byDigits[3] / 9.0;
      assertEquals(e, firstDigit[f], 4 * Math.sqrt(e), "first digit " + f);
    }
  }

  /**
   * The stated baseline by enumeration: for D = 1..3, over every pair of operands with its probability
   * (1 / (D * count of d-digit numbers)) each, the most likely sum is 9 with probability 1/(10 D^2).
   */
  @Test
  void nineIsTheMostLikelySumWithTheStatedProbability() {
    for (int digits = 1; digits <= 3; digits++) {
      int top = (int) Math.pow(10, digits);
      double[] p = new double[top];
      for (int v = 0; v < top; v++) {
        int d = Integer.toString(v).length();
        int count = d == 1 ? 10 : 9 * (int) Math.pow(10, d - 1);
        p[v] = 1.0 / (digits * count);
      }
      double[] sum = new double[2 * top];
      for (int a = 0; a < top; a++) {
        for (int b = 0; b < top; b++) {
          sum[a + b] += p[a] * p[b];
        }
      }
      int best = 0;
      for (int s = 1; s < sum.length; s++) {
        best = sum[s] > sum[best] + 1e-15 ? s : best;
      }
      assertEquals(9, best, "digits " + digits);
      assertEquals(sum[9], task(digits, false).baseline().get("accuracy"), 1e-12);
    }
    // and scoring the constant "9" on a drawn set agrees
    AdditionTask task = task(2, false);
    PairSet set = task.sample(20_000, Rng.of(8));
    List<int[]> nine = set.sources().stream().map(s -> task.targetCodec().encode("9")).toList();
    double q = 1.0 / 40;
    assertEquals(q, task.score(set, nine).get("accuracy"), 4 * Math.sqrt(q * (1 - q) / 20_000));
  }

  @Test
  void codecsReadCommandLineSums() {
    AdditionTask task = task(3, false);
    assertArrayEquals(new int[] {5, 3, 5, 10, 6, 1}, task.sourceCodec().encode("535+61"));
    assertArrayEquals(new int[] {7, 11, 8}, task.targetCodec().encode("596"));
    assertEquals("596", task.targetCodec().decode(new int[] {7, 11, 8}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> task.sourceCodec().encode("5-3"));
    assertFalse(e.getMessage().contains("\n"));
    assertTrue(e.getMessage().contains("'-'"), e.getMessage());
    assertEquals(5, task.longestTarget(), "999+999 = 1998 and the end symbol");
    assertEquals(java.util.OptionalInt.of(7), new AdditionTask.Config(3, false, null).longestSequence());
  }

  @Test
  void badConfigsAreRefusedInOneLine() {
    assertEquals("addition digits must be in 1..18, got 19", assertThrows(IllegalArgumentException.class,
        () -> new AdditionTask.Config(19, null, null)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> new AdditionTask.Config(0, null, null));
    assertThrows(IllegalArgumentException.class, () -> new AdditionTask.Config(null, null, -0.1));
    assertEquals(new AdditionTask.Config(3, false, 0.99), new AdditionTask.Config(null, null, null));
  }
}
