package org.rnnlab.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.data.Split;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.Trainer;
import org.rnnlab.engine.clip.NoClip;
import org.rnnlab.engine.optim.Sgd;
import org.rnnlab.model.ModelShape;
import org.rnnlab.model.RnnModel;
import org.rnnlab.procedure.TrialConfig;
import org.rnnlab.spec.Catalog;

/**
 * The language-model task on the seed's toy text: its split and vocabulary, the parallel streams of
 * truncated BPTT, evaluation with the state carried across segments (the same bits as one long
 * pass), and a trained model beating the unigram baseline.
 */
class LanguageModelTaskTest {
  private static LanguageModelTask task(int segment, int evalStreams) {
    return (LanguageModelTask) new LanguageModelTask.Config("toy", segment, evalStreams, null).create();
  }

  private static SequenceModel model(LanguageModelTask task, String cell) {
    try {
      RnnModel m = Catalog.standard().mapper().readValue(
          "{\"cell\": {\"type\": \"" + cell + "\"}, \"hidden_size\": 6, \"embedding_dim\": 3}", RnnModel.class);
      return m.build(ModelShape.of(task), Rng.of(5));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theToyTextIsTheSeedsLexiconSplitByPosition() {
    LanguageModelTask t = task(5, 1);
    TokenText x = t.text();
    assertEquals(4, x.vocabularySize(), "the four words of the seed's lexicon");
    assertEquals(List.of("the", "cat", "chased", "mouse"), List.of(x.symbol(0), x.symbol(1), x.symbol(2), x.symbol(3)));
    assertEquals(180, x.split(Split.TRAIN).length);
    assertEquals(10, x.split(Split.VALIDATION).length);
    assertEquals(10, x.split(Split.TEST).length);
    assertEquals(4, t.outputSize());
    assertEquals(List.of("bpc", "perplexity", "unigram_bpc", "kn3_bpc", "kn5_bpc", "kn7_bpc"),
        new LanguageModelTask.Config("toy", 5, 1, null).metricNames());
    assertEquals(" cat chased", x.codec().decode(x.codec().encode("cat chased")));
  }

  @Test
  void theStreamsCoverEveryPositionOncePerPassAndCarryTheirState() {
    int[] text = task(7, 1).text().split(Split.TRAIN);
    LanguageModelTask.Streams s = new LanguageModelTask.Streams(text, 4, 7);
    int per = text.length / 4;
    List<Boolean> continues = new ArrayList<>();
    int[][] seen = new int[4][per - 1];
    for (int j = 0; j < s.batchesPerEpoch(); j++) {
      Batch b = s.next();
      continues.add(s.continuesPrevious());
      for (int t = 0; t < b.steps(); t++) {
        for (int i = 0; i < 4; i++) {
          int pos = j * 7 + t;
          assertEquals(text[i * per + pos], b.tokens()[t * 4 + i]);
          assertEquals(text[i * per + pos + 1], b.labels()[t * 4 + i], "the target is the next token");
          seen[i][pos]++;
        }
      }
    }
    for (int[] stream : seen) {
      for (int c : stream) {
        assertEquals(1, c);
      }
    }
    assertFalse(continues.get(0));
    assertTrue(continues.subList(1, continues.size()).stream().allMatch(c -> c));
    s.next();
    assertFalse(s.continuesPrevious(), "a new pass starts from a zero state");
  }

  @Test
  void carriedEvaluationEqualsOneLongPassBitForBit() {
    LanguageModelTask t = task(5, 1);
    for (String cell : List.of("elman", "lstm", "gru")) {
      SequenceModel m = model(t, cell);
      m.setTraining(false);
      int[] train = t.text().split(Split.TRAIN);
      LanguageModelTask.Streams whole = new LanguageModelTask.Streams(train, 1, train.length);
      double[] once = m.predict(whole.segment(0), 1);
      LanguageModelTask.Streams parts = new LanguageModelTask.Streams(train, 1, 13);
      SequenceModel.State st = m.zeroState(1);
      double[] joined = new double[once.length];
      int at = 0;
      for (int j = 0; j < parts.batchesPerEpoch(); j++) {
        double[] o = m.predict(parts.segment(j), st, st);
        System.arraycopy(o, 0, joined, at, o.length);
        at += o.length;
      }
      assertEquals(once.length, at);
      assertArrayEquals(once, joined, 0.0, cell);
    }
  }

  @Test
  void aContinuingSegmentStartsFromTheStateThePreviousOneEnded() {
    LanguageModelTask t = task(6, 1);
    int[] train = t.text().split(Split.TRAIN);
    LanguageModelTask.Streams s = new LanguageModelTask.Streams(train, 3, 6);
    Batch first = s.next();
    Batch second = s.next();
    SequenceModel reference = model(t, "lstm");
    SequenceModel.State st = reference.zeroState(3);
    reference.predict(first, st, st);
    double[] out = reference.predict(second, st, null);
    double expected = reference.loss(second, out);
    SequenceModel trained = model(t, "lstm");
    // a learning rate far below every weight's last bit: the weights stay, bit for bit
    Trainer trainer = new Trainer(trained, new Sgd(1e-300, null, null, null, null).create(trained.params().size()),
        new NoClip(), 0);
    trainer.step(first, false);
    assertEquals(expected, trainer.step(second, true).loss(), 0.0);
    assertTrue(trainer.step(second, false).loss() != expected, "without the carry, another loss");
  }

  @Test
  void aTrainedLstmBeatsTheUnigramBaselineOnTheToyText() throws Exception {
    TrialConfig c = Catalog.standard().mapper().readValue("""
        {"task": {"type": "language_model", "corpus": "toy", "segment_length": 10},
         "model": {"cell": {"type": "lstm"}, "hidden_size": 8, "embedding_dim": 4},
         "training": {"type": "bptt", "optimizer": {"type": "adam", "lr": 0.05}, "batch_size": 4, "steps": 150},
         "evaluation": {"every": 50, "track": ["validation"]}}
        """, TrialConfig.class);
    assertEquals(List.of(), c.check());
    org.rnnlab.procedure.RecordingRecorder r = new org.rnnlab.procedure.RecordingRecorder();
    c.training().create().run(new org.rnnlab.procedure.Trial(c, 1, 2), r);
    double baseline = c.task().create().baseline().get(LanguageModelTask.BPC);
    assertTrue(r.metrics.get("bpc") < baseline / 2, r.metrics + " against the unigram's " + baseline);
    assertTrue(r.metrics.get("bpc") < r.metrics.get("kn3_bpc"), "the LSTM sees further back than a 3-gram");
    assertEquals(Math.pow(2, r.metrics.get("bpc")), r.metrics.get("perplexity"), 1e-12);
    assertEquals(r.metrics.get("loss") / Math.log(2), r.metrics.get("bpc"), 1e-12);
  }
}
