package org.rnnlab.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.procedure.EvaluationConfig;
import org.rnnlab.procedure.bptt.BpttTraining;
import org.rnnlab.procedure.TrialConfig;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.cell.ElmanLayer;
import org.rnnlab.engine.cell.LstmLayer;
import org.rnnlab.engine.clip.GlobalNormClip;
import org.rnnlab.engine.init.OrthogonalInit;
import org.rnnlab.engine.init.PyTorchInit;
import org.rnnlab.engine.optim.Adam;
import org.rnnlab.engine.optim.RmsProp;

class PlannerTest {
  private static final Path VALID = Path.of(TestTasks.DIR + "valid.json");

  @Test
  void plansVariantsTimesSweepTimesSeedsInOrder() {
    ExperimentPlan plan = TestTasks.PLANNER.plan(VALID);
    assertEquals(List.of("rnn__seq_len-50__s0", "rnn__seq_len-50__s1", "rnn__seq_len-100__s0", "rnn__seq_len-100__s1",
            "lstm__seq_len-50__s0", "lstm__seq_len-50__s1", "lstm__seq_len-100__s0", "lstm__seq_len-100__s1"),
        plan.trials().stream().map(TrialPlan::id).toList());
    assertEquals(List.of("rnn seq_len=50", "rnn seq_len=100", "lstm seq_len=50", "lstm seq_len=100"), plan.groups());
    TrialPlan c = plan.trials().get(6);
    assertEquals("lstm", c.variant());
    assertEquals(Map.of("task.seq_len", 100), c.sweepPoint());
    assertEquals(0, c.seedIndex());
    assertEquals("valid", plan.name());
    assertNull(plan.profile());
    assertEquals(List.of("rnn", "lstm"), plan.variants());
    assertEquals(Map.of("task.seq_len", List.of(50, 100)), plan.sweep());
    assertEquals(2, plan.seeds());
    assertEquals(1L, plan.rootSeed());
    assertEquals(64, plan.spec().get("model").get("hidden_size").asInt());
  }

  @Test
  void resolvesTypedConfigWithDefaults() {
    TrialPlan c = TestTasks.PLANNER.plan(VALID).trials().get(6);
    TrialConfig r = c.config();
    assertEquals(new TestTasks.Adding(100, "anywhere"), r.task());
    assertEquals(new LstmLayer.Config(1.0), r.model(org.rnnlab.model.RnnModel.class).cell());
    assertEquals(64, r.model().hiddenSize());
    assertEquals(1, r.model().numLayers());
    assertEquals(new PyTorchInit(), r.model(org.rnnlab.model.RnnModel.class).weightInit());
    assertEquals(new OrthogonalInit(1.0), r.model(org.rnnlab.model.RnnModel.class).recurrentInit());
    assertNull(r.model().loss());
    assertEquals(new RmsProp(0.001, 0.99, 1e-8, 0.0), ((BpttTraining) r.training()).optimizer());
    assertEquals(new GlobalNormClip(1.0), ((BpttTraining) r.training()).clipping());
    assertNull(((BpttTraining) r.training()).truncation());
    assertNull(((BpttTraining) r.training()).trainSize());
    assertEquals(new EvaluationConfig(100, 1000, null, null, null), r.evaluation());
    // the rnn variant replaces the cell: it does not inherit the LSTM's forget_bias
    assertEquals(new ElmanLayer.Config("tanh"), TestTasks.PLANNER.plan(VALID).trials().get(0).config().model(org.rnnlab.model.RnnModel.class).cell());
  }

  @Test
  void readsReportAndClaims() {
    ExperimentPlan plan = TestTasks.PLANNER.plan(VALID);
    assertEquals(new ReportSpec("mse", true, List.of(new Published("LSTM test MSE at T=100", "< 0.01",
        "Bai et al. 2018, Table 1")), null, null), plan.report()); // null: the default charts and formats
    // metric defaults to main_metric; 100.0 in "where" becomes the swept value 100
    assertEquals(List.of(
            new Claim("LSTM beats the baseline at T=100", "lstm", Map.of("task.seq_len", 100), "mse", "mean", "<", 0.05, null),
            new Claim("Something learns", null, Map.of(), "solved_fraction", "max", ">", 0.5, null)),
        plan.claims());
  }

  @Test
  void cellSeedDependsOnlyOnItsIdentity() {
    TrialPlan c = TestTasks.PLANNER.plan(VALID).trials().get(6);
    assertEquals(Rng.hash("1/lstm/task.seq_len=100/0"), c.seed());
    assertEquals(Rng.hash("1/test/task.seq_len=100/0"), c.testSeed());
    assertEquals(TestTasks.PLANNER.plan(VALID).trials(), TestTasks.PLANNER.plan(VALID).trials());
    long distinct = TestTasks.PLANNER.plan(VALID).trials().stream().map(TrialPlan::seed).distinct().count();
    assertEquals(8, distinct);
  }

