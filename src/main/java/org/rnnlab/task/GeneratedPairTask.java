package org.rnnlab.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.data.Split;
import org.rnnlab.data.g2p.G2pMetrics;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.seq2seq.PairBatch;

/**
 * A pair task whose pairs are generated, each with one reference: a deterministic function of the
 * random stream, with an unlimited supply for every split. Its metrics are {@code accuracy} (whole
 * outputs equal to their reference) and {@code token_error_rate} (summed edit distances over summed
 * reference lengths, {@link G2pMetrics}).
 */
public interface GeneratedPairTask extends PairTask {
  /** The metrics of every generated pair task, in order. */
  List<String> METRICS = List.of("accuracy", "token_error_rate");

  /** {@code n} fresh pairs drawn from {@code rng} in order, targets without start or end symbols. */
  PairSet sample(int n, Rng rng);

  @Override
  default PairData data() {
    GeneratedPairTask task = this;
    return new PairData() {
      @Override
      public PairStream training(int batchSize, Integer trainSize, Rng rng) {
        if (batchSize < 1) {
          throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (trainSize == null) {
          return () -> task.sample(batchSize, rng).batch(0, batchSize);
        }
        if (trainSize < batchSize) {
          throw new IllegalArgumentException("train_size " + trainSize + " is smaller than batch_size " + batchSize);
        }
        // a fixed set drawn once from its own stream, reshuffled from rng before every epoch
        PairSet set = task.sample(trainSize, rng.child("train_set"));
        EpochOrder order = new EpochOrder(trainSize, batchSize, rng);
        return () -> select(set, order.next());
      }

      @Override
      public PairSet evaluation(Split split, Integer size, Rng rng) {
        if (size == null) {
          throw new IllegalArgumentException("a generated task needs the size of its " + split.key() + " set");
        }
        return task.sample(size, rng);
      }
    };
  }

  /** The pairs {@code idx} of {@code set}, in that order, as a minibatch (first references as targets). */
  private static PairBatch select(PairSet set, int[] idx) {
    List<int[]> s = new ArrayList<>(idx.length);
    List<int[]> t = new ArrayList<>(idx.length);
    for (int i : idx) {
      s.add(set.sources().get(i));
      t.add(set.references().get(i).get(0));
    }
    return PairSet.batchOf(s, t);
  }

  @Override
  default Map<String, Double> score(PairSet set, List<int[]> decoded) {
    PairCodecs.checkDecoded(set, decoded, targetCodec());
    G2pMetrics.Score s = G2pMetrics.score(decoded, set.references());
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("accuracy", (double) (s.words() - s.wrongWords()) / s.words());
    m.put("token_error_rate", s.phonemeErrorRate());
    return m;
  }

  /** Exact-match accuracy of at least {@code target} (the config's target_accuracy). */
  static boolean accuracyAtLeast(Map<String, Double> metrics, double target) {
    return metrics.getOrDefault("accuracy", Double.NaN) >= target;
  }
}
