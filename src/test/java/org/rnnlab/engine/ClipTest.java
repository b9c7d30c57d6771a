package org.rnnlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rnnlab.engine.clip.GlobalNormClip;
import org.rnnlab.engine.clip.GradientClip;
import org.rnnlab.engine.clip.ValueClip;

/** Gradient clipping by global norm (torch.nn.utils.clip_grad_norm_) and by value. */
class ClipTest {

  @Test
  void normIsTheEuclideanNorm() {
    assertEquals(5.0, GradientClip.norm(new double[] {3.0, -4.0}), 0.0);
    assertEquals(13.0, GradientClip.norm(new double[] {-5.0, 0.0, 12.0}), 0.0);
    assertEquals(0.0, GradientClip.norm(new double[0]), 0.0);
  }

  @Test
  void globalNormScalesToMaxNormTimesNOverNPlusEpsWhenAbove() {
    double[] g = {3.0, -4.0, 0.0, 12.0}; // norm 13
    double pre = new GlobalNormClip(2.0).apply(g);
    assertEquals(13.0, pre, 0.0, "returns the norm before clipping");
    double s = 2.0 / (13.0 + 1e-6);
    assertArrayEquals(new double[] {3.0 * s, -4.0 * s, 0.0, 12.0 * s}, g, 1e-15);
    // the clipped norm is max_norm * n/(n + 1e-6), just under max_norm
    assertEquals(2.0 * 13.0 / (13.0 + 1e-6), GradientClip.norm(g), 1e-15);
  }

  @Test
  void globalNormLeavesSmallGradientsUntouched() {
    double[] g = {0.3, -0.4};
    double[] before = g.clone();
    assertEquals(0.5, new GlobalNormClip(1.0).apply(g), 1e-16);
    assertArrayEquals(before, g, 0.0);
    // exactly at the limit: not clipped (only strictly above)
    double[] h = {3.0, 4.0};
    assertEquals(5.0, new GlobalNormClip(5.0).apply(h), 0.0);
    assertArrayEquals(new double[] {3.0, 4.0}, h, 0.0);
    // just above: clipped
    double[] k = {3.0, 4.0};
    new GlobalNormClip(4.999).apply(k);
    assertEquals(4.999 * 5.0 / (5.0 + 1e-6), GradientClip.norm(k), 1e-14);
  }

  @Test
  void valueClipClampsEveryComponentAndReturnsThePreClipNorm() {
    double[] g = {0.5, -2.0, 3.0, -0.25, 1.0};
    double n = GradientClip.norm(g);
    assertEquals(n, new ValueClip(1.0).apply(g), 0.0);
    assertArrayEquals(new double[] {0.5, -1.0, 1.0, -0.25, 1.0}, g, 0.0);
  }
}
