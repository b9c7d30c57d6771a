package org.rnnlab.task;

import java.util.Arrays;
import java.util.Map;
import org.rnnlab.data.text.TaggingMetrics;
import org.rnnlab.data.text.Vocabulary;
import org.rnnlab.engine.Batch;

/**
 * The tagging metrics of {@link TaggingMetrics} over every-step batches of token ids: at each token
 * of each sequence (within its length) the predicted tag is the argmax of the outputs (the first on
 * ties), the gold tag is the label, and the token is out of vocabulary when its id is
 * {@link Vocabulary#UNKNOWN}. Keys {@code accuracy}, then {@code oov_accuracy} if OOV is tracked,
 * then {@code sentence_accuracy}.
 */
final class TaggingScorer implements Scorer {
  private final int tags;
  private final boolean trackOov;
  private int[] gold = new int[1024];
  private int[] predicted = new int[1024];
  private boolean[] oov = new boolean[1024];
  private int[] lengths = new int[64];
  private int tokens;
  private int sentences;

  /** @param tags outputs per token; @param trackOov whether to report oov_accuracy */
  TaggingScorer(int tags, boolean trackOov) {
    this.tags = tags;
    this.trackOov = trackOov;
  }

  @Override
  public void add(Batch batch, double[] outputs) {
    int n = batch.size();
    if (batch.labels() == null || batch.tokens() == null || batch.mask() != null) {
      throw new IllegalArgumentException("a tagging batch has token ids and labels at every step and no mask");
    }
    TaskMath.checkOutputs(outputs, batch.steps() * n * tags, "[steps][size][" + tags + "]");
    for (int b = 0; b < n; b++) {
      int len = batch.lengths()[b];
      grow(len);
      for (int t = 0; t < len; t++) {
        int p = t * n + b;
        gold[tokens] = batch.labels()[p];
        predicted[tokens] = TaskMath.argmax(outputs, p * tags, tags);
        oov[tokens] = batch.tokens()[p] == Vocabulary.UNKNOWN;
        tokens++;
      }
      lengths[sentences++] = len;
    }
  }

  private void grow(int len) {
    if (tokens + len > gold.length) {
      int cap = Math.max(2 * gold.length, tokens + len);
      gold = Arrays.copyOf(gold, cap);
      predicted = Arrays.copyOf(predicted, cap);
      oov = Arrays.copyOf(oov, cap);
    }
    if (sentences == lengths.length) {
      lengths = Arrays.copyOf(lengths, 2 * lengths.length);
    }
  }

  @Override
  public Map<String, Double> result() {
    if (sentences == 0) {
      throw new IllegalStateException("no sentence was scored");
    }
    Map<String, Double> m = TaggingMetrics.score(Arrays.copyOf(gold, tokens), Arrays.copyOf(predicted, tokens),
        Arrays.copyOf(lengths, sentences), Arrays.copyOf(oov, tokens)).asMap();
    if (!trackOov) {
      m.remove("oov_accuracy");
    }
    return m;
  }
}
