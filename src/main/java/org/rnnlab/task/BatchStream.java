package org.rnnlab.task;

import org.rnnlab.engine.Batch;

/** Minibatches of a training split, in the order a procedure consumes them. */
public interface BatchStream {
  /** The next minibatch. */
  Batch next();

  /** Minibatches per pass over a fixed training set, or 0 for an endless stream of fresh sequences. */
  int batchesPerEpoch();

  /**
   * Whether the minibatch last returned by {@link #next} continues the sequences of the one before
   * it (a language model's parallel streams): the trainer then carries the state over.
   */
  default boolean continuesPrevious() {
    return false;
  }
}
