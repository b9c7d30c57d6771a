package org.rnnlab.engine.cell;

import org.rnnlab.engine.norm.LayerNorm;

/** The LSTM with layer norm of both projections and the cell state (Ba et al. 2016). */
class LayerNormLstmTest extends CellContractTest {
  @Override
  protected CellConfig cell() {
    return new LstmLayer.Config(1.0, new LayerNorm.Config(null, null));
  }

  @Override
  protected boolean allWrapperCases() {
    return false;
  }
}
