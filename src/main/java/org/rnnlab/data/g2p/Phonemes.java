package org.rnnlab.data.g2p;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixed output vocabulary of grapheme-to-phoneme conversion: the decoder's start and end symbols,
 * then CMUdict's 39 ARPAbet phonemes without stress, in the order of the package's {@code phones.txt}
 * (alphabetical). Ids: {@value #START} = {@value #START_SYMBOL}, {@value #END} = {@value #END_SYMBOL},
 * 2..40 = AA .. ZH. Fixed rather than read from the data, so that every split, trial and stored model
 * shares it.
 */
public final class Phonemes {
  /** The id fed to the decoder before its first phoneme. */
  public static final int START = 0;
  /** The id that ends a decoded pronunciation. */
  public static final int END = 1;
  /** How {@link #START} is written. */
  public static final String START_SYMBOL = "<s>";
  /** How {@link #END} is written. */
  public static final String END_SYMBOL = "</s>";

  /** The 39 phonemes (vowels without their stress digit), alphabetical. */
  public static final List<String> ARPABET = List.of("AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH",
      "EH", "ER", "EY", "F", "G", "HH", "IH", "IY", "JH", "K", "L", "M", "N", "NG", "OW", "OY", "P", "R", "S",
      "SH", "T", "TH", "UH", "UW", "V", "W", "Y", "Z", "ZH");

  /** Every symbol by id: start, end, the 39 phonemes. */
  private static final List<String> SYMBOLS;
  private static final Map<String, Integer> IDS = new HashMap<>();

  static {
    ArrayList<String> s = new ArrayList<>(List.of(START_SYMBOL, END_SYMBOL));
    s.addAll(ARPABET);
    SYMBOLS = List.copyOf(s);
    for (int i = 0; i < SYMBOLS.size(); i++) {
      IDS.put(SYMBOLS.get(i), i);
    }
  }

  /** The number of ids: 41 (start, end and 39 phonemes). */
  public static final int SIZE = 2 + 39;

  private Phonemes() {}

  /** Every symbol, by id. */
  public static List<String> symbols() {
    return SYMBOLS;
  }

  /** The id of phoneme {@code p} (no stress digit), or -1 if it is none of the 39 (start and end are not phonemes). */
  public static int id(String p) {
    Integer i = IDS.get(p);
    return i == null || i < 2 ? -1 : i;
  }

  /** The symbol of id {@code id} (0..40). */
  public static String symbol(int id) {
    if (id < 0 || id >= SIZE) {
      throw new IllegalArgumentException("phoneme id " + id + " is outside 0.." + (SIZE - 1));
    }
    return SYMBOLS.get(id);
  }

  /** The ids of the phonemes {@code ps} (no stress digits); one that is none of the 39 is an error naming it. */
  public static int[] encode(List<String> ps) {
    int[] out = new int[ps.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = id(ps.get(i));
      if (out[i] < 0) {
        throw new IllegalArgumentException("'" + ps.get(i) + "' at position " + i + " is not a phoneme; expected one of "
            + ARPABET);
      }
    }
    return out;
  }

  /** The symbols of {@code ids}, separated by single spaces ("D EY JH AA"). */
  public static String decode(int[] ids) {
    StringBuilder b = new StringBuilder();
    for (int id : ids) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(symbol(id));
    }
    return b.toString();
  }
}
