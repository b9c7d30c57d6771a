package org.rnnlab.data.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Word-shape features of a token, 0 or 1 each, as real inputs beside its embedding (what a
 * lower-cased vocabulary loses and what an unknown word still shows). On the word as written,
 * letters, digits and case by {@link Character} on code points:
 * <ol start="0">
 *   <li>{@code initial_capital}: the first character is an upper-case letter ("John", "The");</li>
 *   <li>{@code all_capitals}: it has a letter and no lower-case letter ("USA", "A", "U.S.");</li>
 *   <li>{@code inner_capital}: an upper-case letter after the first character ("McDonald", "USA");</li>
 *   <li>{@code has_digit}: a decimal digit anywhere ("1960s", "B52");</li>
 *   <li>{@code number}: a digit, and nothing but digits and {@code . , - / :} ("1,000", "3.5", "9:30");</li>
 *   <li>{@code has_hyphen}: a '-' anywhere ("well-known");</li>
 *   <li>{@code no_letter_or_digit}: neither a letter nor a digit (punctuation: ",", "``", "--");</li>
 *   <li>then one {@code suffix_<s>} per suffix s: the lower-cased word ends with s and is at least
 *       two characters longer than s ("walked" has -ed, "red" and "bed" have not).</li>
 * </ol>
 */
public final class WordShape {
  /** English inflectional and derivational endings that mark parts of speech. */
  public static final List<String> DEFAULT_SUFFIXES = List.of(
      "s", "'s", "ed", "ing", "ly", "er", "est", "ion", "al", "ous", "ive", "able", "ment", "ness", "ity");
  private static final List<String> SHAPES = List.of(
      "initial_capital", "all_capitals", "inner_capital", "has_digit", "number", "has_hyphen", "no_letter_or_digit");

  private final List<String> suffixes;
  private final List<String> names;

  /** The shapes and {@link #DEFAULT_SUFFIXES}. */
  public WordShape() {
    this(DEFAULT_SUFFIXES);
  }

  /** The shapes and these suffixes (lower case). */
  public WordShape(List<String> suffixes) {
    for (String s : suffixes) {
      if (s.isEmpty() || !s.equals(s.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("suffixes are non-empty and lower case, got \"" + s + "\"");
      }
    }
    this.suffixes = List.copyOf(suffixes);
    List<String> n = new ArrayList<>(SHAPES);
    for (String s : suffixes) {
      n.add("suffix_" + s);
    }
    this.names = Collections.unmodifiableList(n);
  }

  /** Number of features. */
  public int size() {
    return names.size();
  }

  /** The features' names, in order. */
  public List<String> names() {
    return names;
  }

  /** Writes the word's {@link #size()} features into dst at off. */
  public void features(String word, double[] dst, int off) {
    boolean letter = false;
    boolean lower = false;
    boolean innerUpper = false;
    boolean digit = false;
    boolean numeric = true;
    boolean hyphen = false;
    int first = word.isEmpty() ? -1 : word.codePointAt(0);
    int length = 0;
    for (int i = 0; i < word.length(); ) {
      int c = word.codePointAt(i);
      boolean isLetter = Character.isLetter(c);
      boolean isDigit = Character.isDigit(c);
      letter |= isLetter;
      lower |= Character.isLowerCase(c);
      innerUpper |= i > 0 && Character.isUpperCase(c);
      digit |= isDigit;
      hyphen |= c == '-';
      numeric &= isDigit || c == '.' || c == ',' || c == '-' || c == '/' || c == ':';
      i += Character.charCount(c);
      length++;
    }
    dst[off] = first >= 0 && Character.isUpperCase(first) ? 1.0 : 0.0;
    dst[off + 1] = letter && !lower ? 1.0 : 0.0;
    dst[off + 2] = innerUpper ? 1.0 : 0.0;
    dst[off + 3] = digit ? 1.0 : 0.0;
    dst[off + 4] = digit && numeric ? 1.0 : 0.0;
    dst[off + 5] = hyphen ? 1.0 : 0.0;
    dst[off + 6] = !letter && !digit ? 1.0 : 0.0;
    String lc = word.toLowerCase(Locale.ROOT);
    for (int k = 0; k < suffixes.size(); k++) {
      String s = suffixes.get(k);
      boolean has = lc.endsWith(s) && length >= s.codePointCount(0, s.length()) + 2;
      dst[off + SHAPES.size() + k] = has ? 1.0 : 0.0;
    }
  }
}
