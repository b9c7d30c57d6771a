package org.rnnlab.engine.cell;

class ElmanTanhTest extends CellContractTest {
  @Override
  protected CellConfig cell() {
    return new ElmanLayer.Config("tanh");
  }
}
