package org.rnnlab.task;

import java.util.Arrays;
import java.util.List;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.seq2seq.PairBatch;

/**
 * Epochs over a fixed list of pairs in minibatches of similar source lengths (less padding for the
 * encoder), as {@link SentenceSet#epochs} does for sentences: before every epoch the pairs are
 * shuffled ({@link Rng#shuffle}), stably sorted by source length (equal lengths stay in shuffled
 * order), cut into consecutive minibatches of {@code batchSize} (the last, among the longest sources,
 * may be smaller), and the minibatches themselves shuffled; all from {@code rng}, in that order.
 */
final class PairEpochs implements PairStream {
  private final List<int[]> sources;
  private final List<int[]> targets;
  private final int batchSize;
  private final Rng rng;
  private final int perEpoch;
  private int[][] batches = new int[0][];
  private int pos;

  /** Targets without start or end symbols; the lists are read, never changed. */
  PairEpochs(List<int[]> sources, List<int[]> targets, int batchSize, Rng rng) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    if (sources.isEmpty() || sources.size() != targets.size()) {
      throw new IllegalArgumentException(sources.size() + " sources and " + targets.size() + " targets, expected as "
          + "many and at least one");
    }
    this.sources = sources;
    this.targets = targets;
    this.batchSize = batchSize;
    this.rng = rng;
    this.perEpoch = (sources.size() + batchSize - 1) / batchSize;
  }

  /** Minibatches per epoch. */
  int batchesPerEpoch() {
    return perEpoch;
  }

  @Override
  public PairBatch next() {
    if (pos == batches.length) {
      batches = epoch();
      pos = 0;
    }
    int[] idx = batches[pos++];
    return PairSet.batchOf(Arrays.stream(idx).mapToObj(sources::get).toList(),
        Arrays.stream(idx).mapToObj(targets::get).toList());
  }

  private int[][] epoch() {
    int n = sources.size();
    int[] order = identity(n);
    rng.shuffle(order);
    order = bySourceLength(order);
    int[][] out = new int[perEpoch][];
    for (int b = 0; b < perEpoch; b++) {
      out[b] = Arrays.copyOfRange(order, b * batchSize, Math.min(n, (b + 1) * batchSize));
    }
    int[] which = identity(perEpoch);
    rng.shuffle(which);
    int[][] shuffled = new int[perEpoch][];
    for (int b = 0; b < perEpoch; b++) {
      shuffled[b] = out[which[b]];
    }
    return shuffled;
  }

  /** {@code order} stably sorted by source length (a counting sort). */
  private int[] bySourceLength(int[] order) {
    int max = 0;
    for (int s : order) {
      max = Math.max(max, sources.get(s).length);
    }
    int[] start = new int[max + 2];
    for (int s : order) {
      start[sources.get(s).length + 1]++;
    }
    for (int l = 1; l < start.length; l++) {
      start[l] += start[l - 1];
    }
    int[] out = new int[order.length];
    for (int s : order) {
      out[start[sources.get(s).length]++] = s;
    }
    return out;
  }

  private static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }
}
