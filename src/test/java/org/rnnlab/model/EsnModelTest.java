package org.rnnlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The echo-state model: the contract, and its own checks (groups and fan-in against its units). */
class EsnModelTest extends ModelContractTest {
  @Override
  protected String type() {
    return "esn";
  }

  @Override
  protected String trialJson() {
    return """
        {"task": {"type": "mackey_glass", "length": 400},
         "model": {"type": "esn", "hidden_size": 20, "spectral_radius": 1.1, "groups": 2, "inputs_per_unit": 5},
         "training": {"type": "ridge", "washout": 30},
         "evaluation": {}}
        """;
  }

  private static List<String> lines(String model) {
    return RnnModelTest.TrialConfigs.lines(RnnModelTest.TrialConfigs.parse("""
        {"task": {"type": "mackey_glass", "length": 400}, "model": %s,
         "training": {"type": "ridge", "washout": 30}, "evaluation": {}}
        """.formatted(model)));
  }

  @Test
  void moreGroupsThanUnitsIsOneLine() {
    assertEquals(List.of("/model/groups: groups 12 is more than hidden_size 10: every group needs at least one unit"),
        lines("{\"type\": \"esn\", \"hidden_size\": 10, \"groups\": 12, \"inputs_per_unit\": 3}"));
  }

  @Test
  void moreInputsPerUnitThanAGroupHasUnitsIsOneLine() {
    assertEquals(List.of("/model/inputs_per_unit: inputs_per_unit 11 is more than the 10 units a unit can read "
        + "(hidden_size 10): give at most 10"), lines("{\"type\": \"esn\", \"hidden_size\": 10, \"inputs_per_unit\": 11}"));
    assertEquals(List.of("/model/inputs_per_unit: inputs_per_unit 4 is more than the 3 units a unit can read in the "
        + "smallest of the 3 groups (hidden_size 10): give at most 3"),
        lines("{\"type\": \"esn\", \"hidden_size\": 10, \"groups\": 3, \"inputs_per_unit\": 4}"));
    assertEquals(List.of(), lines("{\"type\": \"esn\", \"hidden_size\": 10, \"groups\": 3, \"inputs_per_unit\": 3}"));
  }

  @Test
  void aRecurrentModelIsRefusedByRidgeInOneLine() {
    assertEquals(1, lines("{\"cell\": {\"type\": \"lstm\"}, \"hidden_size\": 5}").size());
  }
}
