package org.rnnlab.engine.seq2seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnlab.engine.seq2seq.Seq2SeqFixtures.GRU;
import static org.rnnlab.engine.seq2seq.Seq2SeqFixtures.LSTM;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.engine.Params.Param;
import org.rnnlab.engine.Rng;
import org.rnnlab.generate.BeamSearch;
import org.rnnlab.generate.DecoderStep;
import org.rnnlab.generate.Generated;
import org.rnnlab.generate.SequenceScorer;

/**
 * The step path against the sequence path, greedy and beam decoding against brute force and against
 * the model's teacher-forced scoring, determinism, and no allocation in the decoder's step loop.
 */
class EncoderDecoderDecodingTest {
  static final int VS = 5;

  static Stream<EncoderDecoder.Builder> models() {
    return Stream.of(
        EncoderDecoder.builder().source(VS, 3).target(4, 3).encoder(LSTM, 9, 1, false).decoder(LSTM, 9, 1),
        EncoderDecoder.builder().source(VS, 3).target(4, 3).encoder(LSTM, 9, 2, false).decoder(LSTM, 9, 2)
            .attention(5).contextEveryStep(true),
        EncoderDecoder.builder().source(VS, 3).target(4, 2).encoder(GRU, 5, 1, true).decoder(GRU, 17, 1)
            .attention(4));
  }

  /** Pair {@code i} of {@code b} alone, its source and target cut to their lengths. */
  static PairBatch single(PairBatch b, int i) {
    int sl = b.sourceLengths()[i];
    int tl = b.targetLengths()[i];
    int[] s = new int[sl];
    int[] t = new int[tl];
    for (int k = 0; k < sl; k++) {
      s[k] = b.source(k, i);
    }
    for (int k = 0; k < tl; k++) {
      t[k] = b.target(k, i);
    }
    return new PairBatch(1, sl, s, new int[] {sl}, tl, t, new int[] {tl});
  }

  @ParameterizedTest
  @MethodSource("models")
  void teacherForcedLossIsTheSumOfTheStepFunctionsLogProbabilities(EncoderDecoder.Builder spec) {
    EncoderDecoder m = Seq2SeqFixtures.init(spec.build(), 11);
    PairBatch b = Seq2SeqFixtures.batch(11, 4, 5, VS, 5, 4);
    double sum = 0.0;
    for (int i = 0; i < b.size(); i++) {
      PairBatch one = single(b, i);
      double lp = new SequenceScorer<>(new DecoderStep(m, one.source())).logProb(new int[] {PairBatch.START},
          one.target());
      // one pair: the same terms in the same order, so exactly equal
      assertEquals(-lp / one.targetTokens(), m.loss(one, Seq2SeqFixtures.teacherForced(one)), 0.0, "pair " + i);
      sum += -lp;
    }
    // the batch sums the same terms interleaved across pairs: equal up to rounding
    double batchLoss = m.loss(b, Seq2SeqFixtures.teacherForced(b));
    assertEquals(sum / b.targetTokens(), batchLoss, 1e-13 * batchLoss);
  }

  /** Every sequence a beam search with end symbol END and at most {@code max} tokens can return. */
  static List<int[]> candidates(int v, int max) {
    List<int[]> out = new ArrayList<>();
    List<int[]> prefixes = List.of(new int[0]);
    for (int len = 1; len <= max; len++) {
      List<int[]> next = new ArrayList<>();
      for (int[] p : prefixes) {
        int[] done = Arrays.copyOf(p, len);
        done[len - 1] = PairBatch.END;
        out.add(done);
        for (int c = 0; c < v; c++) {
          if (c != PairBatch.END) {
            int[] q = Arrays.copyOf(p, len);
            q[len - 1] = c;
            next.add(q);
          }
        }
      }
      prefixes = next;
    }
    out.addAll(prefixes); // the maximum length reached without END
    return out;
  }

