package org.rnnlab.engine.seq2seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnlab.engine.seq2seq.Seq2SeqFixtures.ELMAN;
import static org.rnnlab.engine.seq2seq.Seq2SeqFixtures.GRU;
import static org.rnnlab.engine.seq2seq.Seq2SeqFixtures.LSTM;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.GradCheck;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.Params.Param;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.norm.LayerNorm;
import org.rnnlab.engine.cell.LstmLayer;

/**
 * Fourth-order finite differences (double, relative error &lt;= 1e-6) of every parameter of encoder
 * and decoder together, and of the context C where the bridge or the decoder's input reads it, under
 * teacher forcing and under fed tokens the model chose (then held fixed): every cell, direct state
 * passing and the bridge, attention, context at every step, a bidirectional encoder, two layers,
 * ragged sources and targets in one batch. Hidden sizes 9 and 17 exercise the vectorised bodies and
 * the scalar tails.
 */
class EncoderDecoderGradientTest {
  static final int VS = 6;
  static final int VT = 7;

  /** Checks every parameter (and C if read) on a batch of 3 ragged pairs, fed teacher-forced unless given. */
  static void checkAll(EncoderDecoder m, PairBatch b, int[] fed) {
    Params p = m.params();
    int cw = m.contextWidth();
    boolean readsContext = m.bridged() || contextRead(m);
    m.contextShift = new double[b.size() * cw];
    m.contextGradient = new double[b.size() * cw];
    p.zeroGrads();
    double l = m.forwardBackward(b, fed);
    assertTrue(Double.isFinite(l) && l > 0, "loss " + l);
    double[] g = p.grads().clone();
    double[] dc = m.contextGradient.clone();
    double[] v = p.values();
    Set<String> names = new HashSet<>();
    for (Param q : p.list()) {
      assertTrue(names.add(q.name()), "duplicate name " + q.name());
      GradCheck.check(q.name(), v, q.offset(), q.size(), g, q.offset(), () -> m.loss(b, fed));
    }
    if (readsContext) {
      GradCheck.check("context", m.contextShift, 0, dc.length, dc, 0, () -> m.loss(b, fed));
    }
    assertEquals(l, m.loss(b, fed), 0.0, "the loss after the checks");
    m.contextShift = null;
    m.contextGradient = null;
  }

  private static boolean contextRead(EncoderDecoder m) {
    for (Param q : m.params().list()) {
      if (q.name().equals("decoder.weight_ih_l0")) {
        return q.cols() > m.params().get("decoder_embedding.weight").cols();
      }
    }
    return false;
  }

  static void check(EncoderDecoder m, long seed, int srcSteps, int tgtSteps) {
    Seq2SeqFixtures.init(m, seed);
    PairBatch b = Seq2SeqFixtures.batch(seed, 3, srcSteps, VS, tgtSteps, VT);
    checkAll(m, b, Seq2SeqFixtures.teacherForced(b));
  }

  static EncoderDecoder.Builder base() {
    return EncoderDecoder.builder().source(VS, 4).target(VT, 3);
  }

  @Test
  void lstmDirectStatePassing() {
    EncoderDecoder m = base().encoder(LSTM, 9, 1, false).decoder(LSTM, 9, 1).build();
    assertTrue(!m.bridged());
    check(m, 1, 5, 4);
  }

  @Test
  void gruDirectTwoLayersWithAttention() {
    EncoderDecoder m = base().encoder(GRU, 9, 2, false).decoder(GRU, 9, 2).attention(5).build();
    assertTrue(!m.bridged());
    check(m, 2, 5, 4);
  }

  @Test
  void elmanBridgeWithContextEveryStep() {
    EncoderDecoder m = base().encoder(ELMAN, 9, 1, false).decoder(ELMAN, 9, 1).bridge(true).contextEveryStep(true)
        .build();
    assertTrue(m.bridged());
    check(m, 3, 4, 5);
  }

  @Test
  void lstmHidden17AttentionAndContextEveryStep() {
    EncoderDecoder m = base().encoder(LSTM, 17, 1, false).decoder(LSTM, 17, 1).attention(17).contextEveryStep(true)
        .build();
    check(m, 4, 4, 4);
  }

  @Test
  void bidirectionalTwoLayerEncoderIntoALstmDecoderThroughTheBridge() {
    EncoderDecoder m = base().encoder(LSTM, 5, 2, true).decoder(LSTM, 9, 2).attention(6).build();
    assertTrue(m.bridged(), "a bidirectional encoder cannot pass its state directly");
    assertEquals(10, m.contextWidth());
    check(m, 5, 5, 4);
  }

  @Test
  void differentCellsAreBridged() {
    EncoderDecoder m = base().encoder(GRU, 9, 1, false).decoder(LSTM, 9, 2).contextEveryStep(true).build();
    assertTrue(m.bridged());
    check(m, 6, 4, 4);
  }

  @Test
  void layerNormalisedLstmWithAttention() {
    LstmLayer.Config ln = new LstmLayer.Config(1.0, new LayerNorm.Config(1e-5, 1.0));
    EncoderDecoder m = base().encoder(ln, 9, 1, false).decoder(ln, 9, 1).attention(4).build();
    check(m, 7, 4, 4);
  }

  @Test
  void freeRunningAndScheduledSamplingThroughFixedFedTokens() {
    EncoderDecoder m = Seq2SeqFixtures.init(base().encoder(LSTM, 9, 1, false).decoder(LSTM, 9, 1).attention(5)
        .build(), 8);
    PairBatch b = Seq2SeqFixtures.batch(8, 3, 5, VS, 5, VT);
    int[] fed = new int[b.targetSteps() * b.size()];
    m.chooseFed(b, (t, r) -> true, false, null, fed);  // free running, greedy
    int[] tf = Seq2SeqFixtures.teacherForced(b);
    assertTrue(!java.util.Arrays.equals(fed, tf), "free running should feed other tokens than the targets here");
    checkAll(m, b, fed);
    m.chooseFed(b, (t, r) -> (t + r) % 2 == 0, true, Rng.of(3), fed);  // scheduled sampling, sampled
    checkAll(m, b, fed);
  }
}
