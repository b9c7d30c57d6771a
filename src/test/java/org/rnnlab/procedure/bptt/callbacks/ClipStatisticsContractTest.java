package org.rnnlab.procedure.bptt.callbacks;

import org.rnnlab.procedure.bptt.CallbackContractTest;

/** The callback contract for {@code clip_statistics}. */
class ClipStatisticsContractTest extends CallbackContractTest {
  @Override
  protected String key() {
    return "clip_statistics";
  }

  @Override
  protected String settingsJson() {
    return "{\"trace\": true}";
  }
}
