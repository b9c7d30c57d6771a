package org.rnnlab.model;

import org.rnnlab.engine.Network;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;

/** A model trained by gradient: it builds a {@link SequenceModel} (what the bptt procedure trains). */
public interface SequenceModelConfig extends ModelConfig {
  /** A model of this config for {@code shape}, initialised from {@code rng}. */
  SequenceModel build(ModelShape shape, Rng rng);

  /** The model in the precision this config names, as training and evaluation see it. */
  Network network(ModelShape shape, Rng rng);
}
