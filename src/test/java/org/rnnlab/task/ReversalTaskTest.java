package org.rnnlab.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.seq2seq.PairBatch;

/** Sequence reversal and copy: targets, lengths, codecs, the stated baseline, bad configs. */
class ReversalTaskTest extends PairTaskContractTest {
  @Override
  protected PairTaskConfig config() {
    return new ReversalTask.Config(6, 2, 9, "reverse", null);
  }

  @Override
  protected String registryName() {
    return "reversal";
  }

  private static ReversalTask task(int k, int min, int max, String op) {
    return new ReversalTask.Config(k, min, max, op, null).create();
  }

  @Test
  void targetsAreTheSourcesReversedOrCopiedShiftedPastStartAndEnd() {
    for (String op : List.of("reverse", "copy")) {
      PairSet set = task(5, 1, 12, op).sample(500, Rng.of(1));
      for (int i = 0; i < set.size(); i++) {
        int[] s = set.sources().get(i);
        int[] t = set.references().get(i).get(0);
        assertEquals(1, set.references().get(i).size());
        assertEquals(s.length, t.length);
        for (int k = 0; k < s.length; k++) {
          assertEquals(s[op.equals("reverse") ? s.length - 1 - k : k] + 2, t[k], op + " pair " + i + " step " + k);
        }
      }
    }
  }

  @Test
  void reverseAndCopyDrawTheSameSources() {
    PairSet r = task(7, 3, 8, "reverse").sample(50, Rng.of(4));
    PairSet c = task(7, 3, 8, "copy").sample(50, Rng.of(4));
    for (int i = 0; i < 50; i++) {
      assertArrayEquals(r.sources().get(i), c.sources().get(i));
    }
  }

  @Test
  void lengthsAndSymbolsCoverTheirRangesUniformly() {
    int n = 30_000;
    PairSet set = task(4, 3, 7, "reverse").sample(n, Rng.of(2));
    int[] lengths = new int[8];
    int[] symbols = new int[4];
    long total = 0;
    for (int[] s : set.sources()) {
      lengths[s.length]++;
      for (int id : s) {
        symbols[id]++;
      }
      total += s.length;
    }
    for (int len = 0; len < 8; len++) {
      if (len < 3) {
        assertEquals(0, lengths[len]);
      } else {
        assertEquals(n / 5.0, lengths[len], 4 * Math.sqrt(n * 0.2 * 0.8), "length " + len);
      }
    }
    for (int k = 0; k < 4; k++) {
      assertEquals(total / 4.0, symbols[k], 4 * Math.sqrt(total * 0.25 * 0.75), "symbol " + k);
    }
  }

  @Test
  void theBestConstantOutputIsRightAsOftenAsStated() {
    ReversalTask task = task(2, 1, 2, "copy");
    assertEquals(0.25, task.baseline().get("accuracy"), 1e-15); // "a" or "b": 1/2 (length 1) * 1/2
    int n = 40_000;
    PairSet set = task.sample(n, Rng.of(3));
    Map<String, Integer> counts = new HashMap<>();
    set.references().forEach(r -> counts.merge(task.targetCodec().decode(r.get(0)), 1, Integer::sum));
    int best = counts.values().stream().max(Integer::compare).orElseThrow();
    double p = 0.25;
    assertEquals(p * n, best, 4 * Math.sqrt(n * p * (1 - p)) + 0.02 * n, "most frequent target " + counts);
    assertEquals(6, counts.size(), "a, b, aa, ab, ba, bb");
    // the stated accuracy is what scoring the constant "a" gives
    PairSet small = task.sample(4000, Rng.of(5));
    List<int[]> constant = small.sources().stream().map(s -> task.targetCodec().encode("a")).toList();
    assertEquals(p, task.score(small, constant).get("accuracy"), 4 * Math.sqrt(p * (1 - p) / 4000));
  }

  @Test
  void tokenErrorRateIsSummedEditsOverSummedLengths() {
    ReversalTask task = task(3, 2, 2, "reverse");
    PairSet set = new PairSet(List.of(new int[] {0, 1}, new int[] {2, 2}),
        List.of(List.of(new int[] {3, 2}), List.of(new int[] {4, 4})));
    // one substitution in the first, the second right
    Map<String, Double> m = task.score(set, List.of(new int[] {3, 3}, new int[] {4, 4}));
    assertEquals(0.5, m.get("accuracy"));
    assertEquals(0.25, m.get("token_error_rate"));
    // one too many: an insertion
    assertEquals(0.75, task.score(set, List.of(new int[] {3, 2, 2}, new int[] {2, 3, 4})).get("token_error_rate"));
  }

  @Test
  void longerEvaluationSetsShareTheCodecs() {
    ReversalTask train = task(10, 1, 10, "reverse");
    ReversalTask longer = task(10, 11, 20, "reverse");
    for (int id = 0; id < 10; id++) {
      assertEquals(train.sourceCodec().symbol(id), longer.sourceCodec().symbol(id));
    }
    assertEquals(train.targetCodec().size(), longer.targetCodec().size());
    assertEquals("abcdefghij", train.sourceCodec().decode(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
    assertArrayEquals(new int[] {4, 3, 2}, train.targetCodec().encode("cba"));
    assertEquals("<s>cba</s>", train.targetCodec().decode(new int[] {PairBatch.START, 4, 3, 2, PairBatch.END}));
    assertEquals(21, longer.longestTarget());
    assertTrue(longer.sample(100, Rng.of(1)).sources().stream().allMatch(s -> s.length > 10));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> train.sourceCodec().encode("abk"));
    assertEquals("character 'k' (U+006B) at position 2 is not in the vocabulary", e.getMessage());
  }

  @Test
  void specKeysAreSnakeCase() throws Exception {
    TaskConfig c = org.rnnlab.spec.Catalog.standard().mapper().readValue(
        "{\"type\": \"reversal\", \"alphabet\": 8, \"min_len\": 11, \"max_len\": 20, \"operation\": \"copy\", "
            + "\"target_accuracy\": 0.9}", TaskConfig.class);
    assertEquals(new ReversalTask.Config(8, 11, 20, "copy", 0.9), c);
    TaskConfig a = org.rnnlab.spec.Catalog.standard().mapper().readValue(
        "{\"type\": \"addition\", \"digits\": 4, \"reverse_input\": true}", TaskConfig.class);
    assertEquals(new AdditionTask.Config(4, true, null), a);
    TaskConfig g = org.rnnlab.spec.Catalog.standard().mapper().readValue(
        "{\"type\": \"g2p_cmudict\", \"max_words\": 500}", TaskConfig.class);
    assertEquals(new G2pTask.Config(500, null), g);
  }

  @Test
  void badConfigsAreRefusedInOneLine() {
    assertEquals("reversal min_len 5 is above max_len 4", assertThrows(IllegalArgumentException.class,
        () -> new ReversalTask.Config(null, 5, 4, null, null)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ReversalTask.Config(63, null, null, null, null));
    assertThrows(IllegalArgumentException.class, () -> new ReversalTask.Config(1, null, null, null, null));
    assertThrows(IllegalArgumentException.class, () -> new ReversalTask.Config(null, 0, null, null, null));
    assertThrows(IllegalArgumentException.class, () -> new ReversalTask.Config(null, null, null, "sort", null));
    assertThrows(IllegalArgumentException.class, () -> new ReversalTask.Config(null, null, null, null, 1.5));
    ReversalTask.Config d = new ReversalTask.Config(null, null, null, null, null);
    assertEquals(new ReversalTask.Config(10, 1, 10, "reverse", 0.99), d);
  }
}
