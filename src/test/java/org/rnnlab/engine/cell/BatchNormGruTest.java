package org.rnnlab.engine.cell;

import org.rnnlab.engine.norm.RecurrentBatchNorm;

/** The GRU (reset after) with recurrent batch norm. Gain 1, 5 sequences: see {@link BatchNormLstmTest}. */
class BatchNormGruTest extends CellContractTest {
  @Override
  protected CellConfig cell() {
    return new GruLayer.Config(true, new RecurrentBatchNorm.Config(8, null, 1.0, null));
  }

  @Override
  protected int batchSize() {
    return 5;
  }

  @Override
  protected boolean allWrapperCases() {
    return false;
  }
}
