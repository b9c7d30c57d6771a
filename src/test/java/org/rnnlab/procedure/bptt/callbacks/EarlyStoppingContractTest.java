package org.rnnlab.procedure.bptt.callbacks;

import org.rnnlab.procedure.bptt.CallbackContractTest;

/** The callback contract for {@code early_stopping}. */
class EarlyStoppingContractTest extends CallbackContractTest {
  @Override
  protected String key() {
    return "early_stopping";
  }

  @Override
  protected String settingsJson() {
    return "{\"metric\": \"validation.loss\", \"mode\": \"min\", \"patience\": 2}";
  }
}
