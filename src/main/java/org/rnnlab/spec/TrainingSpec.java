package org.rnnlab.spec;

import org.rnnlab.config.Hyper;
import org.rnnlab.engine.clip.GradientClip;
import org.rnnlab.engine.optim.OptimizerConfig;

/** The "training" section. Non-null after construction except the three optional settings. */
public record TrainingSpec(
    @Hyper(doc = "The optimiser, chosen by \"type\".") OptimizerConfig optimizer,
    @OptionalKey @Hyper(doc = "Gradient clipping, chosen by \"type\"; absent: none.") GradientClip clipping,
    @Hyper(doc = "Sequences per optimiser update.", min = 1) Integer batchSize,
    @Hyper(doc = "Optimiser updates (not epochs).", min = 1) Integer steps,
    @OptionalKey @Hyper(doc = "Truncated BPTT: length of the segments gradients flow through; absent: full "
        + "BPTT over the whole sequence.", min = 1) Integer truncation,
    @OptionalKey @Hyper(doc = "Size of a fixed training set drawn once; absent: a fresh batch at every step.",
        min = 1) Integer trainSize) {
  public TrainingSpec {
    if (optimizer == null || batchSize == null || steps == null) {
      throw new IllegalArgumentException("training needs optimizer, batch_size and steps");
    }
    if (batchSize < 1 || steps < 1 || (truncation != null && truncation < 1) || (trainSize != null && trainSize < 1)) {
      throw new IllegalArgumentException("training batch_size, steps, truncation and train_size must be >= 1");
    }
  }
}
