package org.rnnlab.engine.cell;

class ElmanReluTest extends CellContractTest {
  @Override
  protected CellConfig cell() {
    return new ElmanLayer.Config("relu");
  }
}
