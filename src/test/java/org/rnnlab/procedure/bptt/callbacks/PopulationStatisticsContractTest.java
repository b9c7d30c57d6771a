package org.rnnlab.procedure.bptt.callbacks;

import org.rnnlab.procedure.bptt.CallbackContractTest;

/** The callback contract for {@code bn_statistics}, on a batch-norm LSTM. */
class PopulationStatisticsContractTest extends CallbackContractTest {
  @Override
  protected String key() {
    return "bn_statistics";
  }

  @Override
  protected String settingsJson() {
    return "{\"batches\": 2}";
  }

  @Override
  protected String modelJson() {
    return "{\"cell\": {\"type\": \"lstm\", \"norm\": {\"type\": \"batch\", \"max_steps\": 7}}, \"hidden_size\": 4}";
  }
}
