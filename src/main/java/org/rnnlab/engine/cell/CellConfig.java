package org.rnnlab.engine.cell;

import org.rnnlab.config.Component;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.norm.NormConfig;

/** The spec record of a recurrent cell type. */
public interface CellConfig extends Component {
  /**
   * Declares the parameters of layer {@code index} and returns the layer.
   *
   * @param suffix "" for a forward layer, "_reverse" for the backward direction
   */
  RecurrentLayer create(Params.Builder params, int index, String suffix, int inputSize, int hiddenSize);

  /** The cell's normalisation (docs/normalisation.md), or null: none. */
  default NormConfig norm() {
    return null;
  }
}
