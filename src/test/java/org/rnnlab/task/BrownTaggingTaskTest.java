package org.rnnlab.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.data.Split;
import org.rnnlab.data.text.EncodedSentences;
import org.rnnlab.data.text.TagSet;
import org.rnnlab.data.text.TaggedSentence;
import org.rnnlab.data.text.TaggingMetrics;
import org.rnnlab.data.text.Vocabulary;
import org.rnnlab.data.text.WordShape;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;
import org.rnnlab.spec.Registries;

class BrownTaggingTaskTest {
  @TempDir static Path tmp;
  static Path dir;

  @BeforeAll
  static void corpus() throws IOException {
    dir = BrownFixture.write(tmp.resolve("brown"));
  }

  private static BrownTaggingTask task(String tagSet, int minCount, boolean shape, Integer max) {
    return new BrownTaggingTask(new BrownTaggingTask.Config(tagSet, minCount, true, shape, max), dir);
  }

  private static BrownTaggingTask task() {
    return task("reduced", 2, true, null);
  }

  /** Logits 60 on the gold tag (or on {@code wrongTag} where given), 0 elsewhere. */
  private static double[] outputs(SequenceTask task, Batch b, int wrongTag) {
    int n = b.size();
    int c = task.outputSize();
    double[] out = new double[b.steps() * n * c];
    for (int s = 0; s < n; s++) {
      for (int t = 0; t < b.lengths()[s]; t++) {
        int p = t * n + s;
        out[p * c + (wrongTag >= 0 ? wrongTag : b.labels()[p])] = 60.0;
      }
    }
    return out;
  }

  @Test
  void registeredAsADatasetTaskWithTokenInputs() {
    BrownTaggingTask.Config c = new BrownTaggingTask.Config(null, null, null, null, null);
    assertEquals(new BrownTaggingTask.Config("reduced", 2, true, true, null), c);
    assertSame(BrownTaggingTask.Config.class, Registries.TASKS.types().get("brown_pos"));
    assertEquals(List.of("brown"), c.datasets());
    assertTrue(c.tokenInputs());
    assertEquals(List.of("accuracy", "oov_accuracy", "sentence_accuracy"), c.metricNames());
    assertThrows(IllegalArgumentException.class, () -> new BrownTaggingTask.Config("tiny", 2, true, true, null));
    assertThrows(IllegalArgumentException.class, () -> new BrownTaggingTask.Config("full", 0, true, true, null));
  }

  @Test
  void splitsFollowTheFileRule() {
    BrownTaggingTask t = task();
    // zebra is only in test files (index % 10 == 0), Quux only in validation files (index % 10 == 5)
    assertTrue(t.sentences(Split.VALIDATION).stream().noneMatch(s -> s.words().contains("zebra")));
    assertTrue(t.sentences(Split.TEST).stream().noneMatch(s -> s.words().contains("Quux")));
    assertEquals(50, t.sentences(Split.TEST).stream().filter(s -> s.words().contains("zebra")).count());
    assertEquals(50, t.sentences(Split.VALIDATION).stream().filter(s -> s.words().contains("Quux")).count());
    assertTrue(t.sentences(Split.TRAIN).stream().noneMatch(s -> s.words().contains("zebra")
        || s.words().contains("Quux")));
  }

  @Test
  void theVocabularyComesFromTheTrainingSplitOnly() {
    BrownTaggingTask t = task();
    assertEquals(Vocabulary.UNKNOWN, t.vocabulary().id("zebra"));
    assertEquals(Vocabulary.UNKNOWN, t.vocabulary().id("Quux"));
    assertTrue(t.vocabulary().id("dog") > 0);
    assertEquals(t.vocabulary().id("the"), t.vocabulary().id("The"), "lower-cased");
    assertEquals(t.vocabulary().size(), t.vocabularySize());
  }

