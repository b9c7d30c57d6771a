package org.rnnlab.engine.seq2seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Float32Configs;
import org.rnnlab.engine.cell.CellConfig;

/**
 * The float32 encoder-decoder against the float64 one on the same weights (the float64 model's, rounded, in both):
 * the teacher-forced loss, every gradient, the attention weights and the greedy outputs agree to float32 precision
 * (bounds: loss 1e-6 relative, gradients 1e-5 of the largest, attention 1e-6; measured with two GRU layers and
 * attention: 4.9e-8, 3.0e-7, 7.1e-8), for direct state passing, a bridge
 * with the context at every step, attention with two GRU layers and a bidirectional encoder with layer norm.
 */
class EncoderDecoderFloat32Test {
  static final int VS = 7;
  static final int VT = 9;

  /** A pair of models of the same shape: {@code shape} applied to a float64 and to a float32 builder. */
  private static void agree(CellConfig cell, UnaryOperator<EncoderDecoder.Builder> d,
                            UnaryOperator<EncoderDecoderF32.Builder> f, long seed) {
    EncoderDecoder m = Seq2SeqFixtures.init(d.apply(EncoderDecoder.builder().source(VS, 4).target(VT, 3)).build(),
        seed);
    EncoderDecoderF32 m32 = f.apply(EncoderDecoderF32.builder().source(VS, 4).target(VT, 3)).build();
    double[] v = m.params().values();
    assertEquals(v.length, m32.params().size());
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) v[i];
      m32.params().values()[i] = (float) v[i];
    }
    m.params().markChanged();
    m32.params().markChanged();
    PairBatch b = Seq2SeqFixtures.batch(seed + 1, 5, 6, VS, 5, VT);
    int[] fed = Seq2SeqFixtures.teacherForced(b);
    m.params().zeroGrads();
    m32.params().zeroGrads();
    double l = m.forwardBackward(b, fed);
    double l32 = m32.forwardBackward(b, fed);
    assertEquals(l, l32, 1e-6 * l, "loss");
    double[] g = m.params().grads();
    float[] g32 = m32.params().grads();
    double scale = 0.0;
    for (double x : g) {
      scale = Math.max(scale, Math.abs(x));
    }
    for (int i = 0; i < g.length; i++) {
      assertEquals(g[i], g32[i], 1e-5 * scale, "gradient " + i + " of " + g.length);
    }
    double[][][] a = m.attentionWeights();
    float[][][] a32 = m32.attentionWeights();
    assertEquals(a == null, a32 == null);
    if (a != null) {
      for (int t = 0; t < a.length; t++) {
        for (int i = 0; i < a[t].length; i++) {
          for (int s = 0; s < a[t][i].length; s++) {
            assertEquals(a[t][i][s], a32[t][i][s], 1e-6);
          }
        }
      }
    }
    m.setTraining(false);
    m32.setTraining(false);
    int[][] out = m.greedyDecode(b.source(), b.sourceLengths(), 6);
    int[][] out32 = m32.greedyDecode(b.source(), b.sourceLengths(), 6);
    for (int r = 0; r < out.length; r++) {
      assertArrayEquals(out[r], out32[r], "greedy output of source " + r);
    }
    assertTrue(l > 0 && Double.isFinite(l));
  }

  @Test
  void lstmDirectStatePassing() {
    CellConfig c = Seq2SeqFixtures.LSTM;
    agree(c, x -> x.encoder(c, 9, 1, false).decoder(c, 9, 1),
        x -> x.encoder(Float32Configs.cell(c), 9, 1, false).decoder(Float32Configs.cell(c), 9, 1), 3);
  }

  @Test
  void elmanBridgeWithContextEveryStep() {
    CellConfig c = Seq2SeqFixtures.ELMAN;
    agree(c, x -> x.encoder(c, 9, 1, false).decoder(c, 9, 1).bridge(true).contextEveryStep(true),
        x -> x.encoder(Float32Configs.cell(c), 9, 1, false).decoder(Float32Configs.cell(c), 9, 1).bridge(true)
            .contextEveryStep(true), 5);
  }

  @Test
  void gruTwoLayersWithAttention() {
    CellConfig c = Seq2SeqFixtures.GRU;
    agree(c, x -> x.encoder(c, 17, 2, false).decoder(c, 17, 2).attention(5),
        x -> x.encoder(Float32Configs.cell(c), 17, 2, false).decoder(Float32Configs.cell(c), 17, 2).attention(5), 7);
  }

  @Test
  void bidirectionalLayerNormLstmEncoderWithAttention() {
    CellConfig c = new org.rnnlab.engine.cell.LstmLayer.Config(1.0, new org.rnnlab.engine.norm.LayerNorm.Config(1e-5, 1.0));
    agree(c, x -> x.encoder(c, 9, 1, true).decoder(c, 18, 1).attention(6),
        x -> x.encoder(Float32Configs.cell(c), 9, 1, true).decoder(Float32Configs.cell(c), 18, 1).attention(6), 9);
  }
}
