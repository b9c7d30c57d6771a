package org.rnnlab.task;

import java.util.Arrays;
import org.rnnlab.engine.Rng;

/**
 * The minibatches of a fixed training set by epochs, as index lists: the indices 0..n-1 are
 * shuffled from {@code rng} (Fisher-Yates, continuing the stream) before every epoch and cut into
 * minibatches in that order; the last partial minibatch of an epoch is dropped, so an epoch is
 * {@code n / batchSize} minibatches.
 */
final class EpochOrder {
  private final int batchSize;
  private final Rng rng;
  private final int[] order;
  private int pos;

  EpochOrder(int n, int batchSize, Rng rng) {
    this.batchSize = batchSize;
    this.rng = rng;
    this.order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    this.pos = n; // shuffle before the first minibatch
  }

  /** The indices of the next minibatch. */
  int[] next() {
    if (pos + batchSize > order.length) {
      rng.shuffle(order);
      pos = 0;
    }
    int[] idx = Arrays.copyOfRange(order, pos, pos + batchSize);
    pos += batchSize;
    return idx;
  }

  /** Minibatches per epoch. */
  int batchesPerEpoch() {
    return order.length / batchSize;
  }
}
