package org.rnnlab.engine.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.StepResult;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.GradCheck;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.Trainer;
import org.rnnlab.engine.cell.LstmLayer;
import org.rnnlab.engine.cell.StepGradientHook;
import org.rnnlab.engine.init.NormalInit;
import org.rnnlab.engine.loss.MseLoss;
import org.rnnlab.engine.optim.Sgd;

/**
 * What every clipping rule guarantees (docs/clipping.md): inactive, it changes nothing bit for bit
 * and training with it installed has the finite-difference gradient; active, its bound holds, it
 * keeps the direction where it should and reports what it did; a relative threshold measures for
 * its calibration updates, then acts as the absolute rule with the threshold it reports; and all
 * of it is deterministic. A rule's test extends this and names the rule, its bound and its
 * calibration statistic. The model is a 2-layer LSTM (so the hook sees dc too) of hidden size 11,
 * which exercises both the vector body and the scalar tail.
 */
public abstract class ClipContractTest {
  protected static final int IN = 3;
  protected static final int HID = 11;
  protected static final int OUT = 2;
  protected static final int STEPS = 6;
  protected static final int BATCH = 3;
  /** A threshold no gradient of the test model comes near. */
  protected static final double HUGE = 1e30;
  static final int CALIBRATION = 3;

  /** The rule with an absolute threshold. */
  protected abstract GradientClip absolute(double threshold);

  /** The rule with a threshold of {@code factor} times its statistic's mean over the first {@code updates}. */
  protected abstract GradientClip relative(double factor, int updates);

  /** An absolute threshold at which the rule fires on the test model's first update. */
  protected abstract double firingThreshold();

  /**
   * Asserts the rule's guarantee after an update clipped at {@code threshold}: on the final gradient
   * and, for rules inside BPTT, on {@code largestError}, the largest |dL/dh_t| element the next hook saw.
   */
  protected abstract void assertBound(double threshold, Params p, double largestError);

  /** The thresholds the rule must report after calibrating on these updates (unclipped) with this factor. */
  protected abstract Map<String, Double> expectedThresholds(double factor, List<Update> calibration, Params p);

  /** Asserts what the rule keeps of the unclipped gradient {@code raw} in {@code clipped}; default: nothing. */
  protected void assertDirection(double[] raw, double[] clipped, Params p) {}

  /** Whether the rule ever changes a gradient ({@code none} does not). */
  protected boolean clips() {
    return true;
  }

  /** The absolute rule equivalent to reported thresholds, or null if the rule's keys cannot say them. */
  protected GradientClip calibrated(Map<String, Double> thresholds) {
    return thresholds.size() == 1 ? absolute(thresholds.values().iterator().next()) : null;
  }

  /** One unclipped update: its gradient and the largest |element| of dL/dh_t over its steps and layers. */
  protected record Update(double[] grads, double largestError) {}

  static SequenceModel model() {
    SequenceModel m = new SequenceModel(new LstmLayer.Config(1.0), IN, HID, 2, OUT, ReadoutMode.EVERY_STEP,
        new MseLoss());
    m.initialize(new NormalInit(0.5), new NormalInit(0.5), Rng.of(21).child("init"));
    return m;
  }

  static Batch batch(Rng r) {
    return batch(r, STEPS, 2.0);
  }

