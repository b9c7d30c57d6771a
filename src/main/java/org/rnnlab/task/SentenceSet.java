package org.rnnlab.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.Rng;

/**
 * Tagged sequences of ragged lengths as ids, ready for batching: per sequence its token ids, its tag
 * ids and optionally up to 64 binary features per token (kept as bits, expanded to 0/1 inputs only when
 * a batch is built). Batches are time-major, every-step, padded at the end to their longest sequence
 * (padding: token 0, zero features, label 0, never read). Immutable; safe to share between threads.
 */
public final class SentenceSet {
  /** Sequences per evaluation chunk ({@link #lengthChunks}). */
  public static final int EVALUATION_CHUNK = 64;

  private final int[][] tokens;
  private final int[][] tags;
  private final long[][] features;
  private final int featureCount;

  /**
   * @param tokens       token ids per sequence (each at least one)
   * @param tags         tag ids per sequence, as long as its tokens
   * @param features     per sequence and token the feature bits (bit j = feature j), or null
   * @param featureCount features per token, 0..64 (0 when {@code features} is null)
   */
  public SentenceSet(int[][] tokens, int[][] tags, long[][] features, int featureCount) {
    if (tokens.length != tags.length || (features != null && features.length != tokens.length)) {
      throw new IllegalArgumentException(tokens.length + " token rows, " + tags.length + " tag rows"
          + (features == null ? "" : ", " + features.length + " feature rows") + ": expected as many");
    }
    if (featureCount < 0 || featureCount > 64 || (features == null) != (featureCount == 0)) {
      throw new IllegalArgumentException("feature count " + featureCount + " must be 1..64 with feature bits, "
          + "0 without");
    }
    for (int s = 0; s < tokens.length; s++) {
      if (tokens[s].length == 0 || tags[s].length != tokens[s].length
          || (features != null && features[s].length != tokens[s].length)) {
        throw new IllegalArgumentException("sequence " + s + " has " + tokens[s].length + " tokens, "
            + tags[s].length + " tags" + (features == null ? "" : ", " + features[s].length + " feature rows")
            + ": expected at least one token and as many of each");
      }
    }
    this.tokens = tokens;
    this.tags = tags;
    this.features = features;
    this.featureCount = featureCount;
  }

  /** Number of sequences. */
  public int size() {
    return tokens.length;
  }

  /** Real features per token. */
  public int featureCount() {
    return featureCount;
  }

  /** Length of sequence {@code s}. */
  public int length(int s) {
    return tokens[s].length;
  }

  /** The first {@code n} sequences (all if n is null or at least the size). */
  public SentenceSet head(Integer n) {
    if (n == null || n >= tokens.length) {
      return this;
    }
    return new SentenceSet(Arrays.copyOf(tokens, n), Arrays.copyOf(tags, n),
        features == null ? null : Arrays.copyOf(features, n), featureCount);
  }

  /** The sequences at {@code idx}, in that order, as one batch. */
  public Batch batch(int[] idx) {
    int n = idx.length;
    if (n == 0) {
      throw new IllegalArgumentException("a batch needs at least one sequence");
    }
    int steps = 0;
    int[] lengths = new int[n];
    for (int i = 0; i < n; i++) {
      lengths[i] = tokens[idx[i]].length;
      steps = Math.max(steps, lengths[i]);
    }
    int[] tk = new int[steps * n];
    int[] lb = new int[steps * n];
    double[] x = new double[steps * n * featureCount];
    for (int i = 0; i < n; i++) {
      int s = idx[i];
      for (int t = 0; t < lengths[i]; t++) {
        int p = t * n + i;
        tk[p] = tokens[s][t];
        lb[p] = tags[s][t];
        if (features != null) {
          long bits = features[s][t];
          for (int j = 0; j < featureCount; j++) {
            x[p * featureCount + j] = (bits >>> j) & 1L;
          }
        }
      }
    }
    return Batch.ofTokens(steps, n, tk, featureCount, featureCount == 0 ? null : x, lengths, null, lb, null);
  }

  /** Every sequence as one batch, in order. */
  public Batch all() {
    int[] idx = new int[tokens.length];
    Arrays.setAll(idx, i -> i);
    return batch(idx);
  }

  /**
   * The sequences sorted by length (ties in set order), in consecutive batches of at most
   * {@code perBatch}: an evaluation set whose batches are padded only to lengths close to their own.
   */
  public List<Batch> lengthChunks(int perBatch) {
    int[] order = byLength(identity(tokens.length));
    List<Batch> out = new ArrayList<>();
    for (int from = 0; from < order.length; from += perBatch) {
      out.add(batch(Arrays.copyOfRange(order, from, Math.min(order.length, from + perBatch))));
    }
    return out;
  }

  /**
   * Epochs over the set in minibatches of similar lengths: before every epoch the sequences are
   * shuffled ({@link Rng#shuffle}), stably sorted by length (so equal lengths come in shuffled
   * order), cut into consecutive minibatches of {@code batchSize} (the last one, among the
   * longest sequences, may be smaller), and the minibatches themselves are shuffled; all from
   * {@code rng}, in that order.
   */
  public BatchStream epochs(int batchSize, Rng rng) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    SentenceSet set = this;
    int perEpoch = (tokens.length + batchSize - 1) / batchSize;
    return new BatchStream() {
      private int[][] batches = new int[0][];
      private int pos;

      @Override
      public Batch next() {
        if (pos == batches.length) {
          batches = epoch();
          pos = 0;
        }
        return set.batch(batches[pos++]);
      }

      private int[][] epoch() {
        int[] order = identity(tokens.length);
        rng.shuffle(order);
        order = byLength(order);
        int[][] out = new int[perEpoch][];
        for (int b = 0; b < perEpoch; b++) {
          out[b] = Arrays.copyOfRange(order, b * batchSize, Math.min(order.length, (b + 1) * batchSize));
        }
        int[] which = identity(perEpoch);
        rng.shuffle(which);
        int[][] shuffled = new int[perEpoch][];
        for (int b = 0; b < perEpoch; b++) {
          shuffled[b] = out[which[b]];
        }
        return shuffled;
      }

      @Override
      public int batchesPerEpoch() {
        return perEpoch;
      }
    };
  }

  /** {@code order} stably sorted by sequence length (a counting sort). */
  private int[] byLength(int[] order) {
    int max = 0;
    for (int s : order) {
      max = Math.max(max, tokens[s].length);
    }
    int[] start = new int[max + 2];
    for (int s : order) {
      start[tokens[s].length + 1]++;
    }
    for (int l = 1; l < start.length; l++) {
      start[l] += start[l - 1];
    }
    int[] out = new int[order.length];
    for (int s : order) {
      out[start[tokens[s].length]++] = s;
    }
    return out;
  }

  private static int[] identity(int n) {
    int[] a = new int[n];
    Arrays.setAll(a, i -> i);
    return a;
  }
}
