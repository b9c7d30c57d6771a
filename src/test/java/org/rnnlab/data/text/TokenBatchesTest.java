package org.rnnlab.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.ReadoutMode;

/** Tagging batches: time-major ids, features and labels, padded at the end; select keeps the tokens. */
class TokenBatchesTest {
  @Test
  void timeMajorIdsFeaturesAndLabels() {
    Vocabulary v = Vocabulary.build(VocabularyBuildTest.TRAIN, 2, true);
    WordShape shape = new WordShape(List.of("s"));
    List<List<String>> sentences = List.of(List.of("The", "cats", "ran"), List.of("Dog", "."));
    Batch b = TokenBatches.tagging(sentences, List.of(new int[] {1, 2, 3}, new int[] {4, 5}), v, shape);
    assertEquals(3, b.steps());
    assertEquals(2, b.size());
    assertArrayEquals(new int[] {3, 2}, b.lengths());
    assertEquals(shape.size(), b.inputSize());
    // step-major: (t=0: The, Dog), (t=1: cats, .), (t=2: ran, padding)
    assertArrayEquals(new int[] {v.id("the"), v.id("dog"), Vocabulary.UNKNOWN, v.id("."), v.id("ran"),
        Vocabulary.UNKNOWN}, b.tokens());
    assertArrayEquals(new int[] {1, 4, 2, 5, 3, 0}, b.labels());
    double[] want = new double[shape.size()];
    shape.features("cats", want, 0);
    for (int j = 0; j < shape.size(); j++) {
      assertEquals(want[j], b.inputs()[(1 * 2 + 0) * shape.size() + j], "feature " + shape.names().get(j));
    }
    assertEquals(1.0, b.inputs()[(0 * 2 + 1) * shape.size()], "Dog: initial capital");
    Batch second = b.select(new int[] {1}, ReadoutMode.EVERY_STEP);
    assertArrayEquals(new int[] {v.id("dog"), v.id("."), Vocabulary.UNKNOWN}, second.tokens());
    assertArrayEquals(new int[] {4, 5, 0}, second.labels());
    Batch plain = TokenBatches.tagging(sentences, List.of(new int[] {1, 2, 3}, new int[] {4, 5}), v, null);
    assertEquals(0, plain.inputSize());
  }

  @Test
  void refusesMismatchedTags() {
    Vocabulary v = Vocabulary.build(VocabularyBuildTest.TRAIN, 1, true);
    assertThrows(IllegalArgumentException.class,
        () -> TokenBatches.tagging(List.of(List.of("a", "b")), List.of(new int[] {1}), v, null));
    assertThrows(IllegalArgumentException.class,
        () -> TokenBatches.tagging(List.of(List.of()), List.of(new int[0]), v, null));
    assertThrows(IllegalArgumentException.class, () -> new Batch(2, 1, 0, new double[0], new int[] {2},
        null, new int[2], null, new int[3]));
  }
}
