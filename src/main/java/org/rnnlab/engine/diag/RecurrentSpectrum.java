package org.rnnlab.engine.diag;

import java.util.ArrayList;
import java.util.List;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.Params.Param;
import org.rnnlab.engine.linalg.Spectral;

/**
 * The spectral radius and the largest singular value of every square block of every recurrent
 * weight (W_hh of each layer; one block per gate for LSTM and GRU, PyTorch's order), the two
 * quantities of Lemma 7.3.1 (seed 000, 7.3): with activation derivatives at most gamma', the
 * back-propagated error vanishes when sigma_max(W_hh) &lt; 1/gamma' and may explode only when the
 * spectral radius exceeds 1/gamma'. Bit-reproducible ({@link Spectral}).
 */
public final class RecurrentSpectrum {
  private RecurrentSpectrum() {}

  /** One gate block of one recurrent weight, e.g. {@code weight_hh_l0} block 0 (the whole W_hh of a tanh RNN). */
  public record Block(String param, int block, double spectralRadius, double largestSingularValue) {}

  /** Every block of every recurrent weight, in parameter order. */
  public static List<Block> of(Params params) {
    List<Block> out = new ArrayList<>();
    double[] v = params.values();
    for (Param p : params.list()) {
      if (p.kind() != Params.Kind.RECURRENT_WEIGHT) {
        continue;
      }
      int n = p.cols();
      for (int g = 0; g < p.blocks(); g++) {
        int off = p.offset() + g * n * n;
        out.add(new Block(p.name(), g, Spectral.radius(v, off, n), Spectral.largestSingularValue(v, off, n, n)));
      }
    }
    return out;
  }
}
