package org.rnnlab.engine.seq2seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnlab.engine.seq2seq.Seq2SeqFixtures.LSTM;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.clip.Clipper;
import org.rnnlab.engine.clip.GlobalNormClip;
import org.rnnlab.engine.optim.Adam;
import org.rnnlab.engine.optim.Optimizer;
import org.rnnlab.generate.BeamSearch;
import org.rnnlab.generate.DecoderStep;

/**
 * An LSTM encoder–decoder (last-state context passed directly) learns to reverse sequences of 3–5
 * symbols out of 6 under teacher forcing (Adam, global-norm clipping), to at least 95% exact match
 * of greedy decoding on fresh sequences; a beam of one then decodes as greedy does.
 */
class EncoderDecoderLearningTest {
  static final int SYMBOLS = 6;

  /** n reversal pairs: source ids 0..5, target ids 2..7 (symbol s is 2 + s), reversed, then END. */
  static PairBatch reversals(Rng r, int n) {
    int[] len = new int[n];
    int[] tl = new int[n];
    for (int b = 0; b < n; b++) {
      len[b] = 3 + r.nextInt(3);
      tl[b] = len[b] + 1;
    }
    int ts = 5;
    int[] src = new int[ts * n];
    int[] tgt = new int[(ts + 1) * n];
    for (int b = 0; b < n; b++) {
      for (int t = 0; t < len[b]; t++) {
        src[t * n + b] = r.nextInt(SYMBOLS);
      }
      for (int t = 0; t < len[b]; t++) {
        tgt[t * n + b] = 2 + src[(len[b] - 1 - t) * n + b];
      }
      tgt[len[b] * n + b] = PairBatch.END;
    }
    return new PairBatch(n, ts, src, len, ts + 1, tgt, tl);
  }

  @Test
  void anLstmLearnsToReverseUnderTeacherForcing() {
    EncoderDecoder m = EncoderDecoder.builder().source(SYMBOLS, 8).target(SYMBOLS + 2, 8)
        .encoder(LSTM, 32, 1, false).decoder(LSTM, 32, 1).build();
    m.initialize(Rng.of(20));
    Params p = m.params();
    Optimizer opt = new Adam(0.01, null, null, null).create(p.size());
    Clipper clip = GlobalNormClip.of(1.0).create(p);
    Rng data = Rng.of(20).child("data");
    int[] fed = new int[6 * 32];
    long t0 = System.nanoTime();
    int updates = 0;
    double accuracy = 0.0;
    PairBatch test = reversals(Rng.of(21), 200);
    while (updates < 3000) {
      for (int i = 0; i < 100; i++, updates++) {
        PairBatch b = reversals(data, 32);
        EncoderDecoder.teacherForcing(b, fed);
        p.zeroGrads();
        m.forwardBackward(b, fed);
        clip.clip(p);
        opt.step(p.values(), p.grads());
      }
      accuracy = exactMatch(m, test);
      if (accuracy >= 0.99) {
        break;
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("reversal: %.1f%% exact match after %d updates, %.2f s%n", 100 * accuracy, updates, seconds);
    assertTrue(accuracy >= 0.95, "exact match " + accuracy + " after " + updates + " updates");
    // a trained, confident model: a beam of one returns greedy's output
    int[][] greedy = m.greedyDecode(test.source(), test.sourceLengths(), 8);
    for (int i = 0; i < 20; i++) {
      int[] src = new int[test.sourceLengths()[i]];
      for (int k = 0; k < src.length; k++) {
        src[k] = test.source(k, i);
      }
      int[] beam = new BeamSearch<>(new DecoderStep(m, src), 1).search(new int[] {PairBatch.START}, 8, PairBatch.END)
          .tokens();
      assertArrayEquals(greedy[i], beam, "pair " + i);
    }
  }

  static double exactMatch(EncoderDecoder m, PairBatch test) {
    int[][] out = m.greedyDecode(test.source(), test.sourceLengths(), 8);
    int right = 0;
    for (int b = 0; b < test.size(); b++) {
      int[] want = new int[test.targetLengths()[b]];
      for (int t = 0; t < want.length; t++) {
        want[t] = test.target(t, b);
      }
      right += Arrays.equals(want, out[b]) ? 1 : 0;
    }
    return right / (double) test.size();
  }
}
