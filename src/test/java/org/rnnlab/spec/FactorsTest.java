package org.rnnlab.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.engine.Rng;

/** The factors block: expansion, names, run order, exclusion, interactions, profiles and every kind of error. */
class FactorsTest {
  private static final Path FACTORS = Path.of(TestTasks.DIR + "factors.json");
  private static final Path BY_HAND = Path.of(TestTasks.DIR + "factors_by_hand.json");

  @Test
  void aCrossPlansExactlyAsItsVariantsWrittenOutByHand() {
    ExperimentPlan crossed = TestTasks.PLANNER.plan(FACTORS);
    ExperimentPlan byHand = TestTasks.PLANNER.plan(BY_HAND);
    // hand-written variants first, then the generated ones, first factor slowest; rnn_b8 is excluded
    assertEquals(List.of("small", "lstm", "lstm_b8", "lstm_ln", "lstm_ln_b8", "rnn", "rnn_ln"), crossed.variants());
    assertEquals(byHand.variants(), crossed.variants());
    // same ids, seeds, test seeds and resolved configs: the cross is only another way to write them
    assertEquals(identities(byHand), identities(crossed));
    assertEquals(Rng.hash("5/rnn_ln//1"), crossed.trials().get(13).seed());
  }

  @Test
  void thePlanKnowsEachGeneratedVariantsLevelsAndEachLevelsDisplayName() {
    ExperimentPlan plan = TestTasks.PLANNER.plan(FACTORS);
    assertEquals(Map.of("cell", "rnn", "norm", "ln", "batch", "b4"), plan.levels().get("rnn_ln"));
    assertEquals(List.of("cell", "norm", "batch"), List.copyOf(plan.levels().get("lstm_ln_b8").keySet()));
    assertEquals(null, plan.levels().get("small")); // hand-written
    assertEquals(List.of("cell", "norm", "batch"), plan.factors().stream().map(Factor::name).toList());
    Factor cell = plan.factors().get(0);
    assertEquals(List.of(new Factor.Level("lstm", "LSTM"), new Factor.Level("rnn", "tanh RNN")), cell.levels());
    assertEquals("plain", plan.factors().get(1).label("plain")); // no label: the key
    assertEquals("layer norm", plan.factors().get(1).label("ln"));
  }

  @Test
  void runOrderReordersVariantsWithoutChangingAnyTrial(@TempDir Path dir) throws Exception {
    Path reordered = dir.resolve("reordered.json");
    Files.writeString(reordered, Files.readString(FACTORS).replace("\"exclude\":",
        "\"run_order\": [\"batch\", \"norm\", \"cell\"], \"exclude\":"));
    ExperimentPlan plan = TestTasks.PLANNER.plan(reordered);
    assertEquals(List.of("small", "lstm", "rnn", "lstm_ln", "rnn_ln", "lstm_b8", "lstm_ln_b8"), plan.variants());
    assertEquals(Set.copyOf(identities(TestTasks.PLANNER.plan(FACTORS))), Set.copyOf(identities(plan)));
  }

  @Test
  void onlyKeepsTheMatchingCombinationsAndExcludeThenLeavesSomeOut(@TempDir Path dir) throws Exception {
    Path only = dir.resolve("only.json");
    Files.writeString(only, Files.readString(FACTORS).replace("\"exclude\": [{\"cell\": \"rnn\", \"batch\": \"b8\"}]",
        "\"only\": [{\"batch\": \"b4\"}, {\"cell\": \"lstm\", \"norm\": \"plain\"}], \"exclude\": [{\"norm\": \"ln\", \"cell\": \"lstm\"}]"));
    assertEquals(List.of("small", "lstm", "lstm_b8", "rnn", "rnn_ln"), TestTasks.PLANNER.plan(only).variants());
  }

