package org.rnnlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.cell.CellConfig;
import org.rnnlab.engine.cell.GruLayer;
import org.rnnlab.engine.cell.LstmLayer;
import org.rnnlab.engine.clip.NoClip;
import org.rnnlab.engine.init.NormalInit;
import org.rnnlab.engine.init.PyTorchInit;
import org.rnnlab.engine.optim.Sgd;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;

/**
 * {@link SequenceModel#stepInto} keeps the weights it transposed and packed between steps (issue
 * 19's generation speed) and must never step on them once the parameter values have changed:
 * after every kind of write the next step's logits are those of the new weights, to the bit.
 */
class SequenceModelStepCacheTest {
  static final int VOCAB = SequenceModelStepTest.VOCAB;
  static final int BATCH = SequenceModelStepTest.BATCH;
  static final int HIDDEN = 33;
  static final int[] TOKENS = {3, 0, 6};

  /** Every writer of parameter values that the code base has, applied to a model of cell {@code c}. */
  static Map<String, Consumer<SequenceModel>> writers(CellConfig c) {
    Map<String, Consumer<SequenceModel>> w = new LinkedHashMap<>();
    w.put("one weight_hh value through values()", m -> m.params().values()[m.params().get("weight_hh_l1").offset() + 5] += 0.25);
    w.put("one weight_ih value through values()", m -> m.params().values()[m.params().get("weight_ih_l0").offset() + 2] -= 0.25);
    w.put("one readout.weight value through values()",
        m -> m.params().values()[m.params().get("readout.weight").offset() + 4] += 0.25);
    w.put("an optimiser update (as Trainer calls it)", m -> {
      double[] g = new double[m.params().size()];
      Arrays.fill(g, 0.01);
      new Sgd(0.5, null, null).create(g.length).step(m.params().values(), g);
    });
    w.put("a Trainer step", m -> new Trainer(m, new Sgd(0.5, null, null).create(m.params().size()), new NoClip(), 0)
        .step(SequenceModelStepTest.tokens(21)));
    w.put("ParamsIO.fromJson of another model",
        m -> ParamsIO.fromJson(m.params(), ParamsIO.toJson(other(c).params()), "other"));
    w.put("restoreState of another model", m -> {
      StateWriter out = new StateWriter();
      other(c).saveState(out);
      m.restoreState(new StateReader(out.toByteArray()));
    });
    w.put("initialize again", m -> m.initialize(new PyTorchInit(), new PyTorchInit(), Rng.of(77).child("init")));
    w.put("initializeReadout", m -> m.initializeReadout(new NormalInit(0.1), Rng.of(78)));
    w.put("System.arraycopy into values() (BestOnValidation's restore)", m -> {
      double[] best = other(c).params().values().clone();
      System.arraycopy(best, 0, m.params().values(), 0, best.length);
    });
    return w;
  }

  /** The same architecture with other weights. */
  private static SequenceModel other(CellConfig c) {
    return SequenceModelStepTest.tokenModel(c, HIDDEN, 99);
  }

  /** One step from a copy of {@code from}: its logits. */
  private static double[] step(SequenceModel m, int position, SequenceModel.State from) {
    double[] logits = new double[BATCH * VOCAB];
    m.stepInto(TOKENS, BATCH, position, from.copy(), m.zeroState(BATCH), logits);
    return logits;
  }

  /** The same step by the batched forward pass (which repacks everything). */
  private static double[] predicted(SequenceModel m, SequenceModel.State from) {
    Batch b = Batch.ofTokens(1, BATCH, TOKENS.clone(), 0, null, Batch.fullLengths(1, BATCH), null, new int[BATCH], null);
    return m.predict(b, from.copy(), null);
  }

  private static void assertBits(double[] want, double[] got, String what) {
    for (int i = 0; i < want.length; i++) {
      assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(got[i]), what + ": value " + i);
    }
  }

  /** A state some steps into a sequence, with the packs made and reused by those steps. */
  private static SequenceModel.State warmState(SequenceModel m) {
    SequenceModel.State s = m.zeroState(BATCH);
    double[] logits = new double[BATCH * VOCAB];
    for (int t = 0; t < 4; t++) {
      m.stepInto(new int[] {t % VOCAB, (t + 2) % VOCAB, (t + 5) % VOCAB}, BATCH, t, s, s, logits);
    }
    return s;
  }

  @Test
  void afterEveryKindOfWriteTheNextStepUsesTheNewWeights() {
    for (CellConfig c : SequenceModelStepTest.cells()) {
      for (Map.Entry<String, Consumer<SequenceModel>> w : writers(c).entrySet()) {
        String what = c + ", " + w.getKey();
        SequenceModel m = SequenceModelStepTest.tokenModel(c, HIDDEN, 11);
        SequenceModel.State s = warmState(m);
        double[] old = step(m, 4, s);
        assertBits(old, step(m, 4, s), what + ": stepping twice on the same weights");
        w.getValue().accept(m);
        double[] got = step(m, 4, s);
        double[] again = step(m, 4, s);   // reuses what the previous step packed
        double[] want = predicted(m, s);
        assertFalse(Arrays.equals(old, want), what + ": the write changes the logits");
        assertBits(want, got, what + ": first step after the write");
        assertBits(want, again, what + ": second step after the write");
      }
    }
  }

  @Test
  void aForwardPassBetweenStepsLeavesTheStepsBitsAlone() {
    SequenceModel m = SequenceModelStepTest.tokenModel(new GruLayer.Config(false), HIDDEN, 11);
    SequenceModel.State s = warmState(m);
    double[] before = step(m, 4, s);
    m.predict(SequenceModelStepTest.tokens(3), BATCH);  // the training path repacks into the same buffers
    assertBits(before, step(m, 4, s), "after predict");
    assertBits(predicted(m, s), step(m, 4, s), "predict's own step");
  }

  @Test
  void aWriteThroughAKeptArrayIsRefusedLoudlyUntilDeclared() {
    Assumptions.assumeTrue(assertionsOn(), "the check runs with assertions on (as the tests run)");
    SequenceModel m = SequenceModelStepTest.tokenModel(new LstmLayer.Config(1.0), HIDDEN, 11);
    double[] kept = m.params().values();
    SequenceModel.State s = warmState(m);
    double[] old = step(m, 4, s);
    kept[m.params().get("weight_hh_l0").offset()] += 0.5;   // no values() call after the write
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> step(m, 4, s));
    assertTrue(e.getMessage().contains("stale packed weights"), e.getMessage());
    m.params().markChanged();
    double[] got = step(m, 4, s);
    assertFalse(Arrays.equals(old, got), "the new weight counts");
    assertBits(predicted(m, s), got, "after markChanged");
  }

  private static boolean assertionsOn() {
    boolean on = false;
    assert on = true;
    return on;
  }
}
