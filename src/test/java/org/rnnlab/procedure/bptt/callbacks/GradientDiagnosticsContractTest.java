package org.rnnlab.procedure.bptt.callbacks;

import org.rnnlab.procedure.bptt.CallbackContractTest;

/** The callback contract for {@code diagnostics}. */
class GradientDiagnosticsContractTest extends CallbackContractTest {
  @Override
  protected String key() {
    return "diagnostics";
  }

  @Override
  protected String settingsJson() {
    return "{\"every\": 4, \"probe_size\": 3, \"jacobian\": true}";
  }
}
