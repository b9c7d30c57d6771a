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
  void theIntervalIsStudentsTWithNMinusOneDegreesOfFreedom() {
    // 3 seeds: t(0.975, 2) = 4.3027 (closed form for 2 df); the interval is wider than the seeds' range,
    // where a bootstrap percentile interval would be exactly [min, max]
    Stats s = Stats.of(new double[] {0.10, 0.14, 0.12});
    double half = 0.95 * Math.sqrt(2 / (4 * 0.975 * 0.025)) * 0.02 / Math.sqrt(3);
    assertEquals(0.12 - half, s.ciLow(), 1e-12);
    assertEquals(0.12 + half, s.ciHigh(), 1e-12);
    assertTrue(s.ciLow() < s.min() && s.ciHigh() > s.max());
    // it narrows as seeds are added: 20 seeds of the same spread lie well inside their range
    double[] many = new double[20];
    for (int i = 0; i < many.length; i++) {
      many[i] = 0.10 + 0.04 * i / 19.0;
    }
    Stats m = Stats.of(many);
    assertTrue(m.ciLow() > m.min() && m.ciHigh() < m.max(), m.ciLow() + ".." + m.ciHigh());
  }

  @Test
  void oneSeedHasNoInterval() {
    Stats s = Stats.of(new double[] {2});
    assertTrue(Double.isNaN(s.ciLow()) && Double.isNaN(s.ciHigh()) && Double.isNaN(s.sd()));
    assertEquals(2.0, s.mean(), 0.0);
  }
}
