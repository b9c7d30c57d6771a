package org.rnnlab.procedure.bptt.callbacks;

import org.rnnlab.procedure.bptt.CallbackContractTest;

/** The callback contract for {@code pretrain_readout}. */
class ReadoutPretrainingContractTest extends CallbackContractTest {
  @Override
  protected String key() {
    return "pretrain_readout";
  }

  @Override
  protected String settingsJson() {
    return "{\"fit\": \"ridge\", \"sequences\": 50}";
  }
}
