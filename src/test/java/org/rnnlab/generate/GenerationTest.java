package org.rnnlab.generate;

import org.rnnlab.engine.loss.LogSoftmax;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.cell.CellConfig;
import org.rnnlab.engine.cell.ElmanLayer;
import org.rnnlab.engine.cell.GruLayer;
import org.rnnlab.engine.cell.LstmLayer;
import org.rnnlab.engine.init.NormalInit;
import org.rnnlab.engine.init.PyTorchInit;
import org.rnnlab.engine.loss.CrossEntropyLoss;
import org.rnnlab.engine.norm.LayerNorm;

/** Sampling, greedy decoding, beam search and scoring over a language model's step function. */
class GenerationTest {
  /** A language model over {@code vocab} tokens, its readout drawn wide so that its distributions are far from uniform. */
  static ModelStep model(CellConfig cell, int vocab, int hidden, int layers, long seed) {
    SequenceModel m = SequenceModel.builder().embedding(vocab, 4).layers(cell, hidden, layers)
        .readout(vocab, ReadoutMode.EVERY_STEP).loss(new CrossEntropyLoss()).build();
    m.initialize(new PyTorchInit(), new PyTorchInit(), Rng.of(seed).child("init"));
    m.initializeReadout(new NormalInit(2.0), Rng.of(seed).child("readout"));
    m.setTraining(false);
    return new ModelStep(m);
  }

  static ModelStep lstm(int vocab, long seed) {
    return model(new LstmLayer.Config(1.0), vocab, 8, 2, seed);
  }

  static int[][] all(int vocab, int length) {
    int n = (int) Math.pow(vocab, length);
    int[][] out = new int[n][length];
    for (int i = 0; i < n; i++) {
      int x = i;
      for (int k = length - 1; k >= 0; k--) {
        out[i][k] = x % vocab;
        x /= vocab;
      }
    }
    return out;
  }

  static long bits(double x) {
    return Double.doubleToRawLongBits(x);
  }

  @Test
  void beamOfOneIsGreedyDecoding() {
    for (CellConfig c : new CellConfig[] {new ElmanLayer.Config("tanh"), new LstmLayer.Config(1.0),
        new GruLayer.Config(true, new LayerNorm.Config(null, null))}) {
      ModelStep f = model(c, 6, 10, 2, 3);
      int[] prime = {1, 4, 2};
      Generated greedy = new Sampler<>(f).sample(prime, 40, 0.0, -1, null);
      Generated beam = new BeamSearch<>(f, 1).search(prime, 40, -1);
      assertArrayEquals(greedy.tokens(), beam.tokens(), c.toString());
      assertEquals(bits(greedy.logProb()), bits(beam.logProb()));
    }
  }

  @Test
  void anExhaustiveBeamFindsTheMostProbableSequenceOfBruteForce() {
    for (long seed = 1; seed <= 4; seed++) {
      ModelStep f = lstm(3, seed);
      SequenceScorer<SequenceModel.State> scorer = new SequenceScorer<>(f);
      int[] prime = {0};
      int[] best = null;
      double bestLp = Double.NEGATIVE_INFINITY;
      for (int[] s : all(3, 4)) {
        double lp = scorer.logProb(prime, s);
        if (lp > bestLp) {
          bestLp = lp;
          best = s;
        }
      }
      for (int beam : new int[] {27, 81}) {
        Generated g = new BeamSearch<>(f, beam).search(prime, 4, -1);
        assertArrayEquals(best, g.tokens(), "seed " + seed + " beam " + beam);
        assertEquals(bits(bestLp), bits(g.logProb()));
      }
      // a narrow beam finds a sequence at most as probable, and says its own probability truly
      Generated narrow = new BeamSearch<>(f, 2).search(prime, 4, -1);
      assertTrue(narrow.logProb() <= bestLp);
      assertEquals(bits(scorer.logProb(prime, narrow.tokens())), bits(narrow.logProb()));
    }
  }

  @Test
  void withAnEndSymbolTheExhaustiveBeamFindsTheBestSequenceOfAnyLength() {
    int end = 2;
    boolean someEnded = false;
    for (long seed = 1; seed <= 8; seed++) {
      ModelStep f = lstm(3, seed);
      SequenceScorer<SequenceModel.State> scorer = new SequenceScorer<>(f);
      int[] prime = {1};
      int[] best = null;
      double bestLp = Double.NEGATIVE_INFINITY;
      // every output: up to 3 tokens other than the end symbol then the end symbol, or 4 such tokens
      for (int len = 0; len <= 4; len++) {
        for (int[] body : all(2, len)) {
          int[] s = len < 4 ? Arrays.copyOf(body, len + 1) : body;
          if (len < 4) {
            s[len] = end;
          }
          double lp = scorer.logProb(prime, s);
          if (lp > bestLp) {
            bestLp = lp;
            best = s;
          }
        }
      }
      Generated g = new BeamSearch<>(f, 8).search(prime, 4, end);
      assertArrayEquals(best, g.tokens(), "seed " + seed);
      assertEquals(bits(bestLp), bits(g.logProb()));
      someEnded |= best.length < 4;
    }
    assertTrue(someEnded, "some toy model prefers to stop early: the end symbol is exercised");
  }

