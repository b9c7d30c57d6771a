package org.rnnlab.procedure.bptt.callbacks;

import org.rnnlab.procedure.bptt.CallbackContractTest;

/** The callback contract for {@code best_on_validation}. */
class BestOnValidationContractTest extends CallbackContractTest {
  @Override
  protected String key() {
    return "best_on_validation";
  }

  @Override
  protected String settingsJson() {
    return "{\"metric\": \"validation.loss\", \"mode\": \"min\"}";
  }
}
