package org.rnnlab.engine.cell;

import org.rnnlab.engine.norm.LayerNorm;

/** The GRU resetting before the product, with layer norm. */
class LayerNormGruResetBeforeTest extends CellContractTest {
  @Override
  protected CellConfig cell() {
    return new GruLayer.Config(false, new LayerNorm.Config(null, null));
  }
}
