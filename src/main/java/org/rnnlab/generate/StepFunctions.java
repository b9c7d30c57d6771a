package org.rnnlab.generate;

import org.rnnlab.engine.Network;
import org.rnnlab.engine.SequenceNetwork;
import org.rnnlab.engine.SequenceNetworkF32;

/** The step function of a language model of either precision, for {@link Sampler} and {@link BeamSearch}. */
public final class StepFunctions {
  private StepFunctions() {}

  /** {@link ModelStep} (or its float32 twin) of the network's model; refuses one that cannot generate. */
  public static StepFunction<?> of(Network network) {
    if (network instanceof SequenceNetwork n) {
      return new ModelStep(n.model());
    }
    if (network instanceof SequenceNetworkF32 n) {
      return new ModelStepF32(n.model());
    }
    throw new IllegalArgumentException("a " + network.getClass().getSimpleName() + " cannot generate tokens");
  }
}
