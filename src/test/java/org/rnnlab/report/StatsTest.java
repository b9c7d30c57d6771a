package org.rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void quartilesInterpolateLikeRAndNumpy() {
    // R: quantile(c(1, 2, 4, 8), c(.25, .5, .75)) = 1.75 3.00 5.00 (type 7).
    Stats s = Stats.of(new double[] {8, 1, 4, 2});
    assertEquals(1.75, s.q1(), 1e-15);
    assertEquals(3.0, s.median(), 1e-15);
    assertEquals(5.0, s.q3(), 1e-15);
  }

  @Test
  void bootstrapIntervalStaysInsideTheDataWhereTheTIntervalCrossesZero() {
    // A loss with one large seed: the t interval of the mean goes below zero, the bootstrap one cannot.
    double[] loss = {0.0003547, 0.0004, 0.0006, 0.0011, 0.003146};
    Stats s = Stats.of(loss);
    assertTrue(s.ciLow() < 0, "t interval " + s.ciLow());
    assertTrue(s.bootLow() >= 0.0003547 && s.bootHigh() <= 0.003146, s.bootLow() + ".." + s.bootHigh());
    assertTrue(s.bootLow() < s.mean() && s.mean() < s.bootHigh());
  }

  @Test
  void bootstrapIsDeterministicAndCoversAboutTheTIntervalForSymmetricData() {
    double[] v = new double[40];
    for (int i = 0; i < v.length; i++) {
      v[i] = (i % 2 == 0 ? 1 : -1) * (i / 2) * 0.1 + 5;
    }
    Stats a = Stats.of(v);
    double[] reversed = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      reversed[i] = v[v.length - 1 - i];
    }
    // the same interval whatever order the seeds' values come in (the bootstrap resamples them sorted)
    Stats b = Stats.of(reversed);
    assertEquals(a.bootLow(), b.bootLow(), 0.0);
    assertEquals(a.bootHigh(), b.bootHigh(), 0.0);
    // With 40 symmetric values the percentile interval is close to the t interval (within 15% of its width).
    double width = a.ciHigh() - a.ciLow();
    assertEquals(a.ciLow(), a.bootLow(), 0.15 * width);
    assertEquals(a.ciHigh(), a.bootHigh(), 0.15 * width);
  }

  @Test
  void twoSeedsGiveTheirRange() {
    Stats s = Stats.of(new double[] {1, 3});
    assertEquals(1.0, s.bootLow(), 0.0);
    assertEquals(3.0, s.bootHigh(), 0.0);
    assertTrue(Double.isNaN(Stats.of(new double[] {2}).bootLow()));
  }
}
