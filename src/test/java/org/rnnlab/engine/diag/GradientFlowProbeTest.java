package org.rnnlab.engine.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.GradCheck;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.Trainer;
import org.rnnlab.engine.cell.CellConfig;
import org.rnnlab.engine.cell.ElmanLayer;
import org.rnnlab.engine.cell.GruLayer;
import org.rnnlab.engine.cell.LstmLayer;
import org.rnnlab.engine.cell.RecurrentLayer;
import org.rnnlab.engine.cell.StepGradientHook;
import org.rnnlab.engine.clip.GlobalNormClip;
import org.rnnlab.engine.clip.GradientClip;
import org.rnnlab.engine.clip.PerTimestepClip;
import org.rnnlab.engine.init.NormalInit;
import org.rnnlab.engine.loss.CrossEntropyLoss;
import org.rnnlab.engine.loss.Loss;
import org.rnnlab.engine.loss.MseLoss;
import org.rnnlab.engine.optim.Sgd;

/**
 * The gradient-flow probe: its per-step norms are the norms of dL/dh_t (and dL/dc_t) that finite
 * differences of the loss in the state give, for every layer and step; and measuring leaves the
 * training that follows bit for bit as it was.
 */
class GradientFlowProbeTest {
  static final int IN = 3;
  static final int HID = 5;
  static final int OUT = 2;
  static final int STEPS = 5;
  static final int BATCH = 2;

  static SequenceModel model(CellConfig cell, int layers, ReadoutMode mode, Loss loss) {
    SequenceModel m = new SequenceModel(cell, IN, HID, layers, OUT, mode, loss);
    m.initialize(new NormalInit(0.6), new NormalInit(0.6), Rng.of(41).child("init"));
    return m;
  }

