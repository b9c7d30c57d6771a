package org.rnnlab.task;

import org.rnnlab.data.Split;
import org.rnnlab.engine.Rng;

/**
 * The pairs of one trial, by split: training minibatches, and evaluation sets drawn once. A
 * generated task draws each split from its own stream; a dataset has fixed splits.
 */
public interface PairData {
  /**
   * Minibatches of the training split.
   *
   * @param trainSize a fixed training set of this many pairs (generated tasks), the first this many
   *                  of the training split (datasets), or null: fresh pairs at every step (generated)
   *                  or the whole split (datasets)
   * @param rng       generation and shuffling
   */
  PairStream training(int batchSize, Integer trainSize, Rng rng);

  /**
   * The evaluation set of {@code split} (validation or test), built once per trial.
   *
   * @param size how many sources to draw (generated tasks: required), or the first this many of the
   *             split (datasets); null: the whole split
   */
  PairSet evaluation(Split split, Integer size, Rng rng);
}
