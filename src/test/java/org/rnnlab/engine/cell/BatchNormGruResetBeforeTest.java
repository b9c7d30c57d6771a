package org.rnnlab.engine.cell;

import org.rnnlab.engine.norm.RecurrentBatchNorm;

/** The GRU resetting before the product, with recurrent batch norm (its recurrent site in two ranges). Gain 1, 5 sequences: see {@link BatchNormLstmTest}. */
class BatchNormGruResetBeforeTest extends CellContractTest {
  @Override
  protected CellConfig cell() {
    return new GruLayer.Config(false, new RecurrentBatchNorm.Config(8, null, 1.0, null));
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
