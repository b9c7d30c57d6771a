package org.rnnlab.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.procedure.bptt.BpttTraining;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.cell.ElmanLayer;
import org.rnnlab.engine.cell.GruLayer;
import org.rnnlab.engine.cell.LstmLayer;
import org.rnnlab.engine.optim.Adam;

/** Sweeps over named points ("task": {"adding_t50": {...}, ...}): planning, seeds, claims, profiles, validation. */
class NamedSweepTest {
  private static final Path NAMED = Path.of(TestTasks.DIR + "named_sweep.json");
  private static final Path MIXED = Path.of(TestTasks.DIR + "mixed_sweep.json");
  private static final ObjectMapper M = new ObjectMapper();

  @Test
  void theNameIdentifiesThePointInIdsGroupsAndThePlan() {
    ExperimentPlan plan = TestTasks.PLANNER.plan(NAMED);
    assertEquals(List.of(
            "rnn__task-adding_t50__s0", "rnn__task-adding_t50__s1", "rnn__task-adding_t100__s0",
            "rnn__task-adding_t100__s1", "rnn__task-copy_t100__s0", "rnn__task-copy_t100__s1",
            "lstm__task-adding_t50__s0", "lstm__task-adding_t50__s1", "lstm__task-adding_t100__s0",
            "lstm__task-adding_t100__s1", "lstm__task-copy_t100__s0", "lstm__task-copy_t100__s1"),
        ids(plan));
    assertEquals(List.of("rnn task=adding_t50", "rnn task=adding_t100", "rnn task=copy_t100",
        "lstm task=adding_t50", "lstm task=adding_t100", "lstm task=copy_t100"), plan.groups());
    assertEquals(Map.of("task", List.of("adding_t50", "adding_t100", "copy_t100")), plan.sweep());
    TrialPlan c = byId(plan).get("lstm__task-copy_t100__s1");
    assertEquals(Map.of("task", "copy_t100"), c.sweepPoint());
    assertEquals("lstm", c.variant());
    assertEquals(1, c.seedIndex());
  }

  @Test
  void eachCellGetsTheNamedValueMergedLikeAVariant() {
    Map<String, TrialPlan> cells = byId(TestTasks.PLANNER.plan(NAMED));
    // same type: merges into the base task, which keeps its variant
    assertEquals(new TestTasks.Adding(50, "halves"), cells.get("lstm__task-adding_t50__s0").config().task());
    // no type: merges too, and overrides the variant
    assertEquals(new TestTasks.Adding(100, "anywhere"), cells.get("lstm__task-adding_t100__s0").config().task());
    // another type: replaces the task, inheriting neither seq_len nor variant
    assertEquals(new TestTasks.Copy(100), cells.get("lstm__task-copy_t100__s0").config().task());
    // the variant still applies
    assertEquals(new ElmanLayer.Config("tanh"), cells.get("rnn__task-copy_t100__s0").config().model(org.rnnlab.model.RnnModel.class).cell());
    assertEquals(new LstmLayer.Config(1.0), cells.get("lstm__task-copy_t100__s0").config().model(org.rnnlab.model.RnnModel.class).cell());
    assertEquals(12, cells.values().stream().map(TrialPlan::sha256).distinct().count());
  }

  @Test
  void seedsDeriveFromTheNameAndAreStableAndDistinct(@TempDir Path dir) throws Exception {
    ExperimentPlan plan = TestTasks.PLANNER.plan(NAMED);
    TrialPlan c = byId(plan).get("lstm__task-adding_t100__s1");
    assertEquals(Rng.hash("5/lstm/task=adding_t100/1"), c.seed());
    assertEquals(Rng.hash("5/test/task=adding_t100/1"), c.testSeed());
    assertEquals(byId(plan).get("rnn__task-adding_t100__s1").testSeed(), c.testSeed()); // variants share test sets
    assertEquals(12, plan.trials().stream().map(TrialPlan::seed).distinct().count());
    assertEquals(6, plan.trials().stream().map(TrialPlan::testSeed).distinct().count());
    assertEquals(plan.trials(), TestTasks.PLANNER.plan(NAMED).trials());

    // reorder the names, drop one and edit another's value: the remaining cells keep their seeds;
    // the edited cell's config (so its hash) changes, the untouched one's does not
    ObjectNode spec = (ObjectNode) M.readTree(NAMED.toFile());
    ObjectNode task = ((ObjectNode) spec.get("sweep")).putObject("task");
    task.putObject("copy_t100").put("type", "copy").put("blank_len", 200);
    task.putObject("adding_t100").put("seq_len", 100).put("variant", "anywhere");
    spec.remove("profiles");
    Path edited = dir.resolve("edited.json");
    Files.writeString(edited, spec.toString());
    ExperimentPlan after = TestTasks.PLANNER.plan(edited);
    assertEquals(Map.of("task", List.of("copy_t100", "adding_t100")), after.sweep());
    Map<String, TrialPlan> before = byId(plan);
    for (TrialPlan a : after.trials()) {
      TrialPlan b = before.get(a.id());
      assertEquals(b.seed(), a.seed(), a.id());
      assertEquals(b.testSeed(), a.testSeed(), a.id());
      if (a.id().contains("copy_t100")) {
        assertNotEquals(b.sha256(), a.sha256(), a.id());
      } else {
        assertEquals(b.sha256(), a.sha256(), a.id());
      }
    }
  }