  @Test
  void removingAVariantOrAValueKeepsTheOtherCellsSeeds(@TempDir Path dir) throws Exception {
    ObjectNode spec = (ObjectNode) TestTasks.CATALOG.mapper().readTree(VALID.toFile());
    ((ObjectNode) spec.get("variants")).remove("rnn");
    ((ObjectNode) spec.get("sweep")).putArray("task.seq_len").add(100).add(200);
    spec.remove("claims");
    Path smaller = dir.resolve("smaller.json");
    Files.writeString(smaller, spec.toString());
    Map<String, TrialPlan> before = byId(TestTasks.PLANNER.plan(VALID).trials());
    List<TrialPlan> after = TestTasks.PLANNER.plan(smaller).trials();
    assertEquals(4, after.size());
    for (TrialPlan c : after) {
      if (c.id().contains("seq_len-100")) {
        assertEquals(before.get(c.id()).seed(), c.seed(), c.id());
        assertEquals(before.get(c.id()).sha256(), c.sha256(), c.id());
      }
    }
  }

  @Test
  void profileMergesIntoTheSpecAndKeepsSeeds() {
    ExperimentPlan ci = TestTasks.PLANNER.plan(VALID, "ci");
    assertEquals("ci", ci.profile());
    assertEquals(List.of("rnn__seq_len-50__s0", "lstm__seq_len-50__s0"), ci.trials().stream().map(TrialPlan::id).toList());
    TrialConfig r = ci.trials().get(1).config();
    assertEquals(20, ((BpttTraining) r.training()).steps());
    assertEquals(new RmsProp(0.01, 0.99, 1e-8, 0.0), ((BpttTraining) r.training()).optimizer()); // lr merged, not replaced
    assertEquals(new GlobalNormClip(1.0), ((BpttTraining) r.training()).clipping());
    assertEquals(32, ((BpttTraining) r.training()).batchSize());
    assertEquals(TestTasks.PLANNER.plan(VALID).trials().get(4).seed(), ci.trials().get(1).seed());
    assertTrue(!ci.spec().has("profiles"));
    // the profile's report says what it changed, generated from the profile as written
    assertEquals("LSTM vs Elman RNN on the adding problem at two lengths. Profile ci changes the full run: seeds 1, "
        + "training.steps 20, training.optimizer.lr 0.01, sweep task.seq_len: [50], and has its own claims.",
        ci.description());
    assertEquals("LSTM vs Elman RNN on the adding problem at two lengths.", TestTasks.PLANNER.plan(VALID).description());
  }

  @Test
  void aProfileSummaryNamesNamedSweepPointsAndCutsLongValues() {
    ObjectNode profile = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    profile.put("description", "short run");
    profile.putObject("sweep").putObject("task").putObject("adding_t50").put("seq_len", 50);
    ((ObjectNode) profile.get("sweep").get("task")).putObject("copy_t100").put("blank_len", 100);
    profile.putObject("evaluation").put("track", "x".repeat(100));
    assertEquals("Profile ci changes the full run: sweep task: [adding_t50, copy_t100], evaluation.track "
        + "x".repeat(59) + "….", ProfileSummary.of("ci", profile));
  }

  @Test
  void sweepsNestedKeysAndUsesFullKeysWhenLastPartsClash() {
    ExperimentPlan plan = TestTasks.PLANNER.plan(Path.of(TestTasks.DIR + "nested_sweep.json"));
    assertEquals(List.of(
            "base__lr-0.01__model.weight_init.gain-1__model.recurrent_init.gain-0.5__s0",
            "base__lr-0.01__model.weight_init.gain-1__model.recurrent_init.gain-2__s0",
            "base__lr-0.001__model.weight_init.gain-1__model.recurrent_init.gain-0.5__s0",
            "base__lr-0.001__model.weight_init.gain-1__model.recurrent_init.gain-2__s0"),
        plan.trials().stream().map(TrialPlan::id).toList());
    TrialPlan c = plan.trials().get(3);
    assertEquals("base lr=0.001 model.weight_init.gain=1 model.recurrent_init.gain=2", c.group());
    assertEquals(new Adam(0.001, 0.9, 0.999, 1e-8), ((BpttTraining) c.config().training()).optimizer());
    assertEquals(new OrthogonalInit(1.0), c.config().model(org.rnnlab.model.RnnModel.class).weightInit());
    assertEquals(new OrthogonalInit(2.0), c.config().model(org.rnnlab.model.RnnModel.class).recurrentInit());
    assertEquals(new TestTasks.Copy(10), c.config().task());
    assertEquals(List.of("base"), plan.variants());
    assertEquals(Rng.hash("-7/base/model.recurrent_init.gain=2,model.weight_init.gain=1,"
        + "training.optimizer.lr=0.001/0"), c.seed());
    assertEquals(false, plan.report().lowerIsBetter());
  }

