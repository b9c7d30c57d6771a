package org.rnnlab.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** "model" as a typed component in specs: the migration of the esn cell, and a model type's keys. */
class ModelTypeSpecTest {
  @Test
  void anEsnCellOfTheOlderFormatIsOneLineSayingTheNewForm() {
    String file = TestTasks.DIR + "esn_cell.json";
    List<String> lines = assertThrows(SpecException.class, () -> TestTasks.PLANNER.plan(Path.of(file))).lines();
    assertEquals(List.of(file + ": /model: an echo-state reservoir is no longer a cell but a model type (since rnnlab "
        + "0.2): write \"model\": {\"type\": \"esn\", \"hidden_size\": N, ...} with the cell's keys beside hidden_size, "
        + "instead of \"cell\": {\"type\": \"esn\"}"), lines);
  }

  @Test
  void anEsnModelAllowsOnlyItsOwnKeys() {
    var validator = new SpecValidator(TestTasks.CATALOG);
    var config = Catalog.standard().mapper().createObjectNode();
    config.set("model", Catalog.standard().mapper().valueToTree(java.util.Map.of("type", "esn", "hidden_size", 5,
        "num_layers", 2)));
    List<Problem> problems = validator.checkConfig(config).stream()
        .filter(p -> p.pointer().startsWith("/model")).toList();
    assertEquals(1, problems.size(), problems.toString());
    assertEquals("/model/num_layers", problems.get(0).pointer());
  }
}
