package org.rnnlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.cell.CellConfig;
import org.rnnlab.engine.cell.ElmanLayer;
import org.rnnlab.engine.cell.GruLayer;
import org.rnnlab.engine.cell.LstmLayer;
import org.rnnlab.engine.clip.ClipStats;
import org.rnnlab.engine.clip.GlobalNormClip;
import org.rnnlab.engine.clip.GradientClip;
import org.rnnlab.engine.clip.PerTimestepClip;
import org.rnnlab.engine.init.GlorotInit;
import org.rnnlab.engine.init.OrthogonalInit;
import org.rnnlab.engine.loss.MseLoss;
import org.rnnlab.engine.optim.Adam;
import org.rnnlab.engine.optim.Sgd;

/** The training loop: reproducibility, full and truncated BPTT, and the per-step gradient hook. */
class TrainerTest {
  static final int IN = 2;
  static final int HID = 6;
  static final int OUT = 2;
  static final int B = 5;

  static SequenceModel model(CellConfig cell, int layers, ReadoutMode mode, long seed) {
    SequenceModel m = new SequenceModel(cell, IN, HID, layers, OUT, mode, new MseLoss());
    m.initialize(new GlorotInit(1.0), new OrthogonalInit(1.0), Rng.of(seed).child("init"));
    return m;
  }

