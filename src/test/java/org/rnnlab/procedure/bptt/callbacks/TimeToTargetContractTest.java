package org.rnnlab.procedure.bptt.callbacks;

import org.rnnlab.procedure.bptt.CallbackContractTest;

/** The callback contract for {@code time_to_target}. */
class TimeToTargetContractTest extends CallbackContractTest {
  @Override
  protected String key() {
    return "time_to_target";
  }

  @Override
  protected String settingsJson() {
    return "{\"metric\": \"validation.mse\", \"mode\": \"min\", \"threshold\": 0.2}";
  }
}
