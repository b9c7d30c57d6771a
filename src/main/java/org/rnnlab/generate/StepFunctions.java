package org.rnnlab.generate;

import org.rnnlab.engine.Network;
import org.rnnlab.engine.SequenceNetwork;
import org.rnnlab.engine.SequenceNetworkF32;
import org.rnnlab.engine.seq2seq.EncoderDecoderNetwork;
import org.rnnlab.engine.seq2seq.EncoderDecoderNetworkF32;
import org.rnnlab.engine.seq2seq.Seq2Seq;

/** The step function of a language model or an encoder-decoder of either precision, for {@link Sampler} and {@link BeamSearch}. */
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

  /** {@link DecoderStep} (or its float32 twin) of an encoder-decoder for one {@code source}. */
  public static StepFunction<?> of(Seq2Seq model, int[] source) {
    if (model instanceof EncoderDecoderNetwork n) {
      return new DecoderStep(n.model(), source);
    }
    if (model instanceof EncoderDecoderNetworkF32 n) {
      return new DecoderStepF32(n.model(), source);
    }
    throw new IllegalArgumentException("a " + model.getClass().getSimpleName() + " cannot decode");
  }
}
