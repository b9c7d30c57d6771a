package org.rnnlab.engine.cell;

class LstmTest extends CellContractTest {
  @Override
  protected CellConfig cell() {
    return new LstmLayer.Config(1.0);
  }
}
