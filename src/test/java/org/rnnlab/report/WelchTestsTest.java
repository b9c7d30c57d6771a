package org.rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Welch's test against the two worked examples of the Wikipedia article "Welch's t-test"
 * (published to 2-3 digits) and against scipy.stats.ttest_ind(equal_var=False) (full precision).
 */
class WelchTestsTest {
  @Test
  void equalSizesExample() {
    double[] a = {27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4};
    double[] b = {27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4};
    WelchTests.Comparison c = WelchTests.compare("A1", "A2", "x", a, b);
    // Published: t = -2.46, df = 24.98 (shown as 24.9), p = 0.021.
    assertEquals(-2.46, c.t(), 0.005);
    assertEquals(24.99, c.df(), 0.01);
    assertEquals(0.021, c.p(), 0.0005);
    assertEquals(-2.455356398286006, c.t(), 1e-12);
    assertEquals(24.988529290231416, c.df(), 1e-9);
    assertEquals(0.021378001462866992, c.p(), 1e-9);
  }

  @Test
  void unequalSizesAndVariancesExample() {
    double[] a = {17.2, 20.9, 22.6, 18.1, 21.7, 21.4, 23.5, 24.2, 14.7, 21.8};
    double[] b = {21.5, 22.8, 21.0, 23.0, 21.6, 23.6, 22.5, 20.7, 23.4, 21.8, 20.7, 21.7, 21.5, 22.5,
        23.6, 21.5, 22.5, 23.5, 21.5, 21.8};
    WelchTests.Comparison c = WelchTests.compare("A1", "A2", "x", a, b);
    // Published: t = -1.57, df = 9.9, p = 0.149.
    assertEquals(-1.57, c.t(), 0.005);
    assertEquals(9.9, c.df(), 0.05);
    assertEquals(0.149, c.p(), 0.0005);
    assertEquals(-1.5654335235985037, c.t(), 1e-12);
    assertEquals(9.904741248650831, c.df(), 1e-9);
    assertEquals(0.14884169660532817, c.p(), 1e-9);
    assertEquals(10, c.nA());
    assertEquals(20, c.nB());
  }

  @Test
  void undefinedWithFewerThanTwoSeedsOrNoVariance() {
    WelchTests.Comparison one = WelchTests.compare("a", "b", "x", new double[] {1}, new double[] {1, 2});
    assertEquals(1.0, one.meanA());
    assertTrue(Double.isNaN(one.t()) && Double.isNaN(one.df()) && Double.isNaN(one.p()));
    WelchTests.Comparison flat = WelchTests.compare("a", "b", "x", new double[] {1, 1}, new double[] {2, 2});
    assertTrue(Double.isNaN(flat.t()) && Double.isNaN(flat.p()));
  }

  @Test
  void mannWhitneyBesideWelch() {
    // Complete separation of 5 and 5: U_A = 0 and the exact two-sided p is 2 / C(10, 5) = 2 / 252.
    WelchTests.Comparison sep = WelchTests.compare("a", "b", "x", new double[] {1, 2, 3, 4, 5},
        new double[] {6, 7, 8, 9, 10});
    assertEquals(0.0, sep.u());
    assertEquals(2.0 / 252, sep.pU(), 1e-12);
    assertEquals(3.0, sep.medianA());
    assertEquals(8.0, sep.medianB());
    // Interleaved 3 and 3: A wins 3 of the 9 pairs; P(U <= 3) = 7/20 under H0, two-sided 0.7.
    WelchTests.Comparison mixed = WelchTests.compare("a", "b", "x", new double[] {1, 3, 5}, new double[] {2, 4, 6});
    assertEquals(3.0, mixed.u());
    assertEquals(0.7, mixed.pU(), 1e-12);
    // Mann-Whitney is defined for a single seed, Welch is not.
    WelchTests.Comparison one = WelchTests.compare("a", "b", "x", new double[] {1}, new double[] {2, 3});
    assertEquals(0.0, one.u());
    assertTrue(Double.isNaN(one.t()));
  }
}
