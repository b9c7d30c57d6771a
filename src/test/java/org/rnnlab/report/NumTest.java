package org.rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumTest {
  @Test
  void csvKeepsTenSignificantDigitsAndSwitchesToExponentsOutsideAPlainRange() {
    assertEquals("0.1", Num.csv(0.1));
    assertEquals("0.3333333333", Num.csv(1.0 / 3));
    assertEquals("123456.789", Num.csv(123456.789));
    assertEquals("1.234567891e-7", Num.csv(1.2345678912e-7));
    assertEquals("1e12", Num.csv(1e12));
    assertEquals("-0.00002", Num.csv(-2e-5));
    assertEquals("0", Num.csv(-0.0));
    assertEquals("NaN", Num.csv(Double.NaN));
    assertEquals("-Infinity", Num.csv(Double.NEGATIVE_INFINITY));
    assertEquals("", Num.csvOrEmpty(Double.NaN));
  }

  @Test
  void showRoundsHalfEvenOnTheExactBinaryValue() {
    assertEquals("0.1667", Num.show(1.0 / 6));
    assertEquals("12340", Num.show(12345.0)); // exact tie: half-even keeps the 4
    assertEquals("12360", Num.show(12355.0));
    assertEquals("0.0001235", Num.show(1.2351e-4));
    assertEquals("1.235e-5", Num.show(1.2351e-5));
    assertEquals("2.5", Num.show(2.5));
  }

  @Test
  void tableNumbersKeepThreeSignificantDigitsWithTheirZeros() {
    assertEquals("0.172", Num.sig(0.17223));
    assertEquals("0.170", Num.sig(0.17));
    assertEquals("0.00132", Num.sig(0.001323));
    assertEquals("1.94e-4", Num.sig(1.9385e-4));
    assertEquals("2.00e-5", Num.sig(2e-5));
    assertEquals("-2.46", Num.sig(-2.455));
    assertEquals("25.0", Num.sig(24.99));
    assertEquals("12300", Num.sig(12345));
    assertEquals("1.23e5", Num.sig(123456));
    assertEquals("0", Num.sig(0));
    assertEquals("NaN", Num.sig(Double.NaN));
  }

  @Test
  void parseAcceptsTheSpellingsOfNonFiniteValues() {
    assertEquals(Double.POSITIVE_INFINITY, Num.parse("inf"));
    assertEquals(Double.NEGATIVE_INFINITY, Num.parse("-Infinity"));
    assertEquals(Double.NaN, Num.parse("nan"));
    assertEquals(Double.NaN, Num.parse(""));
    assertEquals(0.25, Num.parse(" 0.25 "));
  }
}