  @Test
  void interactionsAndProfilesChangeTheLevelsTheyName() throws Exception {
    Map<String, TrialPlan> full = first(TestTasks.PLANNER.plan(FACTORS));
    assertEquals(20, setting(full.get("lstm_b8"), "/training/steps")); // the interaction
    assertEquals(10, setting(full.get("lstm_ln"), "/training/steps"));
    Map<String, TrialPlan> ci = first(TestTasks.PLANNER.plan(FACTORS, "ci"));
    assertEquals(6, setting(ci.get("lstm_ln_b8"), "/training/batch_size")); // the profile's level override
    assertEquals(20, setting(ci.get("lstm_ln_b8"), "/training/steps"));
    assertEquals(4, setting(ci.get("rnn_ln"), "/training/batch_size"));
  }

  @Test
  void everyProblemIsOneLineWithItsPointer() {
    String f = TestTasks.DIR + "bad_factors.json: ";
    assertEquals(List.of(
            f + "/factors: the combination cell=lstm, batch=b8 gives the variant name \"lstm_b8\", which "
                + "/variants/lstm_b8 already names; rename one (a profile changes a generated variant through its "
                + "levels, not through variants)",
            f + "/factors: the combination cell=lstm, batch=b16 gives the variant name \"lstm_b8\", which "
                + "/variants/lstm_b8 already names; rename one (a profile changes a generated variant through its "
                + "levels, not through variants)",
            f + "/factors: the combinations cell=rnn, batch=b8 and cell=rnn, batch=b16 both give the variant name "
                + "\"rnn_b8\"; give their levels tags that differ",
            f + "/factors/cross/batch/b8/override/training/steps: sets 20 where "
                + "/factors/cross/cell/rnn/override/training/steps sets 30, both in variant rnn_b8 (cell=rnn, "
                + "batch=b8); the levels and interactions of one variant must not set one setting differently",
            f + "/factors/cross/seeds: must not be empty",
            f + "/factors/exclude/0/cell: \"gru\" is not a level of cell; levels: [lstm, rnn]",
            f + "/factors/exclude/1/batch/1: \"b32\" is not a level of batch; levels: [b4, b8, b16]",
            f + "/factors/exclude/2/optimizer: not a factor; factors: [cell, batch]",
            f + "/factors/run_order: lists [batch, cell, batch]; it must name each factor of cross once: [cell, batch]"),
        problems("bad_factors"));
  }

  @Test
  void excludingEverythingAndAnInteractionThatMatchesNothingAreErrors(@TempDir Path dir) throws Exception {
    Path none = dir.resolve("none.json");
    Files.writeString(none, Files.readString(FACTORS).replace("\"exclude\": [{\"cell\": \"rnn\", \"batch\": \"b8\"}]",
        "\"exclude\": [{\"cell\": \"rnn\", \"batch\": \"b8\"}, {\"batch\": \"b8\", \"cell\": \"lstm\"}]"));
    assertEquals(List.of(none + ": /factors/interactions/0/where: matches no combination that exclude and only leave"),
        assertThrows(SpecException.class, () -> TestTasks.PLANNER.plan(none)).lines());
    Files.writeString(none, Files.readString(FACTORS).replace("\"exclude\": [{\"cell\": \"rnn\", \"batch\": \"b8\"}]",
        "\"exclude\": [{\"norm\": [\"plain\", \"ln\"]}]"));
    assertEquals(List.of(none + ": /claims/0/variant: \"rnn_ln\" is not one of [small]",
        none + ": /factors: exclude and only leave no combination of cell x norm x batch; nothing would run"), assertThrows(SpecException.class, () -> TestTasks.PLANNER.plan(none)).lines());
  }

