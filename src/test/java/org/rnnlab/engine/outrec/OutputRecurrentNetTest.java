package org.rnnlab.engine.outrec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.GradCheck;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.Params.Param;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.init.NormalInit;
import org.rnnlab.engine.init.PyTorchInit;

/**
 * The output-recurrence network: fourth-order finite differences (double, relative error &lt;= 1e-6) of
 * every parameter, teacher-forced and with fed classes the model chose itself (held fixed), on a ragged
 * batch, at hidden 9 and 17 (vectorised bodies and scalar tails of tanh and the readout's products); and
 * its structure: no path from one step's input to another step's output but through the fed class.
 */
class OutputRecurrentNetTest {
  static final int V = 5;
  static final int K = 4;

  /** Three sequences of lengths 6, 3 and 5: token ids 0..V-1, labels 0..K-1 (padding: zeros). */
  static Batch batch(long seed) {
    Rng r = Rng.of(seed).child("batch");
    int steps = 6;
    int n = 3;
    int[] lengths = {6, 3, 5};
    int[] tokens = new int[steps * n];
    int[] labels = new int[steps * n];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < lengths[i]; t++) {
        tokens[t * n + i] = r.nextInt(V);
        labels[t * n + i] = r.nextInt(K);
      }
    }
    return Batch.ofTokens(steps, n, tokens, 0, null, lengths, null, labels, null);
  }

  static OutputRecurrentNet net(int hidden, long seed) {
    OutputRecurrentNet net = new OutputRecurrentNet(V, K, hidden);
    net.initialize(new NormalInit(0.7), Rng.of(seed)); // larger than PyTorch's: tanh away from its linear part
    return net;
  }

  static void checkEveryParameter(OutputRecurrentNet net, Batch b, int[] fed) {
    Params p = net.params();
    p.zeroGrads();
    double l = net.forwardBackward(b, fed);
    assertTrue(Double.isFinite(l) && l > 0, "loss " + l);
    assertEquals(l, net.loss(b, net.logits(b, fed)), 0.0, "forwardBackward's loss is the loss of the logits");
    double[] g = p.grads().clone();
    double[] v = p.values();
    assertEquals(List.of("weight_ih", "weight_oh", "bias_h", "readout.weight", "readout.bias"),
        p.list().stream().map(Param::name).toList());
    for (Param q : p.list()) {
      GradCheck.check(q.name(), v, q.offset(), q.size(), g, q.offset(), () -> net.loss(b, net.logits(b, fed)));
    }
  }

  @Test
  void gradientOfEveryParameterTeacherForced() {
    for (int hidden : new int[] {9, 17}) {
      OutputRecurrentNet net = net(hidden, hidden);
      Batch b = batch(hidden);
      checkEveryParameter(net, b, net.teacherForcing(b));
    }
  }

  @Test
  void gradientOfEveryParameterWithTheModelsOwnFedClassesHeldFixed() {
    for (int hidden : new int[] {9, 17}) {
      OutputRecurrentNet net = net(hidden, 100 + hidden);
      Batch b = batch(100 + hidden);
      checkEveryParameter(net, b, ownChoices(net, b));
    }
  }

  /** The classes the free-running pass feeds: the start symbol, then each step's argmax. */
  static int[] ownChoices(OutputRecurrentNet net, Batch b) {
    double[] free = net.freeRunning(b);
    int n = b.size();
    int[] fed = new int[b.steps() * n];
    for (int p = 0; p < fed.length; p++) {
      if (p < n) {
        fed[p] = net.start();
        continue;
      }
      int q = p - n;
      int best = 0;
      for (int k = 1; k < K; k++) {
        if (free[q * K + k] > free[q * K + best]) {
          best = k;
        }
      }
      fed[p] = best;
    }
    return fed;
  }

  @Test
  void runningFreeIsTheParallelPassFedItsOwnChoices() {
    OutputRecurrentNet net = net(9, 5);
    Batch b = batch(5);
    double[] free = net.freeRunning(b);
    int[] fed = ownChoices(net, b);
    assertArrayEquals(free, net.logits(b, fed), "bit for bit");
    assertNotEquals(java.util.Arrays.toString(fed), java.util.Arrays.toString(net.teacherForcing(b)),
        "the test must feed something other than the targets");
  }

  @Test
  void teacherForcingFeedsTheStartSymbolThenThePreviousTarget() {
    OutputRecurrentNet net = net(9, 5);
    Batch b = batch(6);
    int[] fed = net.teacherForcing(b);
    int n = b.size();
    for (int p = 0; p < fed.length; p++) {
      assertEquals(p < n ? K : b.labels()[p - n], fed[p], "position " + p);
    }
  }

  /** No hidden-to-hidden connection: changing an input changes that step's output and no other. */
  @Test
  void anInputReachesOnlyItsOwnStepWhenTheFedClassesAreFixed() {
    OutputRecurrentNet net = net(9, 7);
    Batch b = batch(7);
    int[] fed = net.teacherForcing(b);
    double[] before = net.logits(b, fed);
    int n = b.size();
    int t = 2;
    b.tokens()[t * n] = (b.tokens()[t * n] + 1) % V;
    double[] after = net.logits(b, fed);
    for (int p = 0; p < b.steps() * n; p++) {
      boolean same = java.util.Arrays.equals(before, p * K, (p + 1) * K, after, p * K, (p + 1) * K);
      assertEquals(p != t * n, same, "position " + p);
    }
  }

  @Test
  void badShapesAreRefused() {
    OutputRecurrentNet net = new OutputRecurrentNet(V, K, 3);
    net.initialize(new PyTorchInit(), Rng.of(1));
    Batch b = batch(1);
    assertThrows(IllegalArgumentException.class, () -> net.logits(b, new int[3]));
    int[] fed = net.teacherForcing(b);
    fed[4] = K + 1;
    assertThrows(IllegalArgumentException.class, () -> net.logits(b, fed));
    assertThrows(IllegalArgumentException.class, () -> new OutputRecurrentNet(V, 1, 3));
  }

  /**
   * The float32 twin on the float64 net's weights rounded, and the float64 net on the same rounded weights: logits,
   * free-running logits, loss and every gradient agree to float32 precision (measured at hidden 9 and 17: logits
   * up to 9.6e-8, loss 1.1e-8, gradients 1.6e-7, relative to the largest; bounds 1e-6 and 1e-5).
   */
  @Test
  void float32AgreesWithFloat64OnTheSameWeights() {
    for (int hidden : new int[] {9, 17}) {
      OutputRecurrentNet d = net(hidden, 41);
      OutputRecurrentNetF32 f = new OutputRecurrentNetF32(V, K, hidden);
      double[] v = d.params().values();
      for (int i = 0; i < v.length; i++) {
        f.params().values()[i] = (float) v[i];
        v[i] = (float) v[i];
      }
      d.params().markChanged();
      f.params().markChanged();
      Batch b = batch(42);
      int[] fed = d.teacherForcing(b);
      assertClose(d.logits(b, fed), f.logits(b, fed), 1e-6, "logits");
      assertClose(d.freeRunning(b), f.freeRunning(b), 1e-6, "free-running logits");
      d.params().zeroGrads();
      f.params().zeroGrads();
      double ld = d.forwardBackward(b, fed);
      double lf = f.forwardBackward(b, fed);
      assertEquals(ld, lf, 1e-6 * ld, "loss");
      assertClose(d.params().grads(), f.params().grads(), 1e-5, "gradient");
    }
  }

  /** Every |a_i - b_i| within {@code rel} of the largest |a_i|. */
  private static void assertClose(double[] a, float[] b, double rel, String what) {
    assertEquals(a.length, b.length, what);
    double scale = 0.0;
    for (double x : a) {
      scale = Math.max(scale, Math.abs(x));
    }
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], b[i], rel * scale, what + " at " + i);
    }
  }
}
