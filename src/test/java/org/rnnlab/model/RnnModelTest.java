package org.rnnlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.procedure.ConfigProblem;
import org.rnnlab.procedure.TrialConfig;

/** The recurrent stack: the contract, and its own checks. */
class RnnModelTest extends ModelContractTest {
  @Override
  protected String type() {
    return "rnn";
  }

  @Override
  protected String trialJson() {
    return """
        {"task": {"type": "adding", "seq_len": 10},
         "model": {"cell": {"type": "lstm"}, "hidden_size": 8},
         "training": {"type": "bptt", "optimizer": {"type": "sgd", "lr": 0.1}, "batch_size": 2, "steps": 1},
         "evaluation": {"test_size": 4}}
        """;
  }

  private static List<String> lines(String model) {
    TrialConfig c = TrialConfigs.parse("""
        {"task": {"type": "adding", "seq_len": 10}, "model": %s,
         "training": {"type": "bptt", "optimizer": {"type": "sgd", "lr": 0.1}, "batch_size": 2, "steps": 1},
         "evaluation": {"test_size": 4}}
        """.formatted(model));
    return c.training().check(c).stream().map(p -> p.pointer() + ": " + p.message()).toList();
  }

  @Test
  void aSparseRecurrentInitReadingMoreUnitsThanThereAreIsOneLine() {
    assertEquals(List.of("/model/recurrent_init/inputs_per_unit: inputs_per_unit 15 is more than the 8 units a unit "
        + "can read (hidden_size): give at most 8"), lines("""
        {"cell": {"type": "elman"}, "hidden_size": 8, "recurrent_init": {"type": "sparse_spectral"}}"""));
    assertEquals(List.of(), lines("""
        {"cell": {"type": "elman"}, "hidden_size": 15, "recurrent_init": {"type": "sparse_spectral"}}"""));
  }

  /**
   * A bidirectional model reading out at the last step is well defined, so it is not refused: the
   * readout reads each direction's state after the whole sequence, [h_T forward; h_1 backward].
   */
  @Test
  void aBidirectionalModelWithALastStepReadoutIsAccepted() {
    assertEquals(List.of(), lines("""
        {"cell": {"type": "gru"}, "hidden_size": 4, "bidirectional": true}"""));
  }

  @Test
  void anEsnModelIsRefusedByBpttInOneLineWithTheProcedureThatFitsIt() {
    List<String> out = lines("""
        {"type": "esn", "hidden_size": 4}""");
    assertEquals(1, out.size(), out.toString());
    assertEquals(true, out.get(0).startsWith("/model/type: bptt training trains a model by gradient")
        && out.get(0).contains("{\"type\": \"ridge\"}"), out.get(0));
  }

  /** Parsing trials in tests. */
  static final class TrialConfigs {
    static TrialConfig parse(String json) {
      try {
        return org.rnnlab.spec.Catalog.standard().mapper().readValue(json, TrialConfig.class);
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }

    static List<String> lines(TrialConfig c) {
      return c.training().check(c).stream().map((ConfigProblem p) -> p.pointer() + ": " + p.message()).toList();
    }
  }
}
