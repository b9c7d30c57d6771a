package org.rnnlab.engine.cell;

import org.rnnlab.engine.norm.LayerNorm;

/** The layer-norm LSTM at hidden 5: hidden-sized loops all tail at 8 doubles per vector. */
class LayerNormLstmHidden5Test extends CellContractTest {
  @Override
  protected CellConfig cell() {
    return new LstmLayer.Config(1.0, new LayerNorm.Config(null, null));
  }

  @Override
  protected int hidden() {
    return 5;
  }
}