  @Test
  void claimsSelectNamedPointsByName() {
    assertEquals(List.of(
            new Claim("LSTM learns the adding problem at T=100", "lstm", Map.of("task", "adding_t100"), "loss",
                "mean", "<", 0.05, null),
            new Claim("Nothing learns copy memory", null, Map.of("task", "copy_t100"), "loss", "mean", ">", 0.1, null)),
        TestTasks.PLANNER.plan(NAMED).claims());
  }

  @Test
  void namedPointsAndScalarValuesMix() {
    ExperimentPlan plan = TestTasks.PLANNER.plan(MIXED);
    assertEquals(List.of(
            "base__task-short__lr-0.01__cell-plain__s0", "base__task-short__lr-0.01__cell-gated__s0",
            "base__task-short__lr-0.001__cell-plain__s0", "base__task-short__lr-0.001__cell-gated__s0",
            "base__task-long__lr-0.01__cell-plain__s0", "base__task-long__lr-0.01__cell-gated__s0",
            "base__task-long__lr-0.001__cell-plain__s0", "base__task-long__lr-0.001__cell-gated__s0"),
        ids(plan));
    Map<String, List<Object>> sweep = new LinkedHashMap<>();
    sweep.put("task", List.of("short", "long"));
    sweep.put("training.optimizer.lr", List.of(0.01, 0.001));
    sweep.put("model.cell", List.of("plain", "gated"));
    assertEquals(sweep, plan.sweep());
    assertEquals(List.copyOf(sweep.keySet()), List.copyOf(plan.sweep().keySet()));

    TrialPlan c = plan.trials().get(7);
    assertEquals("base task=long lr=0.001 cell=gated", c.group());
    Map<String, Object> point = new LinkedHashMap<>();
    point.put("task", "long");
    point.put("training.optimizer.lr", 0.001);
    point.put("model.cell", "gated");
    assertEquals(point, c.sweepPoint());
    assertEquals(List.copyOf(point.keySet()), List.copyOf(c.sweepPoint().keySet()));
    assertEquals(Rng.hash("9/base/model.cell=gated,task=long,training.optimizer.lr=0.001/0"), c.seed());
    assertEquals(Rng.hash("9/test/model.cell=gated,task=long,training.optimizer.lr=0.001/0"), c.testSeed());
    assertEquals(new TestTasks.Copy(40), c.config().task());
    assertEquals(new GruLayer.Config(true), c.config().model(org.rnnlab.model.RnnModel.class).cell());
    assertEquals(new Adam(0.001, 0.9, 0.999, 1e-8), ((BpttTraining) c.config().training()).optimizer());
    TrialPlan first = plan.trials().get(0);
    assertEquals(new TestTasks.Adding(10, "anywhere"), first.config().task());
    assertEquals(new ElmanLayer.Config("relu"), first.config().model(org.rnnlab.model.RnnModel.class).cell());

    assertEquals(List.of(new Claim("Gated cells learn the long task", null,
            Map.of("task", "long", "model.cell", "gated", "training.optimizer.lr", 0.001), "loss", "mean", "<", 0.1, null)),
        plan.claims());
  }

  /** A profile's sweep key replaces that key's whole value: named points are not merged name by name. */
  @Test
  void aProfileReplacesTheNamedPointsOfTheKeysItNames() {
    ExperimentPlan full = TestTasks.PLANNER.plan(NAMED);
    ExperimentPlan ci = TestTasks.PLANNER.plan(NAMED, "ci");
    assertEquals(List.of("rnn__task-adding_t100__s0", "lstm__task-adding_t100__s0"), ids(ci));
    assertEquals(Map.of("task", List.of("adding_t100")), ci.sweep());
    // the profile's {"seq_len": 10} is merged into the base task (variant halves); it is not merged
    // with the base's adding_t100 point, whose "variant": "anywhere" would otherwise survive
    assertEquals(new TestTasks.Adding(10, "halves"), ci.trials().get(1).config().task());
    assertEquals(json("{'task': {'adding_t100': {'seq_len': 10}}}"), ci.spec().get("sweep"));
    // seeds derive from the name, so they are those of the full plan
    assertEquals(byId(full).get("lstm__task-adding_t100__s0").seed(), ci.trials().get(1).seed());
    assertEquals(List.of(new Claim("LSTM learns at T=10", "lstm", Map.of("task", "adding_t100"), "loss", "mean",
        "<", 0.2, null)), ci.claims());
  }

