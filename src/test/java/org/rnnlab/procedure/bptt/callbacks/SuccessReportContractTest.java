package org.rnnlab.procedure.bptt.callbacks;

import org.rnnlab.procedure.bptt.CallbackContractTest;

/** The callback contract for {@code success_report}. */
class SuccessReportContractTest extends CallbackContractTest {
  @Override
  protected String key() {
    return "success_report";
  }

  @Override
  protected String settingsJson() {
    return "{}";
  }
}
