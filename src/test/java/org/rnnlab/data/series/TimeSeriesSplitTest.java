package org.rnnlab.data.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.rnnlab.data.Split;

class TimeSeriesSplitTest {
  @Test
  void splitsInTimeSeventyTenTwenty() {
    TimeSplit s = TimeSplit.of(309);
    assertEquals(216, s.length(Split.TRAIN));
    assertEquals(30, s.length(Split.VALIDATION));
    assertEquals(63, s.length(Split.TEST));
    assertEquals(s.to(Split.TRAIN), s.from(Split.VALIDATION));
    assertEquals(s.to(Split.VALIDATION), s.from(Split.TEST));
    TimeSplit ten = TimeSplit.of(10);
    assertEquals(7, ten.trainEnd());
    assertEquals(8, ten.validationEnd());
    assertThrows(IllegalArgumentException.class, () -> TimeSplit.of(9));
  }

  @Test
  void partsAndContext() {
    double[] x = new double[10];
    for (int i = 0; i < 10; i++) {
      x[i] = i;
    }
    TimeSplit s = TimeSplit.of(10);
    assertArrayEquals(new double[] {8, 9}, s.values(x, Split.TEST), 0.0);
    assertArrayEquals(new double[] {5, 6, 7}, s.withContext(x, Split.VALIDATION, 2), 0.0);
    assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6}, s.withContext(x, Split.TRAIN, 3), 0.0);
    assertThrows(IllegalArgumentException.class, () -> s.values(new double[9], Split.TEST));
  }

  @Test
  void standardizerUsesTheTrainingPartOnly() {
    double[] x = {1, 2, 3, 4, 5, 6, 7, 100, 200, 300};
    TimeSplit s = TimeSplit.of(10);
    Standardizer st = Standardizer.fit(x, 0, s.trainEnd());
    assertEquals(4.0, st.mean(), 0.0);
    assertEquals(2.0, st.sd(), 0.0); // population sd of 1..7: sqrt(28 / 7)
    x[9] = -1e6;
    assertEquals(st, Standardizer.fit(x, 0, s.trainEnd()), "test values do not move the statistics");
    double[] z = st.apply(new double[] {4, 6, 0});
    assertArrayEquals(new double[] {0, 1, -2}, z, 0.0);
    assertArrayEquals(new double[] {4, 6, 0}, st.invert(z), 0.0);
    assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(new double[] {3, 3, 3}, 0, 3));
  }
}
