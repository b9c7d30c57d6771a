package org.rnnlab.engine.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.StepResult;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.RecordingOptimizer;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.Trainer;
import org.rnnlab.engine.cell.ElmanLayer;
import org.rnnlab.engine.cell.GruLayer;
import org.rnnlab.engine.cell.StepGradientHook;
import org.rnnlab.engine.init.NormalInit;
import org.rnnlab.engine.loss.MseLoss;
import org.rnnlab.engine.optim.Sgd;
import org.rnnlab.spec.Catalog;

/** Mikolov's element-wise clipping of dL/dh_t inside BPTT, alone and followed by an after-backward rule. */
class PerTimestepClipTest extends ClipContractTest {
  @Override
  protected GradientClip absolute(double threshold) {
    return PerTimestepClip.of(threshold);
  }

  @Override
  protected GradientClip relative(double factor, int updates) {
    return new PerTimestepClip(factor, updates, null);
  }

  @Override
  protected double firingThreshold() {
    return 1e-4;
  }

  @Override
  protected void assertBound(double threshold, Params p, double largestError) {
    assertTrue(largestError <= threshold, "an error element " + largestError + " passed the clip");
  }

  @Override
  protected Map<String, Double> expectedThresholds(double factor, List<Update> calibration, Params p) {
    double sum = 0.0;
    for (Update u : calibration) {
      sum += u.largestError();
    }
    return Map.of("threshold", factor * (sum / calibration.size()));
  }

  /** Keeps a copy of every error it sees, per (layer, t), and the largest element per layer. */
  static final class Errors implements StepGradientHook {
    final Map<String, double[]> seen = new LinkedHashMap<>();
    final double[] largest = new double[2];

    @Override
    public void onStep(int layer, int t, double[] dh, double[] dc, int off, int len) {
      seen.put(layer + "/" + t, java.util.Arrays.copyOfRange(dh, off, off + len));
      largest[layer] = Math.max(largest[layer], GradientClip.maxAbs(dh, off, len));
    }
  }

  /**
   * The scalar tanh RNN of seed 000 eq. 7.5 (one unit, three steps, loss at the last), computed by
   * hand: the error at h_3 is clipped, and what reaches h_2 and h_1 is the clipped error times
   * (1 - h^2) w, clipped again; unclipped, it would be 30 and 50 times larger there.
   */
  @Test
  void clipsTheErrorAtEveryStepAndWhatFlowsBackIsTheClippedError() {
    double a = 0.5;
    double w = 1.8;
    double v = 3.0;
    double y = -2.0;
    double c = 0.9;
    double[] x = {0.4, -0.3, 0.2};
    SequenceModel m = new SequenceModel(new ElmanLayer.Config("tanh"), 1, 1, 1, 1, ReadoutMode.LAST, new MseLoss());
    Params p = m.params();
    p.values()[p.get("weight_ih_l0").offset()] = a;
    p.values()[p.get("weight_hh_l0").offset()] = w;
    p.values()[p.get("readout.weight").offset()] = v;
    Batch b = new Batch(3, 1, 1, x.clone(), new int[] {3}, new double[] {y}, null, null);

    double[] h = new double[4];
    for (int t = 0; t < 3; t++) {
      h[t + 1] = StrictMath.tanh(a * x[t] + w * h[t]);
    }
    double dOut = 2.0 * (v * h[3] - y);
    double[] e = new double[3];   // clipped dL/dh after step t
    double[] raw = new double[3]; // what arrived before clipping
    double[] free = new double[3]; // the unclipped chain
    double r = dOut * v;
    double u = dOut * v;
    for (int t = 2; t >= 0; t--) {
      raw[t] = r;
      e[t] = Math.max(-c, Math.min(c, r));
      free[t] = u;
      r = e[t] * (1 - h[t + 1] * h[t + 1]) * w;
      u = u * (1 - h[t + 1] * h[t + 1]) * w;
    }
    for (int t = 0; t < 3; t++) {
      assertTrue(Math.abs(raw[t]) > c, "the case must clip at step " + t);
      assertTrue(Math.abs(free[t]) > 10 * Math.abs(raw[t]) || t == 2, "clipping must change what reaches step " + t);
    }
    double dwIh = 0;
    double dwHh = 0;
    double db = 0;
    for (int t = 0; t < 3; t++) {
      double delta = e[t] * (1 - h[t + 1] * h[t + 1]);
      dwIh += delta * x[t];
      dwHh += delta * h[t];
      db += delta;
    }

    Clipper clipper = PerTimestepClip.of(c).create(p);
    Errors after = new Errors();
    m.addStepGradientHook(clipper.stepHook());
    m.addStepGradientHook(after);
    p.zeroGrads();
    clipper.beginUpdate();
    m.forwardBackward(b, 0, 3, null);
    ClipStats s = clipper.clip(p);
    assertEquals(3, s.stepsClipped());
    assertTrue(s.fired());
    for (int t = 0; t < 3; t++) {
      assertEquals(e[t], after.seen.get("0/" + t)[0], 1e-12, "clipped error at step " + t);
    }
    double[] g = p.grads();
    assertEquals(dwIh, g[p.get("weight_ih_l0").offset()], 1e-12);
    assertEquals(dwHh, g[p.get("weight_hh_l0").offset()], 1e-12);
    assertEquals(db, g[p.get("bias_ih_l0").offset()], 1e-12);
    assertEquals(db, g[p.get("bias_hh_l0").offset()], 1e-12);
    assertEquals(dOut * h[3], g[p.get("readout.weight").offset()], 1e-12, "the readout is above the clip");
    assertEquals(dOut, g[p.get("readout.bias").offset()], 1e-12);
  }

