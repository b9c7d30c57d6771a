package org.rnnlab.engine.cell;

import org.rnnlab.engine.norm.LayerNorm;

/** The tanh RNN with layer norm of W x + U h (seed eq. 7.6). */
class LayerNormElmanTest extends CellContractTest {
  @Override
  protected CellConfig cell() {
    return new ElmanLayer.Config("tanh", new LayerNorm.Config(null, null));
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
