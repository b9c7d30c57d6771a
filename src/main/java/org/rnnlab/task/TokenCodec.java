package org.rnnlab.task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A task's token vocabulary as text: ids 0..size()-1 and their symbols, for generation from the
 * command line (a character language model: one character per id). Encoding refuses what the
 * vocabulary lacks, naming it, rather than mapping it to an unknown symbol silently.
 */
public interface TokenCodec {
  /** Number of ids. */
  int size();

  /** The text of id {@code id}. */
  String symbol(int id);

  /** The ids of {@code text}; an IllegalArgumentException naming the first symbol not in the vocabulary. */
  int[] encode(String text);

  /** The text of {@code ids}, symbols concatenated. */
  default String decode(int[] ids) {
    StringBuilder s = new StringBuilder();
    for (int id : ids) {
      s.append(symbol(id));
    }
    return s.toString();
  }

  /** The id generation starts from when no prime is given (e.g. a start-of-sequence symbol); empty: none. */
  default OptionalInt start() {
    return OptionalInt.empty();
  }

  /** One character (code point) per id, in the order of {@code alphabet}, which must not repeat one. */
  static TokenCodec ofCharacters(String alphabet) {
    int[] cps = alphabet.codePoints().toArray();
    Map<Integer, Integer> ids = new HashMap<>();
    List<String> symbols = new ArrayList<>();
    for (int cp : cps) {
      if (ids.putIfAbsent(cp, ids.size()) != null) {
        throw new IllegalArgumentException("the alphabet has " + describe(cp) + " twice");
      }
      symbols.add(Character.toString(cp));
    }
    return new TokenCodec() {
      @Override
      public int size() {
        return symbols.size();
      }

      @Override
      public String symbol(int id) {
        return symbols.get(id);
      }

      @Override
      public int[] encode(String text) {
        int[] c = text.codePoints().toArray();
        int[] out = new int[c.length];
        for (int i = 0; i < c.length; i++) {
          Integer id = ids.get(c[i]);
          if (id == null) {
            throw new IllegalArgumentException(describe(c[i]) + " at position " + i + " is not in the vocabulary");
          }
          out[i] = id;
        }
        return out;
      }
    };
  }

  /** A character for a message: 'x' (U+0078), or just U+000A for a control character. */
  static String describe(int cp) {
    String code = String.format("U+%04X", cp);
    return Character.isISOControl(cp) || Character.isWhitespace(cp) ? "character " + code
        : "character '" + Character.toString(cp) + "' (" + code + ")";
  }
}
