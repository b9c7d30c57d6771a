package org.rnnlab.spec;

import org.rnnlab.config.Hyper;

/** The "evaluation" section: how often and on how many test sequences a run is measured. */
public record EvaluationSpec(
    @Hyper(doc = "Evaluate on the test set every this many optimiser updates (and after the last).",
        min = 1) Integer every,
    @Hyper(doc = "Test sequences, drawn once per run.", min = 1) Integer testSize) {
  public EvaluationSpec {
    if (every == null || testSize == null) {
      throw new IllegalArgumentException("evaluation needs every and test_size");
    }
    if (every < 1 || testSize < 1) {
      throw new IllegalArgumentException("evaluation every and test_size must be >= 1");
    }
  }
}
