package org.rnnlab.procedure.seq2seq;

import java.util.List;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;

/**
 * How a trained encoder–decoder writes its outputs when it is measured: greedy decoding during
 * training and for the plain metrics, and beam search of the given widths on the test set at the
 * end (the language model's beam search over the decoder's step function), each output ending at
 * the end symbol or at {@code max_length} tokens.
 */
public record Decoding(
    @OptionalKey @Hyper(doc = "The most tokens an output may have before its end symbol; absent: the longest target "
        + "of the trial's task and of its evaluation sets. Shorter than that is refused: such a target could never be "
        + "written.",
        min = 1) Integer maxLength,
    @Hyper(doc = "Beam widths the test set is also decoded with at the end (metrics test_beamB.*); 1 is greedy "
        + "decoding, which the plain metrics use already.", defaultValue = "[]") List<Integer> beams) {
  public Decoding {
    beams = beams == null ? List.of() : List.copyOf(beams);
    for (int b : beams) {
      if (b < 1) {
        throw new IllegalArgumentException("beam widths must be >= 1, got " + b);
      }
    }
    if (beams.size() != beams.stream().distinct().count()) {
      throw new IllegalArgumentException("beams lists a width twice: " + beams);
    }
  }

  /** Greedy decoding up to the task's longest target. */
  public static Decoding greedy() {
    return new Decoding(null, List.of());
  }

  /** The set name of the test set decoded with beam width {@code b}. */
  public static String beamSet(int b) {
    return "test_beam" + b;
  }
}
