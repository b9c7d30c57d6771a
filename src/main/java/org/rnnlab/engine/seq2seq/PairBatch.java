package org.rnnlab.engine.seq2seq;

/**
 * A minibatch of (source, target) token sequences for an encoder–decoder, stored time-major like
 * {@link org.rnnlab.engine.Batch}: step t of the whole batch is {@code [t * size ..]}. Target ids
 * follow one convention across tasks: {@link #START} is what the decoder is fed before its first
 * output (never a target), {@link #END} closes every target and counts in its length.
 *
 * @param size          number of pairs B
 * @param sourceSteps   the longest source
 * @param source        source token ids, {@code [sourceSteps][size]}; ids past a source's length are never read
 * @param sourceLengths 1..sourceSteps per pair
 * @param targetSteps   the longest target (its end symbol included)
 * @param target        target token ids, {@code [targetSteps][size]}, each ending with {@link #END} at its
 *                      length - 1; ids past the length are never read
 * @param targetLengths 1..targetSteps per pair
 */
public record PairBatch(int size, int sourceSteps, int[] source, int[] sourceLengths, int targetSteps, int[] target,
                        int[] targetLengths) {
  /** The target id fed to the decoder before its first output. */
  public static final int START = 0;
  /** The target id that ends every target sequence. */
  public static final int END = 1;

  public PairBatch {
    if (size < 1 || sourceSteps < 1 || targetSteps < 1) {
      throw new IllegalArgumentException("a pair batch needs size, source and target steps >= 1, got " + size + ", "
          + sourceSteps + ", " + targetSteps);
    }
    if (source.length != sourceSteps * size || target.length != targetSteps * size) {
      throw new IllegalArgumentException("source has " + source.length + " ids and target " + target.length
          + ", expected " + sourceSteps + "*" + size + " and " + targetSteps + "*" + size);
    }
    if (sourceLengths.length != size || targetLengths.length != size) {
      throw new IllegalArgumentException("lengths for " + sourceLengths.length + " sources and " + targetLengths.length
          + " targets, expected " + size);
    }
    for (int b = 0; b < size; b++) {
      if (sourceLengths[b] < 1 || sourceLengths[b] > sourceSteps) {
        throw new IllegalArgumentException("source length " + sourceLengths[b] + " outside 1.." + sourceSteps);
      }
      if (targetLengths[b] < 1 || targetLengths[b] > targetSteps) {
        throw new IllegalArgumentException("target length " + targetLengths[b] + " outside 1.." + targetSteps);
      }
      if (target[(targetLengths[b] - 1) * size + b] != END) {
        throw new IllegalArgumentException("target " + b + " does not end with the end symbol " + END);
      }
    }
  }

  /** The source id of pair {@code b} at step {@code t}. */
  public int source(int t, int b) {
    return source[t * size + b];
  }

  /** The target id of pair {@code b} at step {@code t}. */
  public int target(int t, int b) {
    return target[t * size + b];
  }

  /** Number of target tokens in the batch (every pair's length, end symbols included): the loss's denominator. */
  public int targetTokens() {
    int n = 0;
    for (int len : targetLengths) {
      n += len;
    }
    return n;
  }
}