  @Test
  void theReportedLogProbabilityIsTheScorers() {
    ModelStep f = model(new GruLayer.Config(true), 9, 12, 2, 7);
    SequenceScorer<SequenceModel.State> scorer = new SequenceScorer<>(f);
    int[] prime = {3, 3, 8};
    for (double t : new double[] {0.0, 0.5, 1.0, 2.0}) {
      Generated s = new Sampler<>(f).sample(prime, 50, t, -1, Rng.of(9));
      assertEquals(50, s.tokens().length);
      assertEquals(bits(scorer.logProb(prime, s.tokens())), bits(s.logProb()), "T = " + t);
    }
    for (int b : new int[] {2, 5}) {
      Generated g = new BeamSearch<>(f, b).search(prime, 30, 4);
      assertEquals(bits(scorer.logProb(prime, g.tokens())), bits(g.logProb()), "beam " + b);
    }
  }

  @Test
  void theScoreIsTheNegatedSummedCrossEntropyOfTheModel() {
    ModelStep f = lstm(5, 2);
    int[] text = {0, 3, 1, 4, 4, 2, 0, 1, 3, 2, 2};
    int n = text.length - 1;
    int[] in = Arrays.copyOf(text, n);
    int[] labels = Arrays.copyOfRange(text, 1, text.length);
    Batch b = Batch.ofTokens(n, 1, in, 0, null, new int[] {n}, null, labels, null);
    double loss = f.model().loss(b, f.model().predict(b, 1));
    double score = new SequenceScorer<>(f).logProb(new int[] {text[0]}, labels);
    assertEquals(bits(loss), bits(-score / n));
  }

  @Test
  void theSameSeedAndArgumentsGiveTheSameSamples() {
    ModelStep f = lstm(6, 4);
    int[] prime = {5};
    Generated a = new Sampler<>(f).sample(prime, 200, 0.9, -1, Rng.of(42));
    Generated b = new Sampler<>(lstm(6, 4)).sample(prime, 200, 0.9, -1, Rng.of(42));
    assertArrayEquals(a.tokens(), b.tokens());
    assertEquals(bits(a.logProb()), bits(b.logProb()));
    Generated c = new Sampler<>(f).sample(prime, 200, 0.9, -1, Rng.of(43));
    assertFalse(Arrays.equals(a.tokens(), c.tokens()), "another seed, another sample");
  }

  @Test
  void aTemperatureNearZeroIsGreedy() {
    ModelStep f = model(new ElmanLayer.Config("tanh"), 8, 10, 2, 5);
    int[] prime = {2, 7};
    Generated greedy = new Sampler<>(f).sample(prime, 100, 0.0, -1, null);
    for (long seed = 0; seed < 3; seed++) {
      assertArrayEquals(greedy.tokens(), new Sampler<>(f).sample(prime, 100, 1e-12, -1, Rng.of(seed)).tokens());
    }
    assertFalse(Arrays.equals(greedy.tokens(), new Sampler<>(f).sample(prime, 100, 1.0, -1, Rng.of(0)).tokens()));
  }

  @Test
  void frequenciesAtTemperatureOneMatchTheModelsDistribution() {
    ModelStep f = lstm(4, 6);
    int[] prime = {1, 2};
    double[] lp = new double[4];
    SequenceScorer<SequenceModel.State> scorer = new SequenceScorer<>(f);
    for (int c = 0; c < 4; c++) {
      lp[c] = scorer.logProb(prime, new int[] {c});
    }
    Sampler<SequenceModel.State> s = new Sampler<>(f);
    Rng rng = Rng.of(2024);
    int n = 20_000;
    int[] count = new int[4];
    for (int i = 0; i < n; i++) {
      count[s.sample(prime, 1, 1.0, -1, rng).tokens()[0]]++;
    }
    double chi2 = 0.0;
    for (int c = 0; c < 4; c++) {
      double e = n * Math.exp(lp[c]);
      assertTrue(e > 50, "every token expected often enough for the chi-square bound: " + Arrays.toString(lp));
      chi2 += (count[c] - e) * (count[c] - e) / e;
    }
    // 3 degrees of freedom: P(chi2 > 16.27) = 0.001
    assertTrue(chi2 < 16.27, "chi2 " + chi2 + " counts " + Arrays.toString(count) + " lp " + Arrays.toString(lp));
  }

  /** A first-order Markov chain as a step function: the state is the last token, in plain Java (no Vector API). */
  static final class MarkovStep implements StepFunction<int[]> {
    final double[][] logP;