  @ParameterizedTest
  @MethodSource("models")
  void anExhaustiveBeamFindsTheBruteForceBestAndScoresItAsTeacherForcingDoes(EncoderDecoder.Builder spec) {
    EncoderDecoder m = Seq2SeqFixtures.init(spec.build(), 12);
    Rng r = Rng.of(12);
    List<int[]> all = candidates(4, 3);
    assertEquals(1 + 3 + 9 + 27, all.size());  // 1 + 3 + 9 ending in END, 27 of length 3 without
    for (int n = 0; n < 6; n++) {
      int[] src = new int[1 + r.nextInt(5)];
      for (int k = 0; k < src.length; k++) {
        src[k] = r.nextInt(VS);
      }
      DecoderStep f = new DecoderStep(m, src);
      SequenceScorer<double[][][]> scorer = new SequenceScorer<>(f);
      int[] best = null;
      double bestLp = Double.NEGATIVE_INFINITY;
      for (int[] c : all) {
        double lp = scorer.logProb(new int[] {PairBatch.START}, c);
        if (lp > bestLp) {
          bestLp = lp;
          best = c;
        }
      }
      Generated g = new BeamSearch<>(f, 9).search(new int[] {PairBatch.START}, 3, PairBatch.END);
      assertArrayEquals(best, g.tokens(), "source " + Arrays.toString(src));
      assertEquals(bestLp, g.logProb(), 0.0);
      int len = g.tokens().length;
      if (g.tokens()[len - 1] == PairBatch.END) {
        PairBatch one = new PairBatch(1, src.length, src, new int[] {src.length}, len, g.tokens(), new int[] {len});
        assertEquals(-g.logProb() / len, m.loss(one, Seq2SeqFixtures.teacherForced(one)), 0.0);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void aBeamOfOneFollowsTheGreedyBatchDecoding(EncoderDecoder.Builder spec) {
    EncoderDecoder m = Seq2SeqFixtures.init(spec.build(), 13);
    PairBatch b = Seq2SeqFixtures.batch(13, 6, 5, VS, 2, 4);
    int max = 7;
    int[][] greedy = m.greedyDecode(b.source(), b.sourceLengths(), max);
    for (int i = 0; i < b.size(); i++) {
      int[] src = single(b, i).source();
      DecoderStep f = new DecoderStep(m, src);
      SequenceScorer<double[][][]> scorer = new SequenceScorer<>(f);
      int[] g = greedy[i];
      assertTrue(g.length == max || g[g.length - 1] == PairBatch.END, "greedy stops at END or the maximum length");
      // the beam of one walks greedy's path; it returns the best hypothesis finished on that path (greedy's
      // own output, or an earlier END that scored higher), or the path itself if it reached max unfinished
      int[] expected = null;
      double expectedLp = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < g.length; k++) {
        int[] done = Arrays.copyOf(g, k + 1);
        done[k] = PairBatch.END;
        double lp = scorer.logProb(new int[] {PairBatch.START}, done);
        if (lp > expectedLp) {
          expectedLp = lp;
          expected = done;
        }
        if (g[k] == PairBatch.END) {
          break;
        }
      }
      if (g[g.length - 1] != PairBatch.END) {
        double lp = scorer.logProb(new int[] {PairBatch.START}, g);
        if (lp > expectedLp) {
          expected = g;
        }
      }
      Generated one = new BeamSearch<>(f, 1).search(new int[] {PairBatch.START}, max, PairBatch.END);
      assertArrayEquals(expected, one.tokens(), "pair " + i + ", greedy " + Arrays.toString(g));
    }
  }

  @Test
  void twoBuildsFromOneSeedAreBitIdentical() {
    PairBatch b = Seq2SeqFixtures.batch(14, 4, 5, VS, 5, 6);
    double[][] grads = new double[2][];
    double[] loss = new double[2];
    double[][] values = new double[2][];
    int[][][] decoded = new int[2][][];
    for (int k = 0; k < 2; k++) {
      EncoderDecoder m = EncoderDecoder.builder().source(VS, 3).target(6, 4).encoder(LSTM, 9, 2, true)
          .decoder(LSTM, 9, 1).attention(5).contextEveryStep(true).build();
      m.initialize(Rng.of(14));
      values[k] = m.params().values().clone();
      loss[k] = m.forwardBackward(b, Seq2SeqFixtures.teacherForced(b));
      grads[k] = m.params().grads().clone();
      decoded[k] = m.greedyDecode(b.source(), b.sourceLengths(), 8);
    }
    assertArrayEquals(values[0], values[1], 0.0);
    assertEquals(loss[0], loss[1], 0.0);
    assertArrayEquals(grads[0], grads[1], 0.0);
    assertTrue(Arrays.deepEquals(decoded[0], decoded[1]));
    assertTrue(Arrays.stream(values[0]).allMatch(Double::isFinite));
  }

  @Test
  void parameterNamesAreThoseOfTheTorchModule() {
    EncoderDecoder m = EncoderDecoder.builder().source(VS, 3).target(6, 4).encoder(LSTM, 9, 1, true)
        .decoder(LSTM, 9, 2).attention(5).build();
    List<String> names = m.params().list().stream().map(Param::name).toList();
    assertEquals(List.of("encoder_embedding.weight",
        "encoder.weight_ih_l0", "encoder.weight_hh_l0", "encoder.bias_ih_l0", "encoder.bias_hh_l0",
        "encoder.weight_ih_l0_reverse", "encoder.weight_hh_l0_reverse", "encoder.bias_ih_l0_reverse",
        "encoder.bias_hh_l0_reverse", "decoder_embedding.weight",
        "decoder.weight_ih_l0", "decoder.weight_hh_l0", "decoder.bias_ih_l0", "decoder.bias_hh_l0",
        "decoder.weight_ih_l1", "decoder.weight_hh_l1", "decoder.bias_ih_l1", "decoder.bias_hh_l1",
        "bridge.0.weight", "bridge.0.bias", "bridge.1.weight", "bridge.1.bias",
        "attention.query.weight", "attention.key.weight", "attention.key.bias", "attention.v.weight",
        "readout.weight", "readout.bias"), names);
  }

  @Test
  void parametersSavedAsJsonRestoreTheSameModel() {
    EncoderDecoder.Builder spec = EncoderDecoder.builder().source(VS, 3).target(6, 4).encoder(GRU, 5, 1, true)
        .decoder(LSTM, 9, 1).attention(5).contextEveryStep(true);
    EncoderDecoder a = Seq2SeqFixtures.init(spec.build(), 18);
    EncoderDecoder b = spec.build();
    org.rnnlab.engine.ParamsIO.fromJson(b.params(), org.rnnlab.engine.ParamsIO.toJson(a.params()), "saved");
    PairBatch pb = Seq2SeqFixtures.batch(18, 3, 4, VS, 4, 6);
    int[] fed = Seq2SeqFixtures.teacherForced(pb);
    assertEquals(a.loss(pb, fed), b.loss(pb, fed), 0.0);
    assertTrue(Arrays.deepEquals(a.greedyDecode(pb.source(), pb.sourceLengths(), 6),
        b.greedyDecode(pb.source(), pb.sourceLengths(), 6)));
  }

  @Test
  void attentionWeightsAreDistributionsOverEachSourcesValidPositions() {
    EncoderDecoder m = Seq2SeqFixtures.init(EncoderDecoder.builder().source(VS, 3).target(6, 4)
        .encoder(GRU, 9, 1, false).decoder(GRU, 9, 1).attention(5).build(), 15);
    PairBatch b = Seq2SeqFixtures.batch(15, 4, 5, VS, 4, 6);
    m.loss(b, Seq2SeqFixtures.teacherForced(b));
    double[][][] a = m.attentionWeights();
    m.greedyDecode(b.source(), b.sourceLengths(), 5);
    assertTrue(Arrays.deepEquals(a, m.attentionWeights()), "decoding leaves the maps of the last pass");
    assertEquals(4, a.length);
    for (int t = 0; t < 4; t++) {
      for (int i = 0; i < 4; i++) {
        double s = 0.0;
        for (int j = 0; j < 5; j++) {
          assertTrue(j < b.sourceLengths()[i] ? a[t][i][j] > 0 : a[t][i][j] == 0.0);
          s += a[t][i][j];
        }
        assertEquals(1.0, s, 1e-15);
      }
    }
  }

  @Test
  void badInputIsRefusedInOneLine() {
    EncoderDecoder m = Seq2SeqFixtures.init(EncoderDecoder.builder().source(VS, 3).target(6, 4)
        .encoder(LSTM, 9, 1, false).decoder(LSTM, 9, 1).build(), 16);
    PairBatch b = Seq2SeqFixtures.batch(16, 2, 3, VS, 3, 6);
    int[] fed = Seq2SeqFixtures.teacherForced(b);
    fed[b.size()] = 6;
    String msg = assertThrows(IllegalArgumentException.class, () -> m.loss(b, fed)).getMessage();
    assertEquals("fed id 6 at step 1 of pair 0 outside the vocabulary 0..5", msg);
    assertThrows(IllegalArgumentException.class, () -> m.loss(b, new int[3]));
    assertEquals("the target vocabulary must hold the start and end symbols (>= 2 ids), got 1",
        assertThrows(IllegalArgumentException.class, () -> EncoderDecoder.builder().source(VS, 3).target(1, 4)
            .encoder(LSTM, 4, 1, false).decoder(LSTM, 4, 1).build()).getMessage());
    assertThrows(IllegalArgumentException.class, () -> m.greedyDecode(new int[] {1, 2}, new int[] {1}, 0));
    assertThrows(IllegalArgumentException.class, () -> m.chooseFed(b, (t, r) -> true, true, null, fed));
  }

  static long allocated(Runnable r) {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
        .getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(id);
    r.run();
    return mx.getThreadAllocatedBytes(id) - before;
  }

  @Test
  void theDecoderStepLoopAllocatesNothing() {
    // At a vector width forced below the machine's the JDK boxes some Vector API values (see GenerationTest)
    Assumptions.assumeTrue(System.getProperty("rnnlab.test.vectorLength") == null,
        "the Vector API boxes vectors at a forced width");
    EncoderDecoder m = Seq2SeqFixtures.init(EncoderDecoder.builder().source(VS, 8).target(20, 8)
        .encoder(LSTM, 16, 1, false).decoder(LSTM, 16, 1).attention(16).contextEveryStep(true).build(), 17);
    DecoderStep f = new DecoderStep(m, new int[] {1, 2, 3, 4, 0, 1});
    BeamSearch<double[][][]> beam = new BeamSearch<>(f, 5);
    int[] prime = {PairBatch.START};
    for (int warm = 0; warm < 3; warm++) {
      beam.search(prime, 10_000, -1);  // until the JIT has compiled the kernels (interpreted, they box vectors)
    }
    long bytes = allocated(() -> assertEquals(2000, beam.search(prime, 2000, -1).tokens().length));
    long table = 2L * 4 * 2000 * 5;  // the back-pointer table, and the output
    assertTrue(bytes < table + 4 * 2000 + 64_000, "beam search over the decoder allocated " + bytes + " bytes");
    PairBatch b = Seq2SeqFixtures.batch(17, 8, 6, VS, 3, 20);
    for (int warm = 0; warm < 20; warm++) {
      m.greedyDecode(b.source(), b.sourceLengths(), 500);
    }
    // the output rows (8 x 500 ints, then trimmed copies) only
    long greedy = allocated(() -> m.greedyDecode(b.source(), b.sourceLengths(), 500));
    assertTrue(greedy < 2 * 8 * (500 * 4 + 16) + 64_000, "greedy decoding allocated " + greedy + " bytes");
  }

  @Test
  void aFedBufferLargerThanTheBatchGivesTheSameLossAndAShorterOneIsRefused() {
    EncoderDecoder m = Seq2SeqFixtures.init(
        EncoderDecoder.builder().source(VS, 3).target(6, 3).encoder(GRU, 9, 1, false).decoder(GRU, 9, 1).build(), 3);
    PairBatch b = Seq2SeqFixtures.batch(4, 3, 5, VS, 4, 6);
    int[] exact = new int[b.targetSteps() * b.size()];
    int[] larger = new int[exact.length + 17];
    java.util.Arrays.fill(larger, 5); // whatever a previous, larger batch left there
    EncoderDecoder.teacherForcing(b, exact);
    EncoderDecoder.teacherForcing(b, larger);
    assertEquals(Double.doubleToLongBits(m.loss(b, exact)), Double.doubleToLongBits(m.loss(b, larger)));
    assertThrows(IllegalArgumentException.class, () -> m.loss(b, new int[exact.length - 1]));
  }
}
