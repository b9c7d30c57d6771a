package org.rnnlab.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.SequenceNetwork;
import org.rnnlab.data.Split;
import org.rnnlab.data.text.TokenCorpus;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.Trainer;
import org.rnnlab.engine.clip.GradientClip;
import org.rnnlab.engine.optim.OptimizerConfig;
import org.rnnlab.model.ModelShape;
import org.rnnlab.model.RnnModel;
import org.rnnlab.procedure.EvaluationConfig;
import org.rnnlab.procedure.EvaluationSets;
import org.rnnlab.procedure.Trial;
import org.rnnlab.procedure.TrialConfig;
import org.rnnlab.spec.Catalog;

/**
 * Issue 19's memory bounds for the character language model: its training step (embedding lookup,
 * LSTM, softmax over the vocabulary, cross-entropy, BPTT, clipping, Adam) allocates nothing per
 * time step, and its evaluation with the state carried over a long text allocates nothing per
 * segment. Measured with the thread's allocation counter, as GenerationTest does for sampling.
 */
class LanguageModelMemoryTest {
  /** Moby-Dick's 83 characters and the unknown id, as the experiment's model sees them. */
  private static final int SYMBOLS = 84;
  private static final int STREAMS = 32;

  static long allocated(Runnable r) {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
        .getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(id);
    r.run();
    return mx.getThreadAllocatedBytes(id) - before;
  }

