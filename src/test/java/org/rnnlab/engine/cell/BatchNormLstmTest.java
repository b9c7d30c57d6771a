package org.rnnlab.engine.cell;

import org.rnnlab.engine.norm.RecurrentBatchNorm;

/**
 * The LSTM with recurrent batch norm (Cooijmans et al. 2017, eqs. 6-8), its backward through the
 * batch statistics of every step. The batch-norm contract tests start the gains at 1, not 0.1,
 * and use 5 sequences, not 3: with small gains and few sequences some column's variance at some
 * step falls to ~1e-4, near epsilon, where the loss curves so sharply (third derivative ~1e6)
 * that no finite difference resolves the gradient to 1e-6; the code checked is the same.
 */
class BatchNormLstmTest extends CellContractTest {
  @Override
  protected CellConfig cell() {
    return new LstmLayer.Config(1.0, new RecurrentBatchNorm.Config(8, null, 1.0, null));
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