  @Test
  void variantsMergeSameTypesAndReplaceChangedTypes() {
    Map<String, TrialPlan> cells = byId(TestTasks.PLANNER.plan(Path.of(TestTasks.DIR + "merge.json")).trials());
    TrialConfig gru = cells.get("gru__s0").config();
    assertEquals(new org.rnnlab.engine.cell.GruLayer.Config(false), gru.model(org.rnnlab.model.RnnModel.class).cell());
    assertEquals(2, gru.model().numLayers());
    TrialConfig sgd = cells.get("sgd__s0").config();
    assertEquals(new org.rnnlab.engine.optim.Sgd(0.1, 0.0, false), ((BpttTraining) sgd.training()).optimizer()); // no alpha
    TrialConfig alpha = cells.get("alpha__s0").config();
    assertEquals(new RmsProp(0.001, 0.5, 1e-8, 0.0), ((BpttTraining) alpha.training()).optimizer());
    assertEquals(new TestTasks.Copy(3), alpha.task()); // seq_len of adding not carried over
    TrialConfig same = cells.get("same_type__s0").config();
    assertEquals(new LstmLayer.Config(2.0), same.model(org.rnnlab.model.RnnModel.class).cell()); // same type: forget_bias kept
    assertEquals(2, ((BpttTraining) same.training()).truncation());
    assertInstanceOf(RmsProp.class, ((BpttTraining) same.training()).optimizer());
  }

  private static Map<String, TrialPlan> byId(List<TrialPlan> cells) {
    return cells.stream().collect(Collectors.toMap(TrialPlan::id, Function.identity()));
  }

  @Test
  void aClaimCanCompareWithTheStatisticOfOtherGroups(@TempDir Path dir) throws Exception {
    ObjectNode spec = (ObjectNode) TestTasks.CATALOG.mapper().readTree(VALID.toFile());
    spec.remove("profiles");
    com.fasterxml.jackson.databind.node.ArrayNode claims = spec.putArray("claims");
    claims.add(TestTasks.CATALOG.mapper().readTree("{\"text\": \"LSTM halves the RNN's mse at T=100\", "
        + "\"variant\": \"lstm\", \"where\": {\"task.seq_len\": 100}, \"op\": \"<\", "
        + "\"than\": {\"variant\": \"rnn\", \"factor\": 0.5}}"));
    claims.add(TestTasks.CATALOG.mapper().readTree("{\"text\": \"longer is harder\", \"where\": {\"task.seq_len\": 100},"
        + " \"statistic\": \"median\", \"op\": \">\", \"than\": {\"where\": {\"task.seq_len\": 50.0}}}"));
    Path file = dir.resolve("than.json");
    Files.writeString(file, spec.toString());
    List<Claim> got = TestTasks.PLANNER.plan(file).claims();
    // the reference inherits the claim's where, metric and statistic unless it overrides them
    assertEquals(new Claim.Reference("rnn", Map.of("task.seq_len", 100), "mse", "mean", 0.5), got.get(0).than());
    assertNull(got.get(0).value());
    assertEquals(new Claim.Reference(null, Map.of("task.seq_len", 50), "mse", "median", 1.0), got.get(1).than());

    claims.removeAll();
    claims.add(TestTasks.CATALOG.mapper().readTree("{\"text\": \"bad\", \"op\": \"<\", "
        + "\"than\": {\"variant\": \"gru\", \"where\": {\"task.seq_len\": 75}, \"metric\": \"accuracy\"}}"));
    Files.writeString(file, spec.toString());
    SpecException e = org.junit.jupiter.api.Assertions.assertThrows(SpecException.class,
        () -> TestTasks.PLANNER.plan(file));
    String all = String.join("\n", e.lines());
    org.junit.jupiter.api.Assertions.assertTrue(all.contains("/claims/0/than/variant: \"gru\" is not one of"), all);
    org.junit.jupiter.api.Assertions.assertTrue(all.contains("/claims/0/than/where/task.seq_len: 75 is not one of the "
        + "swept values"), all);
  }
}