  static Batch batch(ReadoutMode mode, boolean classes, int size, long seed) {
    Rng r = Rng.of(seed);
    double[] x = new double[STEPS * size * IN];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.gaussian();
    }
    int positions = mode == ReadoutMode.EVERY_STEP ? STEPS * size : size;
    double[] y = null;
    int[] labels = null;
    if (classes) {
      labels = new int[positions];
      for (int i = 0; i < positions; i++) {
        labels[i] = r.nextInt(OUT);
      }
    } else {
      y = new double[positions * OUT];
      for (int i = 0; i < y.length; i++) {
        y[i] = r.gaussian();
      }
    }
    return new Batch(STEPS, size, IN, x, Batch.fullLengths(STEPS, size), y, labels, null);
  }

  /** Keeps a copy of every error vector, by (layer, t, part). */
  static final class Capture implements StepGradientHook {
    final Map<String, double[]> seen = new HashMap<>();

    @Override
    public void onStep(int layer, int t, double[] dh, double[] dc, int off, int len) {
      seen.put(layer + "/" + t + "/0", Arrays.copyOfRange(dh, off, off + len));
      if (dc != null) {
        seen.put(layer + "/" + t + "/1", Arrays.copyOfRange(dc, off, off + len));
      }
    }
  }

  /**
   * The probe's loss (last step only) with {@code delta} added to part {@code part} of layer k's
   * state after step t, recomputed layer by layer from the layers' forward passes alone: layer k
   * runs to step t, its state is perturbed (h_t also as the input of layer k+1 at step t), it runs
   * on from the perturbed state, and the layers above see its perturbed outputs.
   */
  static double perturbedLoss(SequenceModel m, Batch b, int k, int t, int part, double[] delta) {
    double[] v = m.params().values();
    int n = b.size();
    double[] in = b.inputs();
    for (int j = 0; j < m.layers().size(); j++) {
      RecurrentLayer l = m.layers().get(j).directions().get(0);
      int width = l.inputSize();
      double[] out = new double[STEPS * n * HID];
      if (j != k) {
        l.forward(v, in, 0, STEPS, n, null, 0, null);
        System.arraycopy(l.output(), l.outputOffset(), out, 0, out.length);
      } else {
        l.forward(v, in, 0, t + 1, n, null, 0, null);
        System.arraycopy(l.output(), l.outputOffset(), out, 0, (t + 1) * n * HID);
        double[][] s = new double[l.stateParts()][n * HID];
        l.finalState(s);
        for (int i = 0; i < n * HID; i++) {
          s[part][i] += delta[i];
          if (part == 0) {
            out[t * n * HID + i] += delta[i];
          }
        }
        if (t + 1 < STEPS) {
          l.forward(v, in, (t + 1) * n * width, STEPS - t - 1, n, null, t + 1, s);
          System.arraycopy(l.output(), l.outputOffset(), out, (t + 1) * n * HID, (STEPS - t - 1) * n * HID);
        }
      }
      in = out;
    }
    Params p = m.params();
    int w = p.get("readout.weight").offset();
    int bias = p.get("readout.bias").offset();
    double[] o = new double[n * OUT];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < OUT; c++) {
        double s = v[bias + c];
        for (int h = 0; h < HID; h++) {
          s += v[w + c * HID + h] * in[((STEPS - 1) * n + i) * HID + h];
        }
        o[i * OUT + c] = s;
      }
    }
    int posOff = m.readout() == ReadoutMode.EVERY_STEP ? (STEPS - 1) * n : 0;
    return m.loss().evaluate(o, n, OUT, b.targets(), b.labels(), posOff, null, new double[n * OUT]);
  }

  private static void checkAgainstFiniteDifferences(CellConfig cell, int layers, ReadoutMode mode, Loss loss) {
    SequenceModel m = model(cell, layers, mode, loss);
    Batch b = batch(mode, loss.classification(), BATCH, 3);
    GradientFlow flow = new GradientFlowProbe(m, b).measure();
    Capture cap = new Capture();
    m.addStepGradientHook(cap);
    Batch lossBatch = mode == ReadoutMode.EVERY_STEP ? GradientFlowProbe.lastStepOnly(b) : b;
    m.params().zeroGrads();
    assertEquals(flow.loss(), m.forwardBackward(lossBatch, 0, STEPS, null), 0.0);
    assertEquals(flow.loss(), perturbedLoss(m, b, 0, 0, 0, new double[BATCH * HID]), 1e-14 * Math.abs(flow.loss()),
        "the layer-by-layer recomputation is the probe's loss");
    int parts = m.layers().get(0).stateParts();
    for (int k = 0; k < layers; k++) {
      for (int t = 0; t < STEPS; t++) {
        for (int part = 0; part < parts; part++) {
          double[] analytic = cap.seen.get(k + "/" + t + "/" + part);
          double norm = part == 0 ? flow.hidden()[k][t] : flow.cell()[k][t];
          assertEquals(GradientClip.norm(analytic, 0, analytic.length), norm, 0.0, "probe norm " + k + "/" + t + "/" + part);
          if (part == 1 && t == STEPS - 1) {
            assertEquals(0.0, norm, 0.0, "nothing flows into c after the last step with h held fixed");
            continue;
          }
          double[] delta = new double[BATCH * HID];
          int kk = k;
          int tt = t;
          int pp = part;
          GradCheck.check(cell + " layer " + k + " t " + t + " part " + part, delta, 0, delta.length, analytic, 0,
              () -> perturbedLoss(m, b, kk, tt, pp, delta));
        }
      }
    }
    if (parts == 1) {
      assertNull(flow.cell());
    }
  }

  @Test
  void elmanNormsAreFiniteDifferenceNorms() {
    checkAgainstFiniteDifferences(new ElmanLayer.Config("tanh"), 1, ReadoutMode.LAST, new MseLoss());
    checkAgainstFiniteDifferences(new ElmanLayer.Config("tanh"), 2, ReadoutMode.EVERY_STEP, new CrossEntropyLoss());
  }

  @Test
  void lstmHiddenAndCellNormsAreFiniteDifferenceNorms() {
    checkAgainstFiniteDifferences(new LstmLayer.Config(1.0), 2, ReadoutMode.LAST, new CrossEntropyLoss());
  }

  @Test
  void gruNormsAreFiniteDifferenceNorms() {
    checkAgainstFiniteDifferences(new GruLayer.Config(false), 2, ReadoutMode.EVERY_STEP, new MseLoss());
  }

  private static List<Object> train(boolean probe) {
    SequenceModel m = model(new LstmLayer.Config(1.0), 2, ReadoutMode.EVERY_STEP, new MseLoss());
    Trainer tr = new Trainer(m, new Sgd(0.1, 0.9, false).create(m.params().size()),
        new PerTimestepClip(0.05, null, GlobalNormClip.of(0.5)), 2);
    Batch probeBatch = batch(ReadoutMode.EVERY_STEP, false, 4, 99); // another batch size than training's
    GradientFlowProbe flow = new GradientFlowProbe(m, probeBatch);
    JacobianProductProbe jac = new JacobianProductProbe(m, probeBatch, 2);
    Rng data = Rng.of(5);
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      if (probe && i % 2 == 0) {
        flow.measure();
        jac.measure(1, true);
        RecurrentSpectrum.of(m.params());
      }
      out.add(tr.step(batch(ReadoutMode.EVERY_STEP, false, BATCH, 100 + i)));
    }
    out.add(Arrays.stream(m.params().values()).boxed().toList());
    return out;
  }

  @Test
  void measuringChangesNothingInTraining() {
    List<Object> plain = train(false);
    List<Object> probed = train(true);
    for (int i = 0; i < plain.size(); i++) {
      if (!plain.get(i).equals(probed.get(i))) {
        fail("item " + i + " differs with the probes on: " + plain.get(i) + " vs " + probed.get(i));
      }
    }
  }

  /** Clipping hooks on the model neither act on a measurement nor see it. */
  @Test
  void measuresTheUnclippedFlow() {
    SequenceModel clipped = model(new ElmanLayer.Config("tanh"), 2, ReadoutMode.LAST, new MseLoss());
    SequenceModel bare = model(new ElmanLayer.Config("tanh"), 2, ReadoutMode.LAST, new MseLoss());
    Capture other = new Capture();
    clipped.addStepGradientHook(PerTimestepClip.of(1e-6).create(clipped.params()).stepHook());
    clipped.addStepGradientHook(other);
    Batch b = batch(ReadoutMode.LAST, false, BATCH, 7);
    GradientFlow a = new GradientFlowProbe(clipped, b).measure();
    GradientFlow c = new GradientFlowProbe(bare, b).measure();
    assertTrue(Arrays.deepEquals(c.hidden(), a.hidden()));
    assertTrue(other.seen.isEmpty(), "the model's own hooks saw the probe's pass");
    assertEquals(2, clipped.stepGradientHooks().size(), "the model's hooks are back");
    assertTrue(a.hidden()[0][0] > 0.0);
  }
}