  /** A random regression batch; targets depend on the inputs so training has something to learn. */
  static Batch batch(int steps, ReadoutMode mode, Rng r) {
    double[] x = new double[steps * B * IN];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.uniform(-1, 1);
    }
    int positions = mode == ReadoutMode.EVERY_STEP ? steps * B : B;
    double[] y = new double[positions * OUT];
    for (int p = 0; p < positions; p++) {
      int t = mode == ReadoutMode.EVERY_STEP ? p / B : steps - 1;
      int b = p % B;
      y[p * OUT] = x[(t * B + b) * IN] * 0.5;
      y[p * OUT + 1] = t > 0 ? x[((t - 1) * B + b) * IN + 1] : 0.0;
    }
    return new Batch(steps, B, IN, x, Batch.fullLengths(steps, B), y, null, null);
  }

  static double[] train(CellConfig cell, ReadoutMode mode, int steps, int truncation, int batches, long seed) {
    SequenceModel m = model(cell, 2, mode, seed);
    Trainer tr = new Trainer(m, new Adam(1e-2, null, null, null).create(m.params().size()),
        GlobalNormClip.of(1.0), truncation);
    Rng data = Rng.of(seed).child("data");
    for (int i = 0; i < batches; i++) {
      StepResult res = tr.step(batch(steps, mode, data));
      assertTrue(Double.isFinite(res.loss()) && res.loss() > 0);
    }
    return m.params().values().clone();
  }

  private static void assertBits(String what, double[] a, double[] b) {
    assertEquals(a.length, b.length);
    for (int i = 0; i < a.length; i++) {
      if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(b[i])) {
        fail(what + ": index " + i + ": " + a[i] + " vs " + b[i]);
      }
    }
  }

  @Test
  void sameSeedSameParametersBitForBit() {
    CellConfig lstm = new LstmLayer.Config(1.0);
    double[] start = model(lstm, 2, ReadoutMode.EVERY_STEP, 3).params().values().clone();
    double[] a = train(lstm, ReadoutMode.EVERY_STEP, 8, 0, 30, 3);
    double[] b = train(lstm, ReadoutMode.EVERY_STEP, 8, 0, 30, 3);
    assertBits("two trainings from seed 3", a, b);
    assertFalse(Arrays.equals(start, a), "training changed nothing");
    assertFalse(Arrays.equals(a, train(lstm, ReadoutMode.EVERY_STEP, 8, 0, 30, 4)), "seed 4 gave seed 3's result");
  }

  @Test
  void truncationAtLeastTheLengthIsFullBptt() {
    int steps = 7;
    for (CellConfig cell : new CellConfig[] {new LstmLayer.Config(1.0), new ElmanLayer.Config("tanh")}) {
      for (ReadoutMode mode : ReadoutMode.values()) {
        double[] full = train(cell, mode, steps, 0, 4, 11);
        assertBits(cell + " " + mode + " k=T", full, train(cell, mode, steps, steps, 4, 11));
        assertBits(cell + " " + mode + " k>T", full, train(cell, mode, steps, steps + 5, 4, 11));
        assertFalse(Arrays.equals(full, train(cell, mode, steps, 3, 4, 11)), "k < T should differ from full BPTT");
      }
    }
  }

  private static RecordingOptimizer runRecorded(CellConfig cell, ReadoutMode mode, int steps, int k, int batches) {
    SequenceModel m = model(cell, 1, mode, 5);
    RecordingOptimizer rec = new RecordingOptimizer(new Sgd(0.05, null, null).create(m.params().size()));
    Trainer tr = new Trainer(m, rec, null, k);
    Rng data = Rng.of(6);
    for (int i = 0; i < batches; i++) {
      tr.step(batch(steps, mode, data));
    }
    return rec;
  }

  @Test
  void truncatedBpttUpdatesOncePerSegment() {
    CellConfig gru = new GruLayer.Config(true);
    int steps = 10;
    for (int k : new int[] {1, 3, 4, 5, 9, 10, 15}) {
      int segments = (steps + k - 1) / k;
      assertEquals(3 * segments, runRecorded(gru, ReadoutMode.EVERY_STEP, steps, k, 3).count(),
          "EVERY_STEP, k=" + k + ": ceil(T/k) updates per batch");
      assertEquals(3, runRecorded(gru, ReadoutMode.LAST, steps, k, 3).count(),
          "LAST, k=" + k + ": only the final segment has a target");
    }
    assertEquals(3, runRecorded(gru, ReadoutMode.EVERY_STEP, steps, 0, 3).count(), "full BPTT: one per batch");
  }

  /**
   * Each segment's gradient is the gradient of that segment's loss from the state carried from
   * the previous segment (computed with the parameters of that time), the state being a
   * constant; and that carried state does matter.
   */
  @Test
  void truncatedSegmentsStartFromTheCarriedState() {
    CellConfig lstm = new LstmLayer.Config(1.0);
    int steps = 10;
    int k = 4;
    RecordingOptimizer rec = runRecorded(lstm, ReadoutMode.EVERY_STEP, steps, k, 1);
    assertEquals(3, rec.count());
    Batch b = batch(steps, ReadoutMode.EVERY_STEP, Rng.of(6));
    SequenceModel check = model(lstm, 1, ReadoutMode.EVERY_STEP, 99);
    SequenceModel.State state = null;
    for (int j = 0; j < 3; j++) {
      int t0 = j * k;
      int len = Math.min(k, steps - t0);
      System.arraycopy(rec.paramsBefore.get(j), 0, check.params().values(), 0, check.params().size());
      check.params().zeroGrads();
      check.forwardBackward(b, t0, len, state);
      assertBits("segment " + j, rec.grads.get(j), check.params().grads());
      SequenceModel.State next = check.finalState();
      if (j > 0) {
        check.params().zeroGrads();
        check.forwardBackward(b, t0, len, null);
        assertFalse(Arrays.equals(rec.grads.get(j), check.params().grads()), "the carried state made no difference");
      }
      state = next;
    }
  }

  /** Records every hook call. */
  static final class Calls implements org.rnnlab.engine.cell.StepGradientHook {
    final List<int[]> calls = new ArrayList<>();
    int zeroBelow = -1;

    @Override
    public void onStep(int layer, int t, double[] dh, double[] dc, int off, int len) {
      calls.add(new int[] {layer, t, off, len, dc == null ? 0 : 1});
      if (t < zeroBelow) {
        Arrays.fill(dh, off, off + len, 0.0);
      }
    }
  }

  @Test
  void hookSeesEveryLayerAndStepOnceInDescendingTime() {
    int steps = 6;
    int layers = 3;
    for (ReadoutMode mode : ReadoutMode.values()) {
      SequenceModel m = new SequenceModel(new LstmLayer.Config(1.0), IN, HID, layers, OUT, mode, new MseLoss());
      m.initialize(new GlorotInit(1.0), new OrthogonalInit(1.0), Rng.of(1));
      Calls hook = new Calls();
      m.addStepGradientHook(hook);
      Batch b = batch(steps, mode, Rng.of(2));
      for (int rep = 0; rep < 2; rep++) {
        hook.calls.clear();
        m.forwardBackward(b, 0, steps, null);
        assertEquals(layers * steps, hook.calls.size(), mode + ": one call per (layer, t)");
        int[] lastT = new int[layers];
        Arrays.fill(lastT, steps);
        boolean[][] seen = new boolean[layers][steps];
        for (int[] c : hook.calls) {
          int l = c[0];
          int t = c[1];
          assertTrue(l >= 0 && l < layers && t >= 0 && t < steps, Arrays.toString(c));
          assertFalse(seen[l][t], "(layer " + l + ", t " + t + ") seen twice");
          seen[l][t] = true;
          assertEquals(lastT[l] - 1, t, "layer " + l + ": t must descend one by one");
          lastT[l] = t;
          assertEquals(0, c[2]);
          assertEquals(B * HID, c[3], "the error of the whole batch");
        }
      }
      // through the Trainer with truncation: every step of every layer once per batch
      hook.calls.clear();
      new Trainer(m, new Sgd(0.01, null, null).create(m.params().size()), null, 4).step(b);
      int expected = mode == ReadoutMode.EVERY_STEP ? layers * steps : layers * 2; // LAST: final segment only
      assertEquals(expected, hook.calls.size(), mode + " with truncation 4");
    }
  }

  /**
   * Zeroing dL/dh_t for every t &lt; T-1 in the hook cuts the graph after the last step: for a
   * last-step readout and a cell whose whole state is h (Elman, GRU), the gradient is then that
   * of a one-step span started from the state at T-1.
   */
  @Test
  void zeroingTheErrorBeforeTheLastStepEqualsAOneStepSpan() {
    int steps = 6;
    for (CellConfig cell : new CellConfig[] {new ElmanLayer.Config("tanh"), new GruLayer.Config(true),
        new GruLayer.Config(false)}) {
      SequenceModel m = model(cell, 2, ReadoutMode.LAST, 8);
      Batch b = batch(steps, ReadoutMode.LAST, Rng.of(9));
      Calls hook = new Calls();
      hook.zeroBelow = steps - 1;
      m.addStepGradientHook(hook);
      m.params().zeroGrads();
      double lossCut = m.forwardBackward(b, 0, steps, null);
      double[] cut = m.params().grads().clone();
      m.removeStepGradientHook(hook);

      m.params().zeroGrads();
      double lossFull = m.forwardBackward(b, 0, steps, null);
      double[] full = m.params().grads().clone();
      assertEquals(lossFull, lossCut, 0.0, "the hook must not change the forward pass");
      assertFalse(Arrays.equals(full, cut), cell + ": zeroing the error changed nothing");

      m.forwardBackward(b, 0, steps - 1, null); // LAST readout: no target in this span, forward only
      SequenceModel.State atLast = m.finalState();
      m.params().zeroGrads();
      double lossSpan = m.forwardBackward(b, steps - 1, 1, atLast);
      assertEquals(lossFull, lossSpan, 0.0, cell + ": same final output");
      assertBits(cell + " gradient", m.params().grads(), cut);
    }
  }

  /**
   * A diagnostics hook added before the trainer's clipping hook sees the errors as they arrive, one
   * added after sees them clipped; the trainer reports one clip record per truncated segment, and
   * detaching removes only its own hook. The LSTM's hook also gets dL/dc_t, the GRU's does not.
   */
  @Test
  void hooksComposeInTheOrderAdded() {
    int steps = 8;
    SequenceModel m = model(new LstmLayer.Config(1.0), 2, ReadoutMode.EVERY_STEP, 3);
    Calls before = new Calls();
    m.addStepGradientHook(before);
    Trainer tr = new Trainer(m, new Sgd(0.01, null, null).create(m.params().size()), PerTimestepClip.of(1e-3), 3);
    double[] largest = new double[2];
    org.rnnlab.engine.cell.StepGradientHook after = (layer, t, dh, dc, off, len) ->
        largest[layer] = Math.max(largest[layer], GradientClip.maxAbs(dh, off, len));
    m.addStepGradientHook(after);
    StepResult r = tr.step(batch(steps, ReadoutMode.EVERY_STEP, Rng.of(2)));
    assertEquals(3, r.clips().size(), "segments of 3, 3 and 2 steps");
    for (ClipStats c : r.clips()) {
      assertTrue(c.fired() && c.stepsClipped() > 0, c.toString());
    }
    assertEquals(2 * steps, before.calls.size());
    assertTrue(before.calls.stream().allMatch(c -> c[4] == 1), "the LSTM hook gets dc");
    assertTrue(largest[0] <= 1e-3 && largest[1] <= 1e-3, Arrays.toString(largest));
    assertEquals(3, m.stepGradientHooks().size());
    tr.detach();
    assertEquals(List.of(before, after), m.stepGradientHooks());

    SequenceModel g = model(new GruLayer.Config(true), 1, ReadoutMode.LAST, 3);
    Calls gru = new Calls();
    g.addStepGradientHook(gru);
    g.forwardBackward(batch(steps, ReadoutMode.LAST, Rng.of(2)), 0, steps, null);
    assertTrue(gru.calls.stream().allMatch(c -> c[4] == 0), "no dc for a cell whose state is h");
  }
}
