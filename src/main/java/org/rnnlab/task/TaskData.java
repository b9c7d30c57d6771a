package org.rnnlab.task;

import java.util.List;
import org.rnnlab.data.Split;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.Rng;

/**
 * The sequences of one trial, by split. A generated task draws each split from its own random
 * stream (training fresh at every step, or a fixed training set; evaluation sets drawn once); a
 * dataset on disk has fixed splits under a documented rule, and the random streams only shuffle.
 */
public interface TaskData {
  /**
   * Minibatches of the training split.
   *
   * @param trainSize a fixed training set of this many sequences (generated tasks), the first this
   *                  many of the training split (datasets), or null: fresh sequences at every step
   *                  (generated tasks) or the whole split (datasets)
   * @param rng       generation and shuffling
   */
  BatchStream training(int batchSize, Integer trainSize, Rng rng);

  /**
   * The evaluation set of {@code split} (validation or test), built once per trial.
   *
   * @param size how many sequences to draw (generated tasks: required), or the first this many of the
   *             split (datasets); null: the whole split
   */
  Batch evaluation(Split split, Integer size, Rng rng);

  /**
   * The evaluation set of {@code split} as batches measured one after another and scored together
   * ({@link SequenceTask#scorer()}): a dataset of ragged sequences gives chunks of similar lengths, so that no
   * batch is padded to the split's longest sequence (nor holds outputs for the whole split). Default:
   * the one batch of {@link #evaluation}.
   */
  default List<Batch> evaluationBatches(Split split, Integer size, Rng rng) {
    return List.of(evaluation(split, size, rng));
  }

  /**
   * Whether the evaluation batches of a split are consecutive segments of the same sequences (a
   * text cut into streams), measured one after another with the state carried across.
   */
  default boolean evaluationCarriesState() {
    return false;
  }
}
