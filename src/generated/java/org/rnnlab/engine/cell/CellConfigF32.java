// Generated from src/main/java/org/rnnlab/engine/cell/CellConfig.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change CellConfig.java and run `make generate`.
package org.rnnlab.engine.cell;

import org.rnnlab.config.Component;
import org.rnnlab.engine.ParamsF32;
import org.rnnlab.engine.norm.NormConfigF32;

/** The spec record of a recurrent cell type. */
public interface CellConfigF32 extends Component {
  /**
   * Declares the parameters of layer {@code index} and returns the layer.
   *
   * @param suffix "" for a forward layer, "_reverse" for the backward direction
   */
  RecurrentLayerF32 create(ParamsF32.Builder params, int index, String suffix, int inputSize, int hiddenSize);

  /** The cell's normalisation (docs/normalisation.md), or null: none. */
  default NormConfigF32 norm() {
    return null;
  }
}
