package org.rnnlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.rnnlab.engine.StepResult;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.Trainer;
import org.rnnlab.engine.clip.NoClip;
import org.rnnlab.model.ModelShape;
import org.rnnlab.model.SequenceModelConfig;
import org.rnnlab.procedure.ProcedureConfig;
import org.rnnlab.procedure.bptt.BpttTraining;
import org.rnnlab.spec.Catalog;

/**
 * Issue 19's training speed: one truncated-BPTT update of the character language model of
 * {@code experiments/language-model.json}, one thread. The model, optimiser and clipping are read
 * from that spec's base ({@code model}, {@code training}: the LSTM variant, embedding 32, Adam,
 * global-norm clipping) and built as a trial builds them, with {@code hidden_size} replaced by the
 * parameter; the vocabulary is Moby-Dick's {@value #SYMBOLS} ids (83 characters and the unknown
 * one). An operation is {@code Trainer.step(segment, continues = true)}: embedding lookup, the
 * LSTM over {@value #SEGMENT} steps of {@value #STREAMS} streams from the state the previous
 * segment ended in, the softmax readout and cross-entropy at every step, BPTT to the segment's
 * start, clipping and the Adam update. The data are random characters from a seeded stream, cut
 * as the task cuts a text (eight consecutive segments, cycled). The score is characters
 * (sequence-steps, streams x steps) per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(LanguageModelBenchmark.STREAMS * LanguageModelBenchmark.SEGMENT)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Threads(1)
@State(Scope.Thread)
public class LanguageModelBenchmark {
  /** The spec the benchmark measures (read relative to the project directory, where `make bench` runs). */
  static final Path SPEC = Path.of("experiments", "language-model.json");
  /** Moby-Dick's 83 characters and the unknown id: the experiment's softmax size. */
  static final int SYMBOLS = 84;
  /** The spec's training.batch_size (checked at setup). */
  static final int STREAMS = 32;
  /** The spec's task.segment_length (checked at setup). */
  static final int SEGMENT = 50;
  static final int SEGMENTS = 8;

  @Param({"128", "512"})
  public int hidden;

  private Trainer trainer;
  private Batch[] segments;
  private int next;

  @Setup
  public void setup() throws IOException {
    ObjectMapper json = Catalog.standard().mapper();
    JsonNode spec = json.readTree(SPEC.toFile());
    BpttTraining training = (BpttTraining) json.treeToValue(spec.path("training"), ProcedureConfig.class);
    int segment = spec.path("task").path("segment_length").asInt();
    if (training.batchSize() != STREAMS || segment != SEGMENT || training.truncation() != null) {
      throw new IllegalStateException(SPEC + " now trains " + training.batchSize() + " streams of segments of "
          + segment + " (truncation " + training.truncation() + "); this benchmark measures " + STREAMS + " x "
          + SEGMENT + " with full BPTT over a segment: update its constants");
    }
    ObjectNode modelNode = spec.path("model").deepCopy();
    modelNode.put("hidden_size", hidden);
    SequenceModelConfig config = json.treeToValue(modelNode, SequenceModelConfig.class);
    SequenceModel model = config.build(new ModelShape(0, SYMBOLS, SYMBOLS, ReadoutMode.EVERY_STEP, true),
        Rng.of(1).child("init"));
    trainer = new Trainer(model, training.optimizer().create(model.params().size()),
        training.clipping() == null ? new NoClip() : training.clipping(), 0);
    segments = segments(Rng.of(2).child("data"));
    trainer.step(segments[0], false);
    next = 1;
  }

  /** {@value #SEGMENTS} consecutive segments of {@value #STREAMS} streams of random characters (ids 1..83). */
  static Batch[] segments(Rng rng) {
    int perStream = SEGMENTS * SEGMENT + 1;
    int[] text = new int[STREAMS * perStream];
    for (int i = 0; i < text.length; i++) {
      text[i] = 1 + rng.nextInt(SYMBOLS - 1);
    }
    Batch[] out = new Batch[SEGMENTS];
    for (int j = 0; j < SEGMENTS; j++) {
      int[] in = new int[SEGMENT * STREAMS];
      int[] labels = new int[SEGMENT * STREAMS];
      for (int t = 0; t < SEGMENT; t++) {
        for (int s = 0; s < STREAMS; s++) {
          int p = s * perStream + j * SEGMENT + t;
          in[t * STREAMS + s] = text[p];
          labels[t * STREAMS + s] = text[p + 1];
        }
      }
      out[j] = Batch.ofTokens(SEGMENT, STREAMS, in, 0, null, Batch.fullLengths(SEGMENT, STREAMS), null, labels, null);
    }
    return out;
  }

  /** One update on the next segment, the state carried over from the previous one. */
  @Benchmark
  public StepResult train() {
    Batch b = segments[next];
    next = (next + 1) % SEGMENTS;
    return trainer.step(b, true);
  }
}
