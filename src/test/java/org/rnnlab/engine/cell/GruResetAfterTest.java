package org.rnnlab.engine.cell;

class GruResetAfterTest extends CellContractTest {
  @Override
  protected CellConfig cell() {
    return new GruLayer.Config(true);
  }
}