  @Test
  void shapesInputsAndTagSets() {
    BrownTaggingTask reduced = task();
    BrownTaggingTask full = task("full", 2, false, null);
    assertEquals(new WordShape().size(), reduced.inputSize());
    assertEquals(0, full.inputSize());
    assertTrue(reduced.tagIndex().contains("np") && !reduced.tagIndex().contains("np-tl"));
    assertTrue(full.tagIndex().contains("np-tl") && full.tagIndex().contains("fw-nn"));
    assertEquals(reduced.tagIndex().size(), reduced.outputSize());
    assertTrue(full.outputSize() > reduced.outputSize());
    assertEquals(ReadoutMode.EVERY_STEP, reduced.readout());
    assertTrue(reduced.classification());
  }

  @Test
  void batchesCarryIdsShapesAndTagsOfTheSentences() {
    BrownTaggingTask t = task();
    Batch b = t.data().evaluation(Split.TEST, null, Rng.of(1)); // the whole split, in split order
    WordShape shape = new WordShape();
    double[] f = new double[shape.size()];
    List<TaggedSentence> test = t.sentences(Split.TEST);
    int n = b.size();
    assertEquals(test.size(), n);
    assertEquals(shape.size(), b.inputSize());
    for (int s = 0; s < n; s++) {
      TaggedSentence x = test.get(s);
      assertEquals(x.size(), b.lengths()[s]);
      for (int i = 0; i < x.size(); i++) {
        int p = i * n + s;
        assertEquals(t.vocabulary().id(x.words().get(i)), b.tokens()[p]);
        assertEquals(t.tagIndex().id(TagSet.REDUCED.map(x.tags().get(i))), b.labels()[p]);
        shape.features(x.words().get(i), f, 0);
        for (int j = 0; j < f.length; j++) {
          assertEquals(f[j], b.inputs()[p * f.length + j], "feature " + j + " of " + x.words().get(i));
        }
      }
    }
    int inChunks = 0;
    for (Batch c : t.data().evaluationBatches(Split.TEST, null, Rng.of(1))) {
      inChunks += c.size();
    }
    assertEquals(n, inChunks, "the chunks hold every test sentence once");
  }

  @Test
  void evaluationChunksAreSortedByLengthAndScoreLikeOneBatch() {
    BrownTaggingTask t = task();
    List<Batch> chunks = t.data().evaluationBatches(Split.TEST, null, Rng.of(1));
    assertTrue(chunks.size() > 1, "the fixture's test split spans several chunks");
    int last = 0;
    for (Batch b : chunks) {
      assertTrue(b.size() <= SentenceSet.EVALUATION_CHUNK);
      for (int len : b.lengths()) {
        assertTrue(len >= last, "sorted by length");
        last = len;
      }
    }
    Batch whole = t.data().evaluation(Split.TEST, null, Rng.of(1));
    int tag = t.tagIndex().id("nn");
    Scorer scorer = t.scorer();
    chunks.forEach(b -> scorer.add(b, outputs(t, b, tag)));
    assertEquals(t.evaluate(whole, outputs(t, whole, tag)), scorer.result());
  }

  @Test
  void metricsAreTheTaggingMetricsWithOovFromTheVocabulary() {
    BrownTaggingTask t = task();
    Batch whole = t.data().evaluation(Split.TEST, null, Rng.of(1));
    Map<String, Double> perfect = t.evaluate(whole, outputs(t, whole, -1));
    assertEquals(Map.of("accuracy", 1.0, "oov_accuracy", 1.0, "sentence_accuracy", 1.0), perfect);
    assertTrue(t.solved(perfect));
    // always "nn": the same numbers as TaggingMetrics on the encoded split
    int nn = t.tagIndex().id("nn");
    List<TaggedSentence> test = t.sentences(Split.TEST);
    EncodedSentences gold = EncodedSentences.encode(test, t.vocabulary(), TagSet.REDUCED, t.tagIndex());
    int[][] predicted = new int[test.size()][];
    for (int s = 0; s < predicted.length; s++) {
      predicted[s] = new int[test.get(s).size()];
      java.util.Arrays.fill(predicted[s], nn);
    }
    assertEquals(TaggingMetrics.score(gold, predicted).asMap(), t.evaluate(whole, outputs(t, whole, nn)));
    assertTrue(gold.oovTokens() >= 50, "every test sentence has the unseen zebra");
  }

