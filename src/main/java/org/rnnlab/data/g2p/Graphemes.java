package org.rnnlab.data.g2p;

import java.util.Locale;

/**
 * The fixed input vocabulary of grapheme-to-phoneme conversion: the apostrophe and the letters A-Z,
 * the characters of every word {@link CmuDict} keeps. Ids by character code: {@code '} = 0,
 * A = 1, …, Z = 26.
 */
public final class Graphemes {
  /** The number of ids: 27. */
  public static final int SIZE = 27;
  /** Every grapheme by id. */
  public static final String SYMBOLS = "'ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  private Graphemes() {}

  /** The id of {@code c}, or -1 if it is not an apostrophe or a capital A-Z. */
  public static int id(char c) {
    return c == '\'' ? 0 : c >= 'A' && c <= 'Z' ? c - 'A' + 1 : -1;
  }

  /** Whether {@code w} is a word CMUdict's rules keep: apostrophes and capitals A-Z, at least one letter. */
  public static boolean isWord(String w) {
    boolean letter = false;
    for (int i = 0; i < w.length(); i++) {
      int id = id(w.charAt(i));
      if (id < 0) {
        return false;
      }
      letter |= id > 0;
    }
    return letter;
  }

  /**
   * The ids of word {@code w}, upper-cased first ({@link Locale#ROOT}, so "zeitgeist" is ZEITGEIST);
   * any other character is an error naming it and its position.
   */
  public static int[] encode(String w) {
    String u = w.toUpperCase(Locale.ROOT);
    if (u.length() != w.length()) {
      throw new IllegalArgumentException("\"" + w + "\" changes length when upper-cased; expected letters A-Z and "
          + "apostrophes");
    }
    int[] out = new int[u.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = id(u.charAt(i));
      if (out[i] < 0) {
        throw new IllegalArgumentException("'" + w.charAt(i) + "' (U+" + String.format(Locale.ROOT, "%04X",
            (int) w.charAt(i)) + ") at position " + i + " of \"" + w + "\" is not a grapheme; expected letters A-Z "
            + "and apostrophes");
      }
    }
    return out;
  }

  /** The word of {@code ids}. */
  public static String decode(int[] ids) {
    StringBuilder b = new StringBuilder(ids.length);
    for (int id : ids) {
      if (id < 0 || id >= SIZE) {
        throw new IllegalArgumentException("grapheme id " + id + " is outside 0.." + (SIZE - 1));
      }
      b.append(SYMBOLS.charAt(id));
    }
    return b.toString();
  }
}
