package org.rnnlab.engine.cell;

class GruResetBeforeTest extends CellContractTest {
  @Override
  protected CellConfig cell() {
    return new GruLayer.Config(false);
  }
}