  @Test
  void theBaselineIsTheMostFrequentTagOnTheTestSplit() {
    BrownTaggingTask t = task();
    List<TaggedSentence> test = t.sentences(Split.TEST);
    EncodedSentences gold = EncodedSentences.encode(test, t.vocabulary(), TagSet.REDUCED, t.tagIndex());
    Map<String, Double> want = TaggingMetrics.score(gold, t.mostFrequentTag().predict(test)).asMap();
    assertEquals(want, t.baseline());
    assertEquals("nn", t.tagIndex().tag(t.mostFrequentTag().predict("zebra")), "unseen: the most frequent tag");
    assertFalse(t.solved(t.baseline()), "the baseline does not beat itself");
    assertTrue(t.baselineDescription().contains(String.format(java.util.Locale.ROOT, "%.4f", want.get("accuracy"))));
    assertFalse(t.describe().contains("\n"));
  }

  @Test
  void maxSentencesCutsEverySplitAndTheVocabularyFollows() {
    BrownTaggingTask all = task();
    BrownTaggingTask cut = task("reduced", 1, true, 30);
    for (Split s : Split.values()) {
      assertEquals(all.sentences(s).subList(0, 30), cut.sentences(s));
    }
    Set<String> words = new HashSet<>();
    cut.sentences(Split.TRAIN).forEach(s -> s.words().forEach(w -> words.add(w.toLowerCase(java.util.Locale.ROOT))));
    assertEquals(words.size() + 1, cut.vocabularySize(), "min count 1: every word of the cut training split");
    int n = 0;
    for (Batch b : cut.data().evaluationBatches(Split.VALIDATION, null, Rng.of(1))) {
      n += b.size();
    }
    assertEquals(30, n);
    assertEquals(all.outputSize(), cut.outputSize(), "the tag inventory is the whole corpus's");
  }

  @Test
  void trainingRunsEpochsOverTheTrainingSplitInBatchesOfSimilarLength() {
    BrownTaggingTask t = task();
    int n = t.sentences(Split.TRAIN).size();
    BatchStream s = t.data().training(16, null, Rng.of(5));
    assertEquals((n + 15) / 16, s.batchesPerEpoch());
    int sentences = 0;
    for (int i = 0; i < s.batchesPerEpoch(); i++) {
      Batch b = s.next();
      sentences += b.size();
      int min = java.util.Arrays.stream(b.lengths()).min().orElseThrow();
      assertTrue(b.steps() - min <= 1, "lengths within one of each other: " + java.util.Arrays.toString(b.lengths()));
    }
    assertEquals(n, sentences);
    BatchStream first = t.data().training(16, 40, Rng.of(5));
    assertEquals(3, first.batchesPerEpoch(), "train_size: the first 40 sentences");
  }

  @Test
  void aMissingCorpusNamesTheFetchCommand() {
    org.rnnlab.data.DatasetException e = assertThrows(org.rnnlab.data.DatasetException.class,
        () -> new BrownTaggingTask(new BrownTaggingTask.Config(null, null, null, null, null), tmp.resolve("none")));
    assertTrue(e.getMessage().contains("./rnnlab data fetch brown"), e.getMessage());
  }

  @Test
  void theCorpusAndEachConfigArePreparedOnce() {
    BrownTaggingTask a = task();
    BrownTaggingTask b = task();
    assertSame(a.vocabulary(), b.vocabulary());
    assertSame(a.mostFrequentTag(), b.mostFrequentTag());
    assertArrayEquals(a.data().evaluation(Split.TEST, null, Rng.of(1)).tokens(),
        b.data().evaluation(Split.TEST, null, Rng.of(9)).tokens(), "fixed splits: the stream does not matter");
  }
}