  @Test
  void aProfileCannotOverrideAGeneratedVariantByName(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("profile.json");
    Files.writeString(spec, Files.readString(FACTORS).replace("\"seeds\": 1,",
        "\"seeds\": 1, \"variants\": {\"rnn_ln\": {\"training\": {\"steps\": 3}}},"));
    assertEquals(List.of(spec + ": /profiles/ci/factors: the combination cell=rnn, norm=ln, batch=b4 gives the "
            + "variant name \"rnn_ln\", which /variants/rnn_ln already names; rename one (a profile changes a "
            + "generated variant through its levels, not through variants)"),
        assertThrows(SpecException.class, () -> TestTasks.PLANNER.plan(spec)).lines());
  }

  @Test
  void aProblemOfAGeneratedConfigNamesTheVariantsItIsIn(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("bad_level.json");
    Files.writeString(spec, Files.readString(FACTORS).replace("{\"training\": {\"batch_size\": 8}}",
        "{\"training\": {\"batch_size\": 0}}"));
    assertEquals(List.of(spec + ": /factors: in the variants lstm_b8, lstm_ln_b8: /training/batch_size: 0 must be "
            + ">= 1"),
        assertThrows(SpecException.class, () -> TestTasks.PLANNER.plan(spec)).lines());
  }

  @Test
  void aCombinationWhoseTagsAreAllEmptyHasNoName(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("unnamed.json");
    Files.writeString(spec, Files.readString(FACTORS).replace("\"lstm\": {\"label\": \"LSTM\"}",
        "\"lstm\": {\"label\": \"LSTM\", \"tag\": \"\"}"));
    assertEquals(List.of(spec + ": /factors: the combination cell=lstm, norm=plain, batch=b4 gives the variant name "
            + "\"\" (its levels' tags joined with _); every variant needs a name of [a-z0-9_-]+; give a level of it a tag"),
        assertThrows(SpecException.class, () -> TestTasks.PLANNER.plan(spec)).lines());
  }

  @Test
  void aHugeCrossIsRefusedBeforeItIsEnumerated(@TempDir Path dir) throws Exception {
    StringBuilder cross = new StringBuilder();
    for (int f = 0; f < 8; f++) {
      cross.append(f == 0 ? "" : ", ").append("\"f").append(f).append("\": {");
      for (int l = 0; l < 10; l++) {
        cross.append(l == 0 ? "" : ", ").append("\"l").append(l).append("\": {}");
      }
      cross.append('}');
    }
    Path spec = dir.resolve("huge.json");
    Files.writeString(spec, Files.readString(FACTORS).replaceFirst("(?s)\"factors\": \\{.*?\n  },\n",
        "\"factors\": {\"cross\": {" + cross + "}},\n").replace("\"variant\": \"rnn_ln\", ", ""));
    assertEquals(List.of(spec + ": /factors/cross: crosses 100000000 combinations (10 x 10 x 10 x 10 x 10 x 10 x 10 "
            + "x 10 levels); the limit is 10000",
        // the profile adds a factor of one level, batch (a profile's factors merge into the spec's)
        spec + ": /profiles/ci/factors/cross: crosses 100000000 combinations (10 x 10 x 10 x 10 x 10 x 10 x 10 "
            + "x 10 x 1 levels); the limit is 10000"),
        assertThrows(SpecException.class, () -> TestTasks.PLANNER.plan(spec)).lines());
  }

  private static int setting(TrialPlan t, String pointer) throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(t.canonicalJson()).at(pointer).asInt();
  }

  private static List<String> identities(ExperimentPlan plan) {
    return plan.trials().stream().map(t -> t.id() + " " + t.group() + " " + t.seed() + " " + t.testSeed() + " "
        + t.sha256()).toList();
  }

  private static Map<String, TrialPlan> first(ExperimentPlan plan) {
    return plan.trials().stream().filter(t -> t.seedIndex() == 0)
        .collect(Collectors.toMap(TrialPlan::variant, t -> t));
  }

  private static List<String> problems(String spec) {
    Path file = Path.of(TestTasks.DIR + spec + ".json");
    return assertThrows(SpecException.class, () -> TestTasks.PLANNER.plan(file)).lines();
  }
}
