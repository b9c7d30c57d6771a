package org.rnnlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.cell.CellConfig;
import org.rnnlab.engine.cell.ElmanLayer;
import org.rnnlab.engine.cell.GruLayer;
import org.rnnlab.engine.cell.LstmLayer;
import org.rnnlab.engine.init.PyTorchInit;
import org.rnnlab.engine.layer.BidirectionalLayer;
import org.rnnlab.engine.loss.CrossEntropyLoss;
import org.rnnlab.engine.loss.MseLoss;
import org.rnnlab.engine.norm.LayerNorm;
import org.rnnlab.engine.norm.NormConfig;
import org.rnnlab.engine.norm.RecurrentBatchNorm;

/** {@link SequenceModel#stepInto}: token by token, every step's logits are predict's to the bit. */
class SequenceModelStepTest {
  static final int VOCAB = 7;
  static final int STEPS = 9;
  static final int BATCH = 3;
  static final NormConfig LAYER = new LayerNorm.Config(null, null);

  static List<CellConfig> cells() {
    return List.of(new ElmanLayer.Config("tanh"), new LstmLayer.Config(1.0), new GruLayer.Config(true),
        new GruLayer.Config(false), new ElmanLayer.Config("tanh", LAYER), new LstmLayer.Config(1.0, LAYER),
        new GruLayer.Config(true, LAYER));
  }

  static SequenceModel tokenModel(CellConfig cell, int hidden, long seed) {
    SequenceModel m = SequenceModel.builder().embedding(VOCAB, 5).layers(cell, hidden, 2)
        .readout(VOCAB, ReadoutMode.EVERY_STEP).loss(new CrossEntropyLoss()).build();
    m.initialize(new PyTorchInit(), new PyTorchInit(), Rng.of(seed).child("init"));
    return m;
  }

  static Batch tokens(long seed) {
    Rng r = Rng.of(seed);
    int[] t = new int[STEPS * BATCH];
    for (int i = 0; i < t.length; i++) {
      t[i] = r.nextInt(VOCAB);
    }
    return Batch.ofTokens(STEPS, BATCH, t, 0, null, Batch.fullLengths(STEPS, BATCH), null, new int[STEPS * BATCH], null);
  }

  /** Steps every row of the batch at once and compares each step's logits with predict's, bit for bit. */
  static void assertSteppingEqualsPredict(SequenceModel m, Batch b) {
    double[] all = m.predict(b, BATCH);
    SequenceModel.State s = m.zeroState(BATCH);
    double[] logits = new double[BATCH * m.outputs()];
    int[] tok = new int[BATCH];
    for (int t = 0; t < STEPS; t++) {
      if (b.tokens() != null) {
        System.arraycopy(b.tokens(), t * BATCH, tok, 0, BATCH);
        m.stepInto(tok, BATCH, t, s, s, logits);
      } else {
        double[] x = java.util.Arrays.copyOfRange(b.inputs(), t * BATCH * b.inputSize(), (t + 1) * BATCH * b.inputSize());
        m.stepInto(x, BATCH, t, s, s, logits);
      }
      for (int i = 0; i < BATCH * m.outputs(); i++) {
        assertEquals(Double.doubleToRawLongBits(all[t * BATCH * m.outputs() + i]), Double.doubleToRawLongBits(logits[i]),
            "step " + t + " value " + i);
      }
    }
    // the final state is the batched pass's
    m.predict(b, BATCH);
    SequenceModel.State f = m.finalState();
    for (int k = 0; k < f.parts().length; k++) {
      for (int p = 0; p < f.parts()[k].length; p++) {
        for (int i = 0; i < f.parts()[k][p].length; i++) {
          assertEquals(Double.doubleToRawLongBits(f.parts()[k][p][i]), Double.doubleToRawLongBits(s.parts()[k][p][i]));
        }
      }
    }
  }

  @Test
  void everyCellTwoLayersStepsLikeTheBatchedForward() {
    for (CellConfig c : cells()) {
      for (int hidden : new int[] {6, 33}) {
        assertSteppingEqualsPredict(tokenModel(c, hidden, 11), tokens(5));
      }
    }
  }

  @Test
  void oneRowAtATimeGivesTheSameBitsAsAllRows() {
    SequenceModel m = tokenModel(new LstmLayer.Config(1.0, LAYER), 33, 3);
    Batch b = tokens(8);
    double[] all = m.predict(b, BATCH);
    for (int row = 0; row < BATCH; row++) {
      SequenceModel.State s = m.zeroState(1);
      double[] logits = new double[VOCAB];
      for (int t = 0; t < STEPS; t++) {
        m.stepInto(new int[] {b.tokens()[t * BATCH + row]}, 1, t, s, s, logits);
        for (int o = 0; o < VOCAB; o++) {
          assertEquals(Double.doubleToRawLongBits(all[(t * BATCH + row) * VOCAB + o]), Double.doubleToRawLongBits(logits[o]));
        }
      }
    }
  }

  @Test
  void batchNormInEvaluationModeUsesEachStepsStatistics() {
    NormConfig bn = new RecurrentBatchNorm.Config(STEPS, null, null, null);
    SequenceModel m = tokenModel(new LstmLayer.Config(1.0, bn), 6, 4);
    m.predict(tokens(1), BATCH); // training mode: moves the running statistics away from their start, per step
    m.predict(tokens(2), BATCH);
    m.setTraining(false);
    assertSteppingEqualsPredict(m, tokens(3));
  }

  @Test
  void realInputsStepToo() {
    SequenceModel m = new SequenceModel(new GruLayer.Config(true), 4, 9, 2, 3, ReadoutMode.EVERY_STEP, new MseLoss());
    m.initialize(new PyTorchInit(), new PyTorchInit(), Rng.of(2).child("init"));
    Rng r = Rng.of(6);
    double[] x = new double[STEPS * BATCH * 4];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.gaussian();
    }
    assertSteppingEqualsPredict(m, new Batch(STEPS, BATCH, 4, x, Batch.fullLengths(STEPS, BATCH),
        new double[STEPS * BATCH * 3], null, null));
  }

  @Test
  void aBidirectionalModelIsRefused() {
    SequenceModel m = SequenceModel.builder().embedding(VOCAB, 5).bidirectional(new GruLayer.Config(true), 4,
        BidirectionalLayer.Merge.CONCAT).readout(VOCAB, ReadoutMode.EVERY_STEP).loss(new CrossEntropyLoss()).build();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> m.stepInto(new int[] {1}, 1, 0, m.zeroState(1), m.zeroState(1), new double[VOCAB]));
    assertEquals("a model with a bidirectional layer reads whole sequences: it cannot be stepped", e.getMessage());
  }
}