  /** The fewest bytes of five runs: a run may count what the JIT or class loading allocates on the thread once. */
  static long fewest(Runnable r) {
    long min = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      min = Math.min(min, allocated(r));
    }
    return min;
  }

  private static void assumeNativeVectorWidth() {
    // At a forced vector width the JDK boxes some Vector API operations of the engine's kernels
    // (see GenerationTest.aModelsStepAllocatesNothingEither): the engine allocates there by design.
    Assumptions.assumeTrue(System.getProperty("rnnlab.test.vectorLength") == null,
        "the Vector API boxes vectors at a forced width");
  }

  /** The experiment's LSTM (experiments/language-model.json's cell and embedding), smaller. */
  private static SequenceModel lstm(int hidden) throws Exception {
    RnnModel m = Catalog.standard().mapper().readValue("{\"cell\": {\"type\": \"lstm\", \"forget_bias\": 1.0}, "
        + "\"hidden_size\": " + hidden + ", \"embedding_dim\": 32}", RnnModel.class);
    return m.build(new ModelShape(0, SYMBOLS, SYMBOLS, ReadoutMode.EVERY_STEP, true), Rng.of(5).child("init"));
  }

  /** T steps of {@value #STREAMS} streams of random characters, each labelled with its successor. */
  private static Batch segment(int steps, Rng rng) {
    int[] text = new int[(steps + 1) * STREAMS];
    for (int i = 0; i < text.length; i++) {
      text[i] = 1 + rng.nextInt(SYMBOLS - 1);
    }
    return Batch.ofTokens(steps, STREAMS, Arrays.copyOf(text, steps * STREAMS), 0, null,
        Batch.fullLengths(steps, STREAMS), null, Arrays.copyOfRange(text, STREAMS, text.length), null);
  }

  @Test
  void aTrainingStepAllocatesNothingPerTimeStep() throws Exception {
    assumeNativeVectorWidth();
    SequenceModel model = lstm(32);
    ObjectMapper json = Catalog.standard().mapper();
    OptimizerConfig adam = json.readValue("{\"type\": \"adam\", \"lr\": 0.002}", OptimizerConfig.class);
    GradientClip clip = json.readValue("{\"type\": \"global_norm\", \"max_norm\": 5.0}", GradientClip.class);
    Trainer trainer = new Trainer(model, adam.create(model.params().size()), clip, 0);
    Rng rng = Rng.of(7);
    Batch b50 = segment(50, rng);
    Batch b100 = segment(100, rng);
    trainer.step(b100, false);
    for (int warm = 0; warm < 20; warm++) {
      trainer.step(b50, true);
      trainer.step(b100, true);
    }
    long at50 = fewest(() -> trainer.step(b50, true));
    long at100 = fewest(() -> trainer.step(b100, true));
    // per time step even one small object per stream would be 50 * 32 * 16 bytes more at T = 100;
    // what a step does allocate is its result (a record, a list, the clipping's stats): constant
    assertTrue(at100 - at50 < 256, "a step of 100 allocated " + at100 + " bytes, of 50 " + at50);
    assertTrue(at100 < 4_096, "a step of 100 allocated " + at100 + " bytes");
  }

  /**
   * A generated text of 83 characters' ids (1..83, 0 the unknown one) with short training and
   * validation parts and a test part of {@code testLength}: the evaluation measured is the test text's.
   */
  private static final class GeneratedText implements TokenCorpus {
    private final int[][] parts = new int[3][];

    GeneratedText(int testLength, long seed) {
      Rng rng = Rng.of(seed);
      int[] lengths = {4_000, 1_000, testLength};
      for (int p = 0; p < 3; p++) {
        parts[p] = new int[lengths[p]];
        int prev = 1;
        for (int i = 0; i < lengths[p]; i++) {
          // a first-order chain: each character has four likely successors (some structure for the n-grams)
          prev = rng.nextInt(4) > 0 ? 1 + (prev * 7 + rng.nextInt(4)) % (SYMBOLS - 1) : 1 + rng.nextInt(SYMBOLS - 1);
          parts[p][i] = prev;
        }
      }
    }

    @Override
    public int symbols() {
      return SYMBOLS;
    }

    @Override
    public int unknownId() {
      return 0;
    }

    @Override
    public int[] encoded(Split split) {
      return parts[split.ordinal()].clone();
    }

    @Override
    public int unknowns(Split split) {
      return 0;
    }

    @Override
    public String symbol(int id) {
      return id == 0 ? "\uFFFD" : String.valueOf((char) (' ' + id));
    }

    @Override
    public String decode(int[] ids) {
      return Arrays.stream(ids).mapToObj(this::symbol).collect(Collectors.joining());
    }

    @Override
    public int[] encode(String text) {
      return text.chars().map(c -> c - ' ').toArray();
    }
  }

  /** The language-model evaluation of the test text, as a trial measures it (16 streams, the experiment's). */
  private static final class Evaluation {
    final EvaluationSets sets;
    final SequenceModel model;

    Evaluation(int testLength) throws Exception {
      TrialConfig c = Catalog.standard().mapper().readValue("""
          {"task": {"type": "language_model", "corpus": "toy", "segment_length": 50, "evaluation_streams": 16},
           "model": {"cell": {"type": "lstm"}, "hidden_size": 16, "embedding_dim": 32},
           "training": {"type": "bptt", "optimizer": {"type": "adam", "lr": 0.002}, "batch_size": 32, "steps": 1},
           "evaluation": {"track": ["test"]}}
          """, TrialConfig.class);
      LanguageModelTask.Config cfg = (LanguageModelTask.Config) c.task();
      LanguageModelTask task = new LanguageModelTask(cfg, new TokenText("generated", new GeneratedText(testLength, 3),
          true));
      assertEquals(testLength, task.text().split(Split.TEST).length);
      sets = new EvaluationSets(new Trial(c, 1, 2), task);
      model = lstm(16);
      model.setTraining(false);
    }

    Map<String, Double> measure() {
      return sets.measure(EvaluationConfig.TEST, new SequenceNetwork(model), 32);
    }
  }

  @Test
  void evaluatingALongTextWithItsStateCarriedAllocatesNothingPerSegment() throws Exception {
    assumeNativeVectorWidth();
    Evaluation shorter = new Evaluation(20_000);
    Evaluation longer = new Evaluation(60_000);
    for (int warm = 0; warm < 3; warm++) { // the n-gram baselines are computed at the first
      shorter.measure();
      longer.measure();
    }
    Map<String, Double> m = longer.measure();
    long shortBytes = fewest(shorter::measure);
    long longBytes = fewest(longer::measure);
    assertTrue(m.get("bpc") > 0 && m.get("bpc") < 8, m.toString());
    assertEquals(m, longer.measure(), "the reused buffers leave the numbers as they were");
    // three times the text, 10 more segments of 250 steps x 16 streams: a per-segment output copy
    // alone (250 x 16 x 84 doubles) would be 2.7 MB each (before the fix: 40.6 MB against 121.9 MB);
    // what a measurement allocates is a few segment-sized buffers and its map, whatever the length
    assertTrue(longBytes - shortBytes < 16_384, "20,000 characters: " + shortBytes + " bytes, 60,000: " + longBytes);
  }
}
