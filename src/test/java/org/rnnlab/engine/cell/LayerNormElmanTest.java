package org.rnnlab.engine.cell;

import org.rnnlab.engine.norm.LayerNorm;

/** The tanh RNN with layer norm of W x + U h (seed eq. 7.6). */
class LayerNormElmanTest extends CellContractTest {
  @Override
  protected CellConfig cell() {
    return new ElmanLayer.Config("tanh", new LayerNorm.Config(null, null));
  }
}
