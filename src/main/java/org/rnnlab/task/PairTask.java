package org.rnnlab.task;

import java.util.List;
import java.util.Map;

/**
 * A sequence-to-sequence task: a source token sequence in, a target token sequence of another
 * length out (reversal, addition, grapheme-to-phoneme conversion). Target ids follow
 * {@link org.rnnlab.engine.seq2seq.PairBatch}'s convention: 0 is the start symbol fed before the
 * first output, 1 the end symbol that closes every target. Everything is a deterministic function
 * of the random streams given.
 */
public interface PairTask extends Task {
  /** The source vocabulary: ids 0..size()-1 and their symbols (to read input from the command line). */
  TokenCodec sourceCodec();

  /** The target vocabulary, start (0) and end (1) symbols included (to print decoded output). */
  TokenCodec targetCodec();

  /** The trial's pairs by split. */
  PairData data();

  /**
   * The task's metrics of decoded outputs, one per source of {@code set} in order, each without its
   * start and end symbols. Keys are {@link TaskConfig#metricNames()}, in that order.
   */
  Map<String, Double> score(PairSet set, List<int[]> decoded);

  /** The longest target any split can give, its end symbol included: what decoding must allow. */
  int longestTarget();
}
