package org.rnnlab.engine.cell;

import org.rnnlab.engine.norm.LayerNorm;

/** The GRU resetting before the product, with layer norm. */
class LayerNormGruResetBeforeTest extends CellContractTest {
  @Override
  protected CellConfig cell() {
    return new GruLayer.Config(false, new LayerNorm.Config(null, null));
  }

  /** 5: the seam's paths of this cell are those of the others; its own are size-independent. */
  @Override
  protected int hidden() {
    return 5;
  }

  @Override
  protected boolean allWrapperCases() {
    return false;
  }
}
