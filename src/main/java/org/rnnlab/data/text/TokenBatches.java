package org.rnnlab.data.text;

import java.util.List;
import org.rnnlab.engine.Batch;

/** Batches of tokenised sentences for an embedding input layer. */
public final class TokenBatches {
  private TokenBatches() {}

  /**
   * A tagging batch (every-step readout): sentence i's words as token ids of {@code vocabulary},
   * their word-shape features (if {@code shape} is not null) as real inputs, tag t of sentence i as
   * the label at step t; time-major, padded at the end to the longest sentence (padding has id
   * {@link Vocabulary#UNKNOWN}, zero features and label 0, none of which is ever read).
   */
  public static Batch tagging(List<? extends List<String>> sentences, List<int[]> tags, Vocabulary vocabulary,
                              WordShape shape) {
    int n = sentences.size();
    if (n == 0 || tags.size() != n) {
      throw new IllegalArgumentException("need as many tag sequences as sentences, and at least one: "
          + n + " sentences, " + tags.size() + " tag sequences");
    }
    int[] lengths = new int[n];
    int steps = 0;
    for (int i = 0; i < n; i++) {
      lengths[i] = sentences.get(i).size();
      if (lengths[i] == 0 || tags.get(i).length != lengths[i]) {
        throw new IllegalArgumentException("sentence " + i + " has " + lengths[i] + " words and "
            + tags.get(i).length + " tags (need as many, at least one)");
      }
      steps = Math.max(steps, lengths[i]);
    }
    int features = shape == null ? 0 : shape.size();
    int[] tokens = new int[steps * n];
    int[] labels = new int[steps * n];
    double[] x = new double[steps * n * features];
    for (int i = 0; i < n; i++) {
      List<String> words = sentences.get(i);
      for (int t = 0; t < lengths[i]; t++) {
        String w = words.get(t);
        tokens[t * n + i] = vocabulary.id(w);
        labels[t * n + i] = tags.get(i)[t];
        if (shape != null) {
          shape.features(w, x, (t * n + i) * features);
        }
      }
    }
    return Batch.ofTokens(steps, n, tokens, features, x, lengths, null, labels, null);
  }
}