  /** Gaussian inputs and every-step targets of standard deviation {@code scale}. */
  static Batch batch(Rng r, int steps, double scale) {
    double[] x = new double[steps * BATCH * IN];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.gaussian();
    }
    double[] y = new double[steps * BATCH * OUT];
    for (int i = 0; i < y.length; i++) {
      y[i] = scale * r.gaussian();
    }
    return new Batch(steps, BATCH, IN, x, Batch.fullLengths(steps, BATCH), y, null, null);
  }

  /** Keeps the largest |dL/dh_t| element it sees. */
  static final class LargestError implements StepGradientHook {
    double largest;

    @Override
    public void onStep(int layer, int t, double[] dh, double[] dc, int off, int len) {
      largest = Math.max(largest, GradientClip.maxAbs(dh, off, len));
    }
  }

  /** One update by hand: the rule's hook installed, backward, clip; the recorder hook runs after the rule's. */
  static ClipStats update(SequenceModel m, Clipper c, Batch b, LargestError after) {
    StepGradientHook h = c.stepHook();
    if (h != null) {
      m.addStepGradientHook(h);
    }
    if (after != null) {
      m.addStepGradientHook(after);
    }
    m.params().zeroGrads();
    c.beginUpdate();
    m.forwardBackward(b, 0, STEPS, null);
    ClipStats s = c.clip(m.params());
    m.setStepGradientHooks(List.of());
    return s;
  }

  static double[] unclipped(SequenceModel m, Batch b) {
    m.params().zeroGrads();
    m.forwardBackward(b, 0, STEPS, null);
    return m.params().grads().clone();
  }

  static void assertBits(String what, double[] a, double[] b) {
    assertEquals(a.length, b.length, what);
    for (int i = 0; i < a.length; i++) {
      if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(b[i])) {
        fail(what + ": index " + i + ": " + a[i] + " vs " + b[i]);
      }
    }
  }

  /** clipped = s * raw with one s in (0, 1] over [off, off+len), to rounding. */
  protected static void assertParallel(String what, double[] raw, double[] clipped, int off, int len) {
    double dot = 0.0;
    double rr = 0.0;
    double max = 0.0;
    for (int i = off; i < off + len; i++) {
      dot += raw[i] * clipped[i];
      rr += raw[i] * raw[i];
      max = Math.max(max, Math.abs(raw[i]));
    }
    double s = dot / rr;
    assertTrue(s > 0.0 && s <= 1.0 + 1e-15, what + ": scale " + s);
    for (int i = off; i < off + len; i++) {
      assertEquals(s * raw[i], clipped[i], 1e-15 * max, what + ": index " + i + " is not on the line of the raw gradient");
    }
  }

  @Test
  void inactiveRuleChangesNothingBitForBit() {
    SequenceModel m = model();
    Batch b = batch(Rng.of(1));
    double[] plain = unclipped(m, b);
    Clipper c = absolute(HUGE).create(m.params());
    ClipStats s = update(m, c, b, null);
    assertBits("gradient under an inactive rule", plain, m.params().grads());
    double n = GradientClip.norm(plain);
    assertEquals(ClipStats.unchanged(n, false), s);
  }

  @Test
  void gradientCheckOfTrainingWithTheInactiveRuleInstalled() {
    SequenceModel m = model();
    Batch b = batch(Rng.of(2));
    Clipper c = absolute(HUGE).create(m.params());
    if (c.stepHook() != null) {
      m.addStepGradientHook(c.stepHook());
    }
    m.params().zeroGrads();
    c.beginUpdate();
    m.forwardBackward(b, 0, STEPS, null);
    c.clip(m.params());
    double[] grads = m.params().grads().clone();
    double[] theta = m.params().values();
    GradCheck.check("parameters with the rule installed", theta, 0, theta.length, grads, 0, () -> {
      m.params().zeroGrads();
      c.beginUpdate();
      return m.forwardBackward(b, 0, STEPS, null);
    });
  }

  @Test
  void boundHoldsDirectionKeptAndStatsTrue() {
    assumeTrue(clips());
    SequenceModel m = model();
    Batch b = batch(Rng.of(3));
    double[] raw = unclipped(m, b);
    double threshold = firingThreshold();
    LargestError seen = new LargestError();
    ClipStats s = update(m, absolute(threshold).create(m.params()), b, seen);
    double[] g = m.params().grads();
    assertTrue(s.fired(), "threshold " + threshold + " did not fire: " + s);
    assertFalse(s.calibrating());
    assertFalse(java.util.Arrays.equals(raw, g) && s.stepsClipped() == 0, "fired but changed nothing");
    assertBound(threshold, m.params(), seen.largest);
    assertDirection(raw, g, m.params());
    assertEquals(GradientClip.norm(g), s.normAfter(), 0.0, "normAfter is the norm of the clipped gradient");
    assertTrue(s.normAfter() <= s.normBefore(), s.toString());
  }

  private static List<Object> train(GradientClip rule, int updates) {
    SequenceModel m = model();
    Trainer tr = new Trainer(m, new Sgd(0.1, null, null).create(m.params().size()), rule, 0);
    Rng data = Rng.of(4);
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < updates; i++) {
      out.add(tr.step(batch(data)));
    }
    out.add(m.params().values().clone());
    return out;
  }

  @Test
  void deterministicBitForBit() {
    for (GradientClip rule : new GradientClip[] {absolute(firingThreshold()), relative(0.5, 2)}) {
      List<Object> a = train(rule, 5);
      List<Object> b = train(rule, 5);
      for (int i = 0; i < 5; i++) {
        assertEquals(a.get(i), b.get(i), rule + ", update " + i);
      }
      assertBits(rule + " parameters", (double[]) a.get(5), (double[]) b.get(5));
    }
  }

  @Test
  void relativeThresholdMeasuresFirstThenActsAsTheAbsoluteRule() {
    assumeTrue(clips());
    double factor = 0.5;
    Rng dataA = Rng.of(5);
    Rng dataB = Rng.of(5);
    SequenceModel a = model();
    SequenceModel b = model();
    Trainer ta = new Trainer(a, new Sgd(0.1, null, null).create(a.params().size()), relative(factor, CALIBRATION), 0);
    Trainer tb = new Trainer(b, new Sgd(0.1, null, null).create(b.params().size()), new NoClip(), 0);
    LargestError seen = new LargestError();
    b.addStepGradientHook(seen);
    List<Update> calibration = new ArrayList<>();
    for (int i = 0; i < CALIBRATION; i++) {
      assertEquals(Map.of(), ta.clipper().thresholds(), "thresholds before calibration ended");
      Batch batch = batch(dataA);
      StepResult ra = ta.step(batch);
      seen.largest = 0.0;
      StepResult rb = tb.step(batch(dataB));
      calibration.add(new Update(b.params().grads().clone(), seen.largest));
      ClipStats s = ra.clips().get(0);
      assertTrue(s.calibrating() && !s.fired(), "calibration update " + i + ": " + s);
      assertEquals(rb.clips().get(0).normBefore(), s.normBefore(), 0.0);
      assertBits("calibration update " + i + " clips nothing", b.params().values(), a.params().values());
    }
    Map<String, Double> got = ta.clipper().thresholds();
    assertEquals(expectedThresholds(factor, calibration, a.params()), got,
        "thresholds = factor x mean of the statistic over the calibration updates");
    GradientClip equivalent = calibrated(got);
    if (equivalent != null) {
      b.removeStepGradientHook(seen);
      tb.detach();
      Trainer tc = new Trainer(b, new Sgd(0.1, null, null).create(b.params().size()), equivalent, 0);
      boolean fired = false;
      for (int i = 0; i < 3; i++) {
        ClipStats sa = ta.step(batch(dataA)).clips().get(0);
        ClipStats sc = tc.step(batch(dataB)).clips().get(0);
        assertEquals(sc, sa, "update " + (CALIBRATION + i));
        fired |= sa.fired();
      }
      assertBits("after calibration: the absolute rule with the reported threshold", b.params().values(),
          a.params().values());
      assertTrue(fired, "factor " + factor + " never fired after calibration: the comparison would be vacuous");
    }
  }
}
