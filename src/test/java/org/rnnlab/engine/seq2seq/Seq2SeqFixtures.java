package org.rnnlab.engine.seq2seq;

import org.rnnlab.engine.Rng;
import org.rnnlab.engine.cell.CellConfig;
import org.rnnlab.engine.cell.ElmanLayer;
import org.rnnlab.engine.cell.GruLayer;
import org.rnnlab.engine.cell.LstmLayer;
import org.rnnlab.engine.init.NormalInit;

/** Small models and random ragged pair batches shared by the encoder–decoder tests. */
final class Seq2SeqFixtures {
  private Seq2SeqFixtures() {}

  static final CellConfig LSTM = new LstmLayer.Config(1.0);
  static final CellConfig GRU = new GruLayer.Config(true);
  static final CellConfig ELMAN = new ElmanLayer.Config("tanh");

  /** Weights a little larger than PyTorch's default, so every gate works away from its linear regime. */
  static EncoderDecoder init(EncoderDecoder m, long seed) {
    m.initialize(new NormalInit(0.5), new NormalInit(0.5), Rng.of(seed).child("init"));
    return m;
  }

  /**
   * A batch of {@code n} pairs: sources of lengths in 1..srcSteps over ids 0..srcVocab-1, targets of
   * lengths in 1..tgtSteps of ids 2..tgtVocab-1 closed by END; the first pair has both maximal lengths.
   */
  static PairBatch batch(long seed, int n, int srcSteps, int srcVocab, int tgtSteps, int tgtVocab) {
    Rng r = Rng.of(seed).child("batch");
    int[] src = new int[srcSteps * n];
    int[] tgt = new int[tgtSteps * n];
    int[] sl = new int[n];
    int[] tl = new int[n];
    for (int b = 0; b < n; b++) {
      sl[b] = b == 0 ? srcSteps : 1 + r.nextInt(srcSteps);
      tl[b] = b == 0 ? tgtSteps : 1 + r.nextInt(tgtSteps);
      for (int t = 0; t < srcSteps; t++) {
        src[t * n + b] = t < sl[b] ? r.nextInt(srcVocab) : 0;
      }
      for (int t = 0; t < tgtSteps; t++) {
        tgt[t * n + b] = t < tl[b] - 1 ? 2 + r.nextInt(tgtVocab - 2) : t == tl[b] - 1 ? PairBatch.END : 0;
      }
    }
    return new PairBatch(n, srcSteps, src, sl, tgtSteps, tgt, tl);
  }

  static int[] teacherForced(PairBatch b) {
    int[] fed = new int[b.targetSteps() * b.size()];
    EncoderDecoder.teacherForcing(b, fed);
    return fed;
  }
}