  @Test
  void aProfileKeepsTheSweepKeysItLeavesOut() {
    ExperimentPlan full = TestTasks.PLANNER.plan(MIXED);
    ExperimentPlan oneLr = TestTasks.PLANNER.plan(MIXED, "one_lr");
    assertEquals(List.of("base__task-short__lr-0.001__cell-plain__s0", "base__task-short__lr-0.001__cell-gated__s0",
        "base__task-long__lr-0.001__cell-plain__s0", "base__task-long__lr-0.001__cell-gated__s0"), ids(oneLr));
    ExperimentPlan gated = TestTasks.PLANNER.plan(MIXED, "gated_only");
    assertEquals(List.of("base__task-short__lr-0.01__cell-gated__s0", "base__task-short__lr-0.001__cell-gated__s0",
        "base__task-long__lr-0.01__cell-gated__s0", "base__task-long__lr-0.001__cell-gated__s0"), ids(gated));
    assertEquals(new GruLayer.Config(false), gated.trials().get(0).config().model(org.rnnlab.model.RnnModel.class).cell());
    Map<String, TrialPlan> before = byId(full);
    for (TrialPlan c : oneLr.trials()) {
      assertEquals(before.get(c.id()).seed(), c.seed(), c.id());
      assertEquals(before.get(c.id()).sha256(), c.sha256(), c.id());
    }
    for (TrialPlan c : gated.trials()) {
      assertEquals(before.get(c.id()).seed(), c.seed(), c.id());
      assertNotEquals(before.get(c.id()).sha256(), c.sha256(), c.id()); // reset_after changed
    }
  }

  @Test
  void profileSweepMergeReplacesPerKey() {
    JsonNode spec = json("{'task': {'type': 'a', 'n': 1}, 'sweep': {'x.y': [1, 2], 'task': {'p': {'n': 2, 'm': 1}, "
        + "'q': {'n': 3}}, 'z.w': {'r': 1}}, 'profiles': {'ci': {}}}");
    JsonNode profile = json("{'task': {'n': 5}, 'sweep': {'task': {'p': {'n': 4}}, 'x.y': [2]}}");
    assertEquals(json("{'task': {'type': 'a', 'n': 5}, 'sweep': {'x.y': [2], 'task': {'p': {'n': 4}}, "
        + "'z.w': {'r': 1}}}"), Resolve.withProfile(spec, profile));
    // without a sweep in the base or the profile, it is the plain merge rule
    assertEquals(json("{'task': {'type': 'a', 'n': 1}, 'sweep': {'t.n': [1]}}"),
        Resolve.withProfile(json("{'task': {'type': 'a', 'n': 1}}"), json("{'sweep': {'t.n': [1]}}")));
  }

  @Test
  void problemsInsideNamedPointsPointIntoTheirValues() {
    String f = TestTasks.DIR + "bad_named_sweep.json: ";
    assertEquals(List.of(
            f + "/claims/0/where/task: \"adding_t200\" is not one of the point names [adding_t50, copy_t100, odd]",
            f + "/claims/1/where/training.optimizer.lr: 0.5 is not one of the point names [fast, negative]",
            f + "/profiles/ci/claims/0/where/task: \"adding_t200\" is not one of the point names [adding_t50]",
            f + "/profiles/ci/claims/1/where/task: \"copy_t100\" is not one of the point names [adding_t50]",
            f + "/profiles/ci/sweep/task/adding_t50/seq_len: 1 must be >= 2",
            f + "/sweep/model.cell/more_bias/forget_bias: unknown key; allowed: [nonlinearity, norm, type] (variant rnn)",
            f + "/sweep/task/Adding_T100: invalid name; names must match [a-z0-9_-]+",
            f + "/sweep/task/copy_t100/blank_lenn: unknown key; allowed: [blank_len, type]",
            f + "/sweep/task/none: null is not an object, array, string, number or boolean",
            f + "/sweep/task/odd: adding variant halves needs an even seq_len, got 51",
            f + "/sweep/training.batch_size: must not be empty",
            f + "/sweep/training.optimizer.lr/negative: -1 must be > 0",
            f + "/sweep/training.steps: 5 is not an array or object"),
        problems("bad_named_sweep"));
  }

  @Test
  void aRecordCheckFailingAboveTheKeyNamesThePointAndTheConfigPath() {
    assertEquals(List.of(TestTasks.DIR + "named_sweep_record_check.json: /sweep/task.variant/split: /task: adding "
        + "variant halves needs an even seq_len, got 101 (variant long)"), problems("named_sweep_record_check"));
  }

  private static List<String> problems(String spec) {
    Path file = Path.of(TestTasks.DIR + spec + ".json");
    return assertThrows(SpecException.class, () -> TestTasks.PLANNER.plan(file)).lines();
  }

  private static List<String> ids(ExperimentPlan plan) {
    return plan.trials().stream().map(TrialPlan::id).toList();
  }

  private static Map<String, TrialPlan> byId(ExperimentPlan plan) {
    return plan.trials().stream().collect(Collectors.toMap(TrialPlan::id, Function.identity()));
  }

  private static JsonNode json(String s) {
    try {
      return M.readTree(s.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
