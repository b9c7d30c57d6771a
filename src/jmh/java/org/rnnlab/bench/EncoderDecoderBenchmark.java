package org.rnnlab.bench;

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
import org.rnnlab.engine.Params;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.cell.LstmLayer;
import org.rnnlab.engine.optim.Adam;
import org.rnnlab.engine.optim.Optimizer;
import org.rnnlab.engine.seq2seq.EncoderDecoder;
import org.rnnlab.engine.seq2seq.PairBatch;
import org.rnnlab.generate.BeamSearch;
import org.rnnlab.generate.DecoderStep;
import org.rnnlab.generate.Generated;

/**
 * Issue 20's speed, one thread: an LSTM encoder–decoder (one layer each of {@value #HIDDEN} units,
 * embeddings {@value #DIM}, source and target vocabularies {@value #VOCAB}, the encoder's state
 * passed directly to the decoder), without attention and with additive attention of
 * {@value #HIDDEN} units ({@code attention} = 0 or 128), on random pairs of source and target
 * length {@value #LENGTH}.
 * <ul>
 *   <li>{@code train}: one update on a batch of {@value #BATCH} pairs, as the seq2seq procedure
 *       makes it under teacher forcing: {@link EncoderDecoder#teacherForcing}, zeroed gradients,
 *       {@link EncoderDecoder#forwardBackward}, an Adam step (lr 1e-3). Score: target tokens per
 *       second ({@value #BATCH} x {@value #LENGTH} per update).</li>
 *   <li>{@code greedy}: {@link EncoderDecoder#greedyDecode} of a batch of {@value #BATCH} sources
 *       (one encoder pass, then {@value #LENGTH} batched decoder steps), in evaluation mode.
 *       Score: output tokens per second.</li>
 *   <li>{@code beam5}: beam search of width 5 over one source,
 *       {@code new BeamSearch<>(new DecoderStep(model, source), 5)} (encoding the source included),
 *       the next of {@value #BATCH} sources each time. Score: output tokens per second.</li>
 * </ul>
 * Random weights (PyTorch's default initialisation): speed does not depend on them, except for
 * when outputs end. So that every output has exactly {@value #LENGTH} tokens (the operation count
 * is fixed), the decoding models' readout bias of END is -1000: END is never chosen.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Threads(1)
@State(Scope.Thread)
public class EncoderDecoderBenchmark {
  static final int HIDDEN = 128;
  static final int DIM = 32;
  static final int VOCAB = 40;
  static final int BATCH = 32;
  static final int LENGTH = 20;
  static final int BEAM = 5;
  /** Training batches cycled through (fixed ragged-free random pairs). */
  static final int BATCHES = 4;

  @Param({"0", "128"})
  public int attention;

  private EncoderDecoder trained;
  private Optimizer adam;
  private PairBatch[] batches;
  private int[] fed;
  private int next;

  private EncoderDecoder decoder;
  private int[] sources;        // [LENGTH][BATCH], time-major
  private int[] lengths;
  private int[][] single;       // each source alone, for the beam
  private int nextSource;
  private final int[] prime = {PairBatch.START};

  private EncoderDecoder model(long seed) {
    LstmLayer.Config lstm = new LstmLayer.Config(1.0);
    EncoderDecoder m = EncoderDecoder.builder().source(VOCAB, DIM).target(VOCAB, DIM)
        .encoder(lstm, HIDDEN, 1, false).decoder(lstm, HIDDEN, 1).attention(attention).build();
    m.initialize(Rng.of(seed).child("init"));
    return m;
  }

  @Setup
  public void setup() {
    Rng data = Rng.of(2).child("data");
    batches = new PairBatch[BATCHES];
    for (int i = 0; i < BATCHES; i++) {
      batches[i] = pairs(data);
    }
    trained = model(1);
    adam = new Adam(1e-3, null, null, null).create(trained.params().size());
    fed = new int[LENGTH * BATCH];
    next = 0;

    decoder = model(3);
    decoder.setTraining(false);
    Params p = decoder.params();
    p.values()[p.get("readout.bias").offset() + PairBatch.END] = -1000.0;
    p.markChanged();
    sources = batches[0].source();
    lengths = batches[0].sourceLengths();
    single = new int[BATCH][LENGTH];
    for (int b = 0; b < BATCH; b++) {
      for (int t = 0; t < LENGTH; t++) {
        single[b][t] = sources[t * BATCH + b];
      }
    }
    nextSource = 0;
    // the operation counts hold only if no output ends early
    for (int[] out : greedy()) {
      if (out.length != LENGTH) {
        throw new IllegalStateException("greedy output of " + out.length + " tokens, expected " + LENGTH);
      }
    }
    int beamed = beam5().tokens().length;
    nextSource = 0;
    if (beamed != LENGTH) {
      throw new IllegalStateException("beam output of " + beamed + " tokens, expected " + LENGTH);
    }
  }

  /** {@value #BATCH} random pairs of {@value #LENGTH} tokens each (targets: ids 2.. then END). */
  static PairBatch pairs(Rng r) {
    int[] src = new int[LENGTH * BATCH];
    int[] tgt = new int[LENGTH * BATCH];
    for (int t = 0; t < LENGTH; t++) {
      for (int b = 0; b < BATCH; b++) {
        src[t * BATCH + b] = r.nextInt(VOCAB);
        tgt[t * BATCH + b] = t == LENGTH - 1 ? PairBatch.END : 2 + r.nextInt(VOCAB - 2);
      }
    }
    int[] len = new int[BATCH];
    java.util.Arrays.fill(len, LENGTH);
    return new PairBatch(BATCH, LENGTH, src, len, LENGTH, tgt, len.clone());
  }

  /** One teacher-forced update: fed tokens, forward and backward, Adam. Returns the loss. */
  @Benchmark
  @OperationsPerInvocation(BATCH * LENGTH)
  public double train() {
    PairBatch b = batches[next];
    next = (next + 1) % BATCHES;
    EncoderDecoder.teacherForcing(b, fed);
    Params p = trained.params();
    p.zeroGrads();
    double loss = trained.forwardBackward(b, fed);
    adam.step(p.values(), p.grads());
    p.markChanged();
    return loss;
  }

  /** Greedy decoding of {@value #BATCH} sources, {@value #LENGTH} tokens each. */
  @Benchmark
  @OperationsPerInvocation(BATCH * LENGTH)
  public int[][] greedy() {
    return decoder.greedyDecode(sources, lengths, LENGTH);
  }

  /** Beam search (width 5) of one source, {@value #LENGTH} tokens. */
  @Benchmark
  @OperationsPerInvocation(LENGTH)
  public Generated beam5() {
    int[] s = single[nextSource];
    nextSource = (nextSource + 1) % BATCH;
    return new BeamSearch<>(new DecoderStep(decoder, s), BEAM).search(prime, LENGTH, PairBatch.END);
  }
}
