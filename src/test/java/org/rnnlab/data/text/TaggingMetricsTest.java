package org.rnnlab.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TaggingMetricsTest {
  @Test
  void countsTokensOovTokensAndWholeSentences() {
    //                 sentence 0 | sentence 1 (all right) | sentence 2
    int[] gold = {1, 2, 3, 4, 5, 6, 7, 8};
    int[] pred = {1, 0, 3, 4, 5, 6, 0, 8};
    int[] lengths = {3, 3, 2};
    boolean[] oov = {false, true, true, false, true, false, true, false};
    TaggingMetrics.Scores s = TaggingMetrics.score(gold, pred, lengths, oov);
    assertEquals(6.0 / 8, s.tokenAccuracy(), 0.0);
    assertEquals(2.0 / 4, s.oovAccuracy(), 0.0); // oov tokens 1, 2, 4, 6: wrong, right, right, wrong
    assertEquals(1.0 / 3, s.sentenceAccuracy(), 0.0);
    assertEquals(8, s.tokens());
    assertEquals(4, s.oovTokens());
    assertEquals(3, s.sentences());
    assertEquals(java.util.List.of("accuracy", "oov_accuracy", "sentence_accuracy"), java.util.List.copyOf(s.asMap().keySet()));
  }

  @Test
  void noOovTokensGiveNaNNotOne() {
    TaggingMetrics.Scores s = TaggingMetrics.score(new int[] {1, 2}, new int[] {1, 2}, new int[] {2}, new boolean[2]);
    assertEquals(1.0, s.tokenAccuracy(), 0.0);
    assertTrue(Double.isNaN(s.oovAccuracy()));
  }

  @Test
  void inconsistentShapesAreRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> TaggingMetrics.score(new int[3], new int[2], new int[] {3}, new boolean[3]));
    assertThrows(IllegalArgumentException.class,
        () -> TaggingMetrics.score(new int[3], new int[3], new int[] {2}, new boolean[3]));
    assertThrows(IllegalArgumentException.class,
        () -> TaggingMetrics.score(new int[3], new int[3], new int[] {2, 2}, new boolean[3]));
    assertThrows(IllegalArgumentException.class,
        () -> TaggingMetrics.score(new int[3], new int[3], new int[] {3, 0}, new boolean[3]));
  }

  @Test
  void perSentencePredictionsScoreLikeTheFlatForm() {
    java.util.List<TaggedSentence> train = java.util.List.of(VocabularyTest.s("a/x b/y"), VocabularyTest.s("c/z"));
    Vocabulary v = Vocabulary.build(java.util.List.of(train.get(0)), 1, true);
    TagIndex tags = TagIndex.of(train, TagSet.FULL);
    EncodedSentences e = EncodedSentences.encode(train, v, TagSet.FULL, tags);
    int[][] pred = {{tags.id("x"), tags.id("x")}, {tags.id("z")}};
    TaggingMetrics.Scores s = TaggingMetrics.score(e, pred);
    assertEquals(2.0 / 3, s.tokenAccuracy(), 0.0);
    assertEquals(1.0, s.oovAccuracy(), 0.0); // c is the one OOV token, tagged right
    assertEquals(0.5, s.sentenceAccuracy(), 0.0);
  }
}
