package org.rnnlab.procedure.bptt.callbacks;

import org.rnnlab.procedure.bptt.CallbackContractTest;

/** The callback contract for {@code samples}, on the seed's toy language model. */
class TextSamplesContractTest extends CallbackContractTest {
  @Override
  protected String key() {
    return "samples";
  }

  @Override
  protected String taskJson() {
    return TextSamplesTest.TOY_TASK;
  }

  @Override
  protected String modelJson() {
    return TextSamplesTest.TOY_MODEL;
  }

  @Override
  protected String settingsJson() {
    return "{\"at\": [0, 0.5, 1], \"length\": 6, \"prime\": \"the\", \"temperatures\": [0, 1, 2], "
        + "\"scored_length\": 20, \"beams\": [1, 3], \"beam_length\": 4}";
  }
}
