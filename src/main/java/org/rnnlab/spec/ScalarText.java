package org.rnnlab.spec;

import java.math.BigDecimal;

/**
 * The canonical text of a sweep value, as trial ids, group labels and {@code --where} write it:
 * integers without ".0", decimals in plain notation (0.0001, not 1.0E-4).
 */
public final class ScalarText {
  private ScalarText() {}

  /** The text of a value read from JSON (a Number, String or Boolean). */
  public static String text(Object v) {
    if (v instanceof Double || v instanceof Float) {
      return decimal(((Number) v).doubleValue());
    }
    return String.valueOf(v);
  }

  /** A double in plain notation without trailing zeros; integral values without a decimal point. */
  static String decimal(double d) {
    BigDecimal b = BigDecimal.valueOf(d).stripTrailingZeros();
    return b.scale() <= 0 ? b.toBigInteger().toString() : b.toPlainString();
  }
}
