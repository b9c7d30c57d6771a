// Generated from src/main/java/org/rnnlab/engine/norm/NormConfig.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change NormConfig.java and run `make generate`.
package org.rnnlab.engine.norm;

import org.rnnlab.config.Component;
import org.rnnlab.engine.ParamsF32;
import org.rnnlab.engine.ParamsF32.Param;

/**
 * The spec record of a normalisation of a recurrent layer ({@code "norm": {"type": "layer"}} on a
 * cell). It makes one {@link Normalization} per site: the input projection, the recurrent
 * projection and, for the LSTM, the cell state (docs/normalisation.md).
 */
public interface NormConfigF32 extends Component {
  /**
   * Declares the parameters (and buffers) of one site and returns it.
   *
   * @param name   prefix of its parameter names, e.g. {@code norm_ih_l0}
   * @param width  values per row (e.g. gates x hidden for a projection)
   * @param groups sizes of the column groups normalised as one vector each (layer norm), in
   *               order, summing to width
   * @param biases the bias vectors (each {@code width} long) added after normalisation, which are
   *               the cell's own for a projection; none: the site declares its own
   *               {@code name.bias}
   */
  NormalizationF32 create(ParamsF32.Builder params, String name, int width, int[] groups, Param... biases);

  /**
   * Whether a one-gate cell (the tanh RNN) normalises the sum W x + U h as one vector, as in the
   * seed's eq. 7.6 (section 7.3.1), rather than each projection on its own.
   */
  default boolean normalisesSum() {
    return false;
  }

  /**
   * Standard deviation of the Gaussian noise a training-mode pass from a zero state adds to the
   * layer's initial hidden state (0: none); see {@code RecurrentBatchNorm.Config#initialStateNoise}.
   */
  default float stateNoise() {
    return 0.0f;
  }
}
