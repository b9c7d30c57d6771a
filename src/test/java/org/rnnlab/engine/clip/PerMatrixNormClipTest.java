package org.rnnlab.engine.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.Params.Param;

/** Norm clipping of each parameter tensor on its own. */
class PerMatrixNormClipTest extends ClipContractTest {
  @Override
  protected GradientClip absolute(double threshold) {
    return PerMatrixNormClip.of(threshold);
  }

  @Override
  protected GradientClip relative(double factor, int updates) {
    return new PerMatrixNormClip(factor, updates);
  }

  @Override
  protected double firingThreshold() {
    return 1e-4;
  }

  @Override
  protected void assertBound(double threshold, Params p, double largestError) {
    for (Param t : p.list()) {
      assertTrue(GradientClip.norm(p.grads(), t.offset(), t.size()) <= threshold, t.name());
    }
  }

  @Override
  protected void assertDirection(double[] raw, double[] clipped, Params p) {
    for (Param t : p.list()) {
      assertParallel(t.name(), raw, clipped, t.offset(), t.size());
    }
  }

  @Override
  protected Map<String, Double> expectedThresholds(double factor, List<Update> calibration, Params p) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (Param t : p.list()) {
      double sum = 0.0;
      for (Update u : calibration) {
        sum += GradientClip.norm(u.grads(), t.offset(), t.size());
      }
      m.put(t.name(), factor * (sum / calibration.size()));
    }
    return m;
  }

  @Test
  void eachTensorIsClippedAloneTheOthersStayBitForBit() {
    Params.Builder b = new Params.Builder();
    b.add("a", 1, 2, Params.Kind.BIAS, 1);
    b.add("b", 1, 2, Params.Kind.BIAS, 1);
    Params p = b.build();
    double[] g = {3.0, 4.0, 0.3, 0.4}; // norms 5 and 0.5; global norm above 1 too
    System.arraycopy(g, 0, p.grads(), 0, 4);
    ClipStats s = PerMatrixNormClip.of(1.0).create(p).clip(p);
    double f = 1.0 / (5.0 + 1e-6);
    assertArrayEquals(new double[] {3.0 * f, 4.0 * f, 0.3, 0.4}, p.grads(), 0.0);
    assertTrue(s.fired());
    assertEquals(GradientClip.norm(g), s.normBefore(), 0.0);
    assertEquals(Map.of("a", 1.0, "b", 1.0), PerMatrixNormClip.of(1.0).create(p).thresholds());
  }
}
