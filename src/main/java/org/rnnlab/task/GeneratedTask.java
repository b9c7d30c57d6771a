package org.rnnlab.task;

import org.rnnlab.data.Split;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.Rng;

/**
 * A task whose sequences are generated: a deterministic function of the random stream, with an
 * unlimited supply for every split.
 */
public interface GeneratedTask extends SequenceTask {
  /** A fresh batch drawn from {@code rng}. */
  Batch sample(int batchSize, Rng rng);

  @Override
  default TaskData data() {
    GeneratedTask task = this;
    return new TaskData() {
      @Override
      public BatchStream training(int batchSize, Integer trainSize, Rng rng) {
        return trainSize == null ? new Fresh(task, batchSize, rng) : new Fixed(task, batchSize, trainSize, rng);
      }

      @Override
      public Batch evaluation(Split split, Integer size, Rng rng) {
        if (size == null) {
          throw new IllegalArgumentException("a generated task needs the size of its " + split.key() + " set");
        }
        return task.sample(size, rng);
      }
    };
  }

  /** A fresh sample at every step, drawn from one stream in order. */
  final class Fresh implements BatchStream {
    private final GeneratedTask task;
    private final int batchSize;
    private final Rng rng;

    Fresh(GeneratedTask task, int batchSize, Rng rng) {
      this.task = task;
      this.batchSize = batchSize;
      this.rng = rng;
    }

    @Override
    public Batch next() {
      return task.sample(batchSize, rng);
    }

    @Override
    public int batchesPerEpoch() {
      return 0;
    }
  }

  /**
   * Minibatches of a fixed training set drawn once (from {@code rng.child("train_set")}),
   * reshuffled from {@code rng} before every epoch; the last partial minibatch of an epoch is dropped.
   */
  final class Fixed implements BatchStream {
    private final Batch set;
    private final GeneratedTask task;
    private final EpochOrder order;

    Fixed(GeneratedTask task, int batchSize, int trainSize, Rng rng) {
      if (trainSize < batchSize) {
        throw new IllegalArgumentException("train_size " + trainSize + " is smaller than batch_size " + batchSize);
      }
      this.task = task;
      this.set = task.sample(trainSize, rng.child("train_set"));
      this.order = new EpochOrder(trainSize, batchSize, rng);
    }

    @Override
    public Batch next() {
      return set.select(order.next(), task.readout());
    }

    @Override
    public int batchesPerEpoch() {
      return order.batchesPerEpoch();
    }
  }
}
