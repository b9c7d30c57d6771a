package org.rnnlab.task;

import org.rnnlab.engine.Batch;
import org.rnnlab.engine.DetMath;

/** Small helpers shared by the task generators and their metrics (package-private). */
final class TaskMath {
  private TaskMath() {}

  /** Throws unless {@code outputs} has exactly {@code expected} values. */
  static void checkOutputs(double[] outputs, int expected, String layout) {
    if (outputs == null || outputs.length != expected) {
      throw new IllegalArgumentException("outputs has " + (outputs == null ? "no" : outputs.length)
          + " values, expected " + expected + " (" + layout + ")");
    }
  }

  /** Throws unless the batch was laid out for a task with {@code inputSize} features. */
  static void checkBatch(Batch batch, int inputSize) {
    if (batch.inputSize() != inputSize) {
      throw new IllegalArgumentException("batch has " + batch.inputSize() + " input features, task has " + inputSize);
    }
  }

  /**
   * -log softmax(logits)[label] for the {@code n} logits at {@code off}, shifted by the maximum
   * so that large logits do not overflow; the same formula as the engine's cross-entropy loss,
   * with {@link DetMath#exp} and {@link StrictMath#log} so that every machine gives the same bits.
   */
  static double crossEntropy(double[] logits, int off, int n, int label) {
    double max = Double.NEGATIVE_INFINITY;
    for (int o = 0; o < n; o++) {
      max = Math.max(max, logits[off + o]);
    }
    double s = 0.0;
    for (int o = 0; o < n; o++) {
      s += DetMath.exp(logits[off + o] - max);
    }
    return max + StrictMath.log(s) - logits[off + label];
  }

  /** Index of the largest of the {@code n} values at {@code off}; the first one on ties. */
  static int argmax(double[] v, int off, int n) {
    int best = 0;
    for (int o = 1; o < n; o++) {
      if (v[off + o] > v[off + best]) {
        best = o;
      }
    }
    return best;
  }

  /** Sets the one-hot feature {@code symbol} of sequence b at step t (time-major layout). */
  static void oneHot(double[] inputs, int t, int b, int size, int features, int symbol) {
    inputs[(t * size + b) * features + symbol] = 1.0;
  }

  /**
   * Refuses a {@code train_size} above the {@code available} sequences of a dataset's training
   * split: taking "the first train_size" would silently train on fewer than the config says.
   */
  static void checkTrainSize(Integer trainSize, int available) {
    if (trainSize != null && trainSize > available) {
      throw new IllegalArgumentException("train_size " + trainSize + " is more than the " + available
          + " sequences of the task's training split");
    }
  }
}
