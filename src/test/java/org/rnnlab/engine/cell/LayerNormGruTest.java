package org.rnnlab.engine.cell;

import org.rnnlab.engine.norm.LayerNorm;

/** The GRU (reset after) with layer norm, r and z as one vector, n on its own. */
class LayerNormGruTest extends CellContractTest {
  @Override
  protected CellConfig cell() {
    return new GruLayer.Config(true, new LayerNorm.Config(null, null));
  }

  @Override
  protected boolean allWrapperCases() {
    return false;
  }
}
