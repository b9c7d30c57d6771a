package org.rnnlab.engine.cell;

import org.rnnlab.engine.norm.RecurrentBatchNorm;

/** The batch-norm LSTM at hidden 5. Gain 1, 5 sequences: see {@link BatchNormLstmTest}. */
class BatchNormLstmHidden5Test extends CellContractTest {
  @Override
  protected CellConfig cell() {
    return new LstmLayer.Config(1.0, new RecurrentBatchNorm.Config(8, null, 1.0, null));
  }

  @Override
  protected int hidden() {
    return 5;
  }

  @Override
  protected int batchSize() {
    return 5;
  }
}