    MarkovStep(int vocab, long seed) {
      Rng r = Rng.of(seed);
      logP = new double[vocab][vocab];
      for (double[] row : logP) {
        for (int i = 0; i < vocab; i++) {
          row[i] = 2 * r.gaussian();
        }
        LogSoftmax.inPlace(row, 1, vocab);
      }
    }

    @Override
    public int vocabulary() {
      return logP.length;
    }

    @Override
    public int[] newStates(int rows) {
      return new int[rows];
    }

    @Override
    public void start(int[] states, int row) {
      states[row] = 0;
    }

    @Override
    public void copyRow(int[] src, int from, int[] dst, int to) {
      dst[to] = src[from];
    }

    @Override
    public void advance(int[] states, int rows, int[] tokens, int position, double[] logProbs) {
      for (int r = 0; r < rows; r++) {
        states[r] = tokens[r];
        System.arraycopy(logP[tokens[r]], 0, logProbs, r * logP.length, logP.length);
      }
    }
  }

  static long allocated(Runnable r) {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
        .getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(id);
    r.run();
    return mx.getThreadAllocatedBytes(id) - before;
  }

  /** Beam search (10 wide) and sampling of 10,000 tokens allocate their output and back-pointer table only. */
  static <S> void assertBoundedMemory(StepFunction<S> f) {
    BeamSearch<S> beam = new BeamSearch<>(f, 10);
    Sampler<S> sampler = new Sampler<>(f);
    int[] prime = {1};
    for (int warm = 0; warm < 3; warm++) {
      beam.search(prime, 10_000, -1);
      sampler.sample(prime, 10_000, 0.8, -1, Rng.of(1));
    }
    long beamBytes = allocated(() -> assertEquals(10_000, beam.search(prime, 10_000, -1).tokens().length));
    long sampleBytes = allocated(() -> assertEquals(10_000, sampler.sample(prime, 10_000, 0.8, -1, Rng.of(1))
        .tokens().length));
    // beam: the back-pointer table (2 ints per step and row) and the output; sampling: the output
    long table = 2L * 4 * 10_000 * 10;
    assertTrue(beamBytes < table + 2 * 4 * 10_000 + 64_000, "beam search allocated " + beamBytes + " bytes");
    assertTrue(sampleBytes < 4 * 10_000 + 64_000, "sampling allocated " + sampleBytes + " bytes");
  }

  @Test
  void generationAllocatesNothingPerStep() {
    assertBoundedMemory(new MarkovStep(20, 3));
  }

  @Test
  void aModelsStepAllocatesNothingEither() {
    // At a vector width forced below the machine's (the surefire runs with -XX:MaxVectorSize), the JDK
    // does not compile every Vector API operation of the engine's kernels to registers and boxes some
    // vectors (measured: 2 KB to 200 KB per step): the engine allocates there, not generation.
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("rnnlab.test.vectorLength") == null,
        "the Vector API boxes vectors at a forced width");
    assertBoundedMemory(model(new LstmLayer.Config(1.0), 20, 16, 1, 1));
  }

  @Test
  void onAMarkovChainTheExhaustiveBeamIsBruteForceToo() {
    MarkovStep f = new MarkovStep(4, 9);
    SequenceScorer<int[]> scorer = new SequenceScorer<>(f);
    int[] best = null;
    double bestLp = Double.NEGATIVE_INFINITY;
    for (int[] s : all(4, 5)) {
      double lp = scorer.logProb(new int[] {2}, s);
      if (lp > bestLp) {
        bestLp = lp;
        best = s;
      }
    }
    Generated g = new BeamSearch<>(f, 256).search(new int[] {2}, 5, -1);
    assertArrayEquals(best, g.tokens());
    assertEquals(bits(bestLp), bits(g.logProb()));
  }

  @Test
  void badArgumentsAreRefusedInOneLine() {
    ModelStep f = lstm(4, 1);
    Sampler<SequenceModel.State> s = new Sampler<>(f);
    assertEquals("temperature must be finite and >= 0, got -0.5",
        assertThrows(IllegalArgumentException.class, () -> s.sample(new int[] {1}, 3, -0.5, -1, Rng.of(1))).getMessage());
    assertEquals("length must be >= 0, got -1",
        assertThrows(IllegalArgumentException.class, () -> s.sample(new int[] {1}, -1, 1.0, -1, Rng.of(1))).getMessage());
    assertEquals("beam width must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new BeamSearch<>(f, 0)).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> s.sample(new int[0], 3, 1.0, -1, Rng.of(1)))
        .getMessage().startsWith("generation needs a prime"));
    assertEquals("prime token 4 at position 1 outside the vocabulary 0..3",
        assertThrows(IllegalArgumentException.class, () -> s.sample(new int[] {0, 4}, 3, 1.0, -1, Rng.of(1))).getMessage());
  }
}
