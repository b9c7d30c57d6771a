package org.rnnlab.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Number formatting for report files. Goes through the exact decimal value of the double
 * ({@code new BigDecimal(double)}) rather than {@code Double.toString} or {@code String.format},
 * whose digit generation has changed between JDK releases: the same double must print the same
 * text on every JVM so that reports are byte-identical.
 */
final class Num {
  /** Significant digits in CSV files: enough to recompute anything that matters. */
  static final int CSV_DIGITS = 10;
  /** Significant digits in human-facing tables. */
  static final int SHOW_DIGITS = 4;

  private Num() {}

  /** A value for a CSV cell: 10 significant digits, "NaN", "Infinity", "-Infinity". */
  static String csv(double v) {
    return format(v, CSV_DIGITS, -5, 10);
  }

  /** A value for a CSV cell, empty when absent (null or NaN used as "not defined"). */
  static String csvOrEmpty(double v) {
    return Double.isNaN(v) ? "" : csv(v);
  }

  /** A value for a human-facing table: 4 significant digits. */
  static String show(double v) {
    return format(v, SHOW_DIGITS, -4, 6);
  }

  /** A value for a human-facing table with {@code digits} significant digits. */
  static String show(double v, int digits) {
    return format(v, digits, -4, 6);
  }

  /** Significant digits of every number in the report's human-facing tables. */
  static final int TABLE_DIGITS = 3;

  /**
   * A number for a human-facing table, the same rule everywhere: 3 significant digits with
   * trailing zeros kept (0.170, not 0.17), plain from 0.001 up to 99,999, otherwise as 1.94e-4.
   * Columns of one table then read alike, and the digits shown are the digits that are known.
   */
  static String sig(double v) {
    if (!Double.isFinite(v) || v == 0) {
      return format(v, TABLE_DIGITS, -3, 5);
    }
    BigDecimal d = new BigDecimal(v).round(new MathContext(TABLE_DIGITS, RoundingMode.HALF_EVEN));
    int exponent = d.precision() - d.scale() - 1;
    if (exponent >= -3 && exponent < 5) {
      int scale = Math.max(0, TABLE_DIGITS - 1 - exponent);
      return d.setScale(scale, RoundingMode.HALF_EVEN).toPlainString();
    }
    String digits = d.unscaledValue().abs().toString();
    while (digits.length() < TABLE_DIGITS) {
      digits += "0";
    }
    return (d.signum() < 0 ? "-" : "") + digits.charAt(0) + "." + digits.substring(1, TABLE_DIGITS) + "e" + exponent;
  }

  /**
   * Rounds {@code v} to {@code digits} significant digits (half-even) and prints it plainly
   * when its decimal exponent lies in [minPlain, maxPlain), else as {@code 1.234e-7}.
   */
  static String format(double v, int digits, int minPlain, int maxPlain) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Infinity" : "-Infinity";
    }
    if (v == 0) {
      return "0"; // also for -0.0: a sign on zero only confuses readers and diffs
    }
    BigDecimal d =
        new BigDecimal(v).round(new MathContext(digits, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    int exponent = d.precision() - d.scale() - 1;
    if (exponent >= minPlain && exponent < maxPlain) {
      return d.toPlainString();
    }
    String mantissaDigits = d.unscaledValue().abs().toString();
    StringBuilder sb = new StringBuilder();
    if (d.signum() < 0) {
      sb.append('-');
    }
    sb.append(mantissaDigits.charAt(0));
    if (mantissaDigits.length() > 1) {
      sb.append('.').append(mantissaDigits, 1, mantissaDigits.length());
    }
    return sb.append('e').append(exponent).toString();
  }

  /** Parses a number as written by the runner, accepting NaN/inf spellings; empty is NaN. */
  static double parse(String s) {
    String t = s.trim();
    if (t.isEmpty()) {
      return Double.NaN;
    }
    switch (t.toLowerCase(java.util.Locale.ROOT)) {
      case "nan":
        return Double.NaN;
      case "inf":
      case "+inf":
      case "infinity":
      case "+infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf":
      case "-infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        return Double.parseDouble(t);
    }
  }
}
