package org.rnnlab.engine.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Params;

/** Element-wise clipping of the final gradient (torch.nn.utils.clip_grad_value_). */
class ValueClipTest extends ClipContractTest {
  @Override
  protected GradientClip absolute(double threshold) {
    return ValueClip.of(threshold);
  }

  @Override
  protected GradientClip relative(double factor, int updates) {
    return new ValueClip(factor, updates);
  }

  @Override
  protected double firingThreshold() {
    return 1e-4;
  }

  @Override
  protected void assertBound(double threshold, Params p, double largestError) {
    double[] g = p.grads();
    assertTrue(GradientClip.maxAbs(g, 0, g.length) <= threshold);
  }

  @Override
  protected Map<String, Double> expectedThresholds(double factor, List<Update> calibration, Params p) {
    double sum = 0.0;
    for (Update u : calibration) {
      sum += GradientClip.maxAbs(u.grads(), 0, u.grads().length);
    }
    return Map.of("clip_value", factor * (sum / calibration.size()));
  }

  @Test
  void clampsEveryComponentAndReportsBothNorms() {
    Params p = GlobalNormClipTest.params(0.5, -2.0, 3.0, -0.25, 1.0);
    double before = GradientClip.norm(p.grads());
    ClipStats s = ValueClip.of(1.0).create(p).clip(p);
    assertArrayEquals(new double[] {0.5, -1.0, 1.0, -0.25, 1.0}, p.grads(), 0.0);
    assertEquals(new ClipStats(before, GradientClip.norm(p.grads()), true, false, 0), s);
  }
}
