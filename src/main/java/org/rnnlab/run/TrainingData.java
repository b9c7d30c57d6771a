package org.rnnlab.run;

import org.rnnlab.engine.Batch;
import org.rnnlab.engine.Rng;
import org.rnnlab.task.Task;

/**
 * Minibatches for training: a fresh sample at every step, or minibatches of a fixed training
 * set, reshuffled every epoch (the last partial minibatch of an epoch is dropped).
 */
final class TrainingData {
  private final Task task;
  private final int batchSize;
  private final Rng rng;
  private final Batch fixed;
  private final int[] order;
  private int pos;

  TrainingData(Task task, int batchSize, Integer trainSize, Rng rng) {
    this.task = task;
    this.batchSize = batchSize;
    this.rng = rng;
    if (trainSize == null) {
      fixed = null;
      order = null;
    } else {
      if (trainSize < batchSize) {
        throw new IllegalArgumentException("train_size " + trainSize + " is smaller than batch_size " + batchSize);
      }
      fixed = task.sample(trainSize, rng.child("train_set"));
      order = new int[trainSize];
      for (int i = 0; i < trainSize; i++) {
        order[i] = i;
      }
      pos = trainSize; // shuffle before the first minibatch
    }
  }

  Batch next() {
    if (fixed == null) {
      return task.sample(batchSize, rng);
    }
    if (pos + batchSize > order.length) {
      rng.shuffle(order);
      pos = 0;
    }
    int[] idx = java.util.Arrays.copyOfRange(order, pos, pos + batchSize);
    pos += batchSize;
    return fixed.select(idx, task.readout());
  }
}
