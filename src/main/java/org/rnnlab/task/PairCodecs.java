package org.rnnlab.task;

import java.util.List;
import org.rnnlab.engine.seq2seq.PairBatch;

/** The target vocabularies of pair tasks: the start and end symbols (ids 0 and 1), then the task's own symbols. */
final class PairCodecs {
  /** How the start symbol ({@link PairBatch#START}) is written. */
  static final String START_SYMBOL = "<s>";
  /** How the end symbol ({@link PairBatch#END}) is written. */
  static final String END_SYMBOL = "</s>";
  /** Ids below this are the start and end symbols; a task's own target symbols start here. */
  static final int FIRST = 2;

  private PairCodecs() {}

  /**
   * A target codec of one character per symbol: ids 0 and 1 are {@code <s>} and {@code </s>}, id
   * {@code FIRST + i} the i-th character of {@code alphabet}; text is encoded character by character.
   */
  static TokenCodec targetCharacters(String alphabet) {
    TokenCodec inner = TokenCodec.ofCharacters(alphabet);
    return new TokenCodec() {
      @Override
      public int size() {
        return FIRST + inner.size();
      }

      @Override
      public String symbol(int id) {
        if (id < 0 || id >= size()) {
          throw new IllegalArgumentException("target id " + id + " is outside 0.." + (size() - 1));
        }
        return id == PairBatch.START ? START_SYMBOL : id == PairBatch.END ? END_SYMBOL : inner.symbol(id - FIRST);
      }

      @Override
      public int[] encode(String text) {
        int[] ids = inner.encode(text);
        for (int i = 0; i < ids.length; i++) {
          ids[i] += FIRST;
        }
        return ids;
      }

      @Override
      public java.util.OptionalInt start() {
        return java.util.OptionalInt.of(PairBatch.START);
      }
    };
  }

  /**
   * Refuses decoded outputs that do not fit {@code set} and {@code codec}: one per source, each
   * without its end symbol and every id one of the task's own target symbols or the start symbol
   * (a model's softmax covers it, so a poorly trained one can write it; it is never right).
   */
  static void checkDecoded(PairSet set, List<int[]> decoded, TokenCodec codec) {
    if (decoded.size() != set.size()) {
      throw new IllegalArgumentException(decoded.size() + " decoded outputs for " + set.size() + " sources");
    }
    for (int i = 0; i < decoded.size(); i++) {
      for (int id : decoded.get(i)) {
        if ((id < FIRST && id != PairBatch.START) || id >= codec.size()) {
          throw new IllegalArgumentException("decoded output " + i + " has id " + id + ", expected target symbols "
              + FIRST + ".." + (codec.size() - 1) + " or the start symbol " + PairBatch.START + " (no end symbol)");
        }
      }
    }
  }
}
