package org.rnnlab.engine.cell;

import org.rnnlab.engine.norm.RecurrentBatchNorm;

/** The tanh RNN with recurrent batch norm of each projection. Gain 1, 5 sequences: see {@link BatchNormLstmTest}. */
class BatchNormElmanTest extends CellContractTest {
  @Override
  protected CellConfig cell() {
    return new ElmanLayer.Config("tanh", new RecurrentBatchNorm.Config(8, null, 1.0, null));
  }

  @Override
  protected int batchSize() {
    return 5;
  }

  /** 5: the seam's paths of this cell are those of the others; its own are size-independent. */
  @Override
  protected int hidden() {
    return 5;
  }

  @Override
  protected boolean allWrapperCases() {
    return false;
  }
}