  static SequenceModel stacked() {
    SequenceModel m = new SequenceModel(new GruLayer.Config(true), IN, 5, 2, OUT, ReadoutMode.EVERY_STEP, new MseLoss());
    m.initialize(new NormalInit(0.6), new NormalInit(0.6), Rng.of(31).child("init"));
    return m;
  }

  /**
   * Two GRU layers, truncated BPTT over segments of 4 of 10 steps: the clip holds at every step of
   * both layers (and fired in both), layer 0 receives a different error than without clipping
   * (what layer 1 passes down is clipped), every segment is one update with its own statistics,
   * and each segment's gradient is that segment's BPTT from the carried state with the clip.
   */
  @Test
  void worksWithTruncationAndStackedLayers() {
    double c = 0.05;
    int k = 4;
    SequenceModel m = stacked();
    Errors before = new Errors();
    m.addStepGradientHook(before); // added before the trainer's: sees the errors as they arrive
    RecordingOptimizer rec = new RecordingOptimizer(new Sgd(0.05, null, null).create(m.params().size()));
    Trainer tr = new Trainer(m, rec, PerTimestepClip.of(c), k);
    Errors after = new Errors();
    m.addStepGradientHook(after);
    Batch b = batch(Rng.of(8), 10, 3.0);
    StepResult res = tr.step(b);

    assertEquals(3, res.clips().size(), "one update per segment");
    for (ClipStats s : res.clips()) {
      assertTrue(s.fired() && s.stepsClipped() > 0, s.toString());
    }
    assertEquals(2 * 10, after.seen.size(), "every (layer, t) once, t counted from the sequence start");
    for (int layer = 0; layer < 2; layer++) {
      assertTrue(before.largest[layer] > c, "layer " + layer + " never needed clipping: vacuous");
      assertTrue(after.largest[layer] <= c, "layer " + layer + ": " + after.largest[layer]);
    }

    SequenceModel plain = stacked();
    Errors free = new Errors();
    plain.addStepGradientHook(free);
    plain.forwardBackward(b, 0, k, null);
    assertFalse(java.util.Arrays.equals(free.seen.get("0/3"), before.seen.get("0/3")),
        "layer 0 must receive layer 1's clipped error");

    SequenceModel check = stacked();
    check.addStepGradientHook(PerTimestepClip.of(c).create(check.params()).stepHook());
    SequenceModel.State state = null;
    for (int j = 0; j < 3; j++) {
      int t0 = j * k;
      int len = Math.min(k, 10 - t0);
      System.arraycopy(rec.paramsBefore.get(j), 0, check.params().values(), 0, check.params().size());
      check.params().zeroGrads();
      check.forwardBackward(b, t0, len, state);
      assertBits("segment " + j, rec.grads.get(j), check.params().grads());
      state = check.finalState();
    }
  }

  /** With an inactive clip inside BPTT, per_timestep + after is the after rule alone, bit for bit; active, both bounds hold. */
  @Test
  void composesWithOneAfterBackwardRule() {
    GradientClip global = GlobalNormClip.of(0.2);
    List<Object> composed = trainTwo(new PerTimestepClip(HUGE, null, global));
    List<Object> alone = trainTwo(global);
    assertEquals(alone.get(0), composed.get(0));
    assertBits("parameters", (double[]) alone.get(1), (double[]) composed.get(1));

    SequenceModel m = model();
    Batch b = batch(Rng.of(9));
    LargestError seen = new LargestError();
    Clipper both = new PerTimestepClip(1e-3, null, global).create(m.params());
    ClipStats s = update(m, both, b, seen);
    assertTrue(seen.largest <= 1e-3 && s.stepsClipped() > 0, "inside BPTT");
    assertTrue(GradientClip.norm(m.params().grads()) <= 0.2 || s.normBefore() <= 0.2, "after");
    assertEquals(Map.of("threshold", 1e-3, "after.max_norm", 0.2), both.thresholds());
  }

  private static List<Object> trainTwo(GradientClip rule) {
    SequenceModel m = model();
    Trainer tr = new Trainer(m, new Sgd(0.1, null, null).create(m.params().size()), rule, 0);
    Rng data = Rng.of(10);
    List<Object> stats = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      stats.addAll(tr.step(batch(data)).clips());
    }
    return List.of(stats, m.params().values().clone());
  }

  @Test
  void specForms() throws Exception {
    ObjectMapper json = Catalog.standard().mapper();
    GradientClip bare = json.readValue("{\"type\": \"per_timestep\"}", GradientClip.class);
    assertEquals(new PerTimestepClip(15.0, null, new NoClip()), bare, "Mikolov's default threshold, no after rule");
    GradientClip nested = json.readValue(
        "{\"type\": \"per_timestep\", \"threshold\": 5, \"after\": {\"type\": \"global_norm\", \"max_norm\": 1.0}}",
        GradientClip.class);
    assertEquals(new PerTimestepClip(5.0, null, GlobalNormClip.of(1.0)), nested);
    assertEquals(GlobalNormClip.of(1.0), json.readValue("{\"type\": \"global_norm\", \"max_norm\": 1.0}", GradientClip.class));
    assertEquals(new NoClip(), json.readValue("{\"type\": \"none\"}", GradientClip.class));
    assertEquals("{\"type\":\"global_norm\",\"max_norm\":1.0}", json.writeValueAsString(GlobalNormClip.of(1.0)),
        "the existing form serialises as before");
    Exception e = assertThrows(Exception.class, () -> json.readValue(
        "{\"type\": \"per_timestep\", \"after\": {\"type\": \"per_timestep\"}}", GradientClip.class));
    assertTrue(e.getMessage().contains("after-backward"), e.getMessage());
    assertNotEquals(bare, nested);
  }
}
