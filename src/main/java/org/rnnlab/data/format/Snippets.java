package org.rnnlab.data.format;

/** Quoting of found text in error messages (package-private). */
final class Snippets {
  private Snippets() {}

  /** {@code s} on one line (whitespace runs as one space), at most 120 characters. */
  static String oneLine(String s) {
    String r = s == null ? "" : s.replaceAll("\\s+", " ").trim();
    return r.length() > 120 ? r.substring(0, 117) + "..." : r;
  }
}
