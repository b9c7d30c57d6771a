package org.rnnlab.engine.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Params;

/** Global-norm clipping (Pascanu et al. 2013, Algorithm 1, in torch.nn.utils.clip_grad_norm_'s form). */
class GlobalNormClipTest extends ClipContractTest {
  @Override
  protected GradientClip absolute(double threshold) {
    return GlobalNormClip.of(threshold);
  }

  @Override
  protected GradientClip relative(double factor, int updates) {
    return new GlobalNormClip(factor, updates);
  }

  @Override
  protected double firingThreshold() {
    return 1e-3;
  }

  @Override
  protected void assertBound(double threshold, Params p, double largestError) {
    assertTrue(GradientClip.norm(p.grads()) <= threshold, "norm " + GradientClip.norm(p.grads()));
  }

  @Override
  protected void assertDirection(double[] raw, double[] clipped, Params p) {
    assertParallel("the whole gradient", raw, clipped, 0, raw.length);
  }

  @Override
  protected Map<String, Double> expectedThresholds(double factor, List<Update> calibration, Params p) {
    double sum = 0.0;
    for (Update u : calibration) {
      sum += GradientClip.norm(u.grads());
    }
    return Map.of("max_norm", factor * (sum / calibration.size()));
  }

  /** A flat parameter vector holding {@code g} as its gradient. */
  static Params params(double... g) {
    Params.Builder b = new Params.Builder();
    b.add("g", 1, g.length, Params.Kind.BIAS, 1);
    Params p = b.build();
    System.arraycopy(g, 0, p.grads(), 0, g.length);
    return p;
  }

  @Test
  void normIsTheEuclideanNorm() {
    assertEquals(5.0, GradientClip.norm(new double[] {3.0, -4.0}), 0.0);
    assertEquals(13.0, GradientClip.norm(new double[] {-5.0, 0.0, 12.0}), 0.0);
    assertEquals(0.0, GradientClip.norm(new double[0]), 0.0);
    assertEquals(13.0, GradientClip.norm(new double[] {9.0, -5.0, 0.0, 12.0, 7.0}, 1, 3), 0.0);
  }

  @Test
  void scalesToMaxNormTimesNOverNPlusEpsWhenAbove() {
    Params p = params(3.0, -4.0, 0.0, 12.0); // norm 13
    ClipStats s = GlobalNormClip.of(2.0).create(p).clip(p);
    assertEquals(13.0, s.normBefore(), 0.0, "the norm before clipping");
    double f = 2.0 / (13.0 + 1e-6);
    assertArrayEquals(new double[] {3.0 * f, -4.0 * f, 0.0, 12.0 * f}, p.grads(), 0.0);
    // the clipped norm is max_norm * n/(n + 1e-6), just under max_norm
    assertEquals(2.0 * 13.0 / (13.0 + 1e-6), s.normAfter(), 1e-15);
    assertTrue(s.fired());
  }

  @Test
  void clipsOnlyStrictlyAbove() {
    Params small = params(0.3, -0.4);
    assertEquals(ClipStats.unchanged(GradientClip.norm(small.grads()), false),
        GlobalNormClip.of(1.0).create(small).clip(small));
    assertArrayEquals(new double[] {0.3, -0.4}, small.grads(), 0.0);
    Params at = params(3.0, 4.0);
    assertEquals(ClipStats.unchanged(5.0, false), GlobalNormClip.of(5.0).create(at).clip(at));
    Params above = params(3.0, 4.0);
    GlobalNormClip.of(4.999).create(above).clip(above);
    assertEquals(4.999 * 5.0 / (5.0 + 1e-6), GradientClip.norm(above.grads()), 1e-14);
  }

  @Test
  void recordRejectsBadSettingsQuotingThem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GlobalNormClip.of(-1.0));
    assertTrue(e.getMessage().contains("-1.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new GlobalNormClip(null, null));
    e = assertThrows(IllegalArgumentException.class, () -> new GlobalNormClip(1.0, 0));
    assertTrue(e.getMessage().contains("calibration_updates") && e.getMessage().contains("0"), e.getMessage());
  }
}
