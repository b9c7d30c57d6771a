package org.rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.results.ResultsStore;

/** The Setup section: settings flattened from resolved configs, shared ones once, differing ones per group. */
class SetupSectionTest {
  @TempDir Path tmp;

  @Test
  void flattensLeavesInTheReadersOrderAndLeavesTrialSeedsOut() throws IOException {
    Map<String, String> flat = SetupSection.flatten(new ObjectMapper().readTree("""
        {"evaluation": {"every": 5, "track": ["test"]}, "model": {"cell": {"type": "lstm"}, "hidden_size": 8},
         "seed": 123, "task": {"type": "adding"}, "test_seed": 4,
         "training": {"optimizer": {"lr": 0.002, "eps": 1e-8}, "sets": {}}}"""));
    assertEquals(java.util.List.of("task.type", "model.cell.type", "model.hidden_size", "model.precision",
        "training.optimizer.lr", "training.optimizer.eps", "training.sets", "evaluation.every", "evaluation.track"),
        java.util.List.copyOf(flat.keySet()));
    assertEquals("float64", flat.get("model.precision"), "the default a resolved config leaves out, spelled out");
    assertEquals("0.002", flat.get("training.optimizer.lr"));
    assertEquals("1e-08", flat.get("training.optimizer.eps"));
    assertEquals("[test]", flat.get("evaluation.track"));
  }

  @Test
  void aFloat32ModelKeepsItsPrecisionAndOtherModelsGetNone() throws IOException {
    Map<String, String> f32 = SetupSection.flatten(new ObjectMapper().readTree(
        "{\"model\": {\"hidden_size\": 8, \"precision\": \"float32\"}}"));
    assertEquals("float32", f32.get("model.precision"));
    Map<String, String> esn = SetupSection.flatten(new ObjectMapper().readTree(
        "{\"model\": {\"type\": \"esn\", \"hidden_size\": 8}}"));
    assertTrue(!esn.containsKey("model.precision"), esn.toString());
  }

  @Test
  void manyDifferingSettingsMakeARowEachAndFewAColumnEach() {
    List<Map<String, String>> flat = List.of(Map.of("a", "1", "b", "2", "c", "3"), Map.of("a", "4", "b", "5"));
    Doc wide = new Doc();
    SetupSection.differingTable(wide, List.of("g1", "g2"), flat, List.of("a", "b", "c"));
    String md = MarkdownReport.render(wide);
    assertTrue(md.contains("| Setting | g1 | g2 |") && md.contains("| c | 3 | — |"), md);
    Doc narrow = new Doc();
    SetupSection.differingTable(narrow, List.of("g1", "g2"), flat, List.of("a"));
    String md2 = MarkdownReport.render(narrow);
    assertTrue(md2.contains("| Group | a |") && md2.contains("| g2 | 4 |"), md2);
  }

  @Test
  void theReportSaysWhatRanSharedOnceAndWhatDiffersPerGroup() throws IOException {
    Fixture.Run run = Fixture.everyMeasure(tmp);
    Results r = ResultsReader.read(run.plan(), new ResultsStore(run.dir()));
    Doc doc = new Doc();
    SetupSection.add(doc, r);
    String md = MarkdownReport.render(doc);
    assertTrue(md.contains("## Setup"), md);
    assertTrue(md.contains("| Setting | Value |"), md);
    assertTrue(md.contains("trials with results; compute:"), md);
    assertEquals("1 h 01 min", SetupSection.duration(3690));
    assertEquals("4 min 05 s", SetupSection.duration(245));
  }
}
