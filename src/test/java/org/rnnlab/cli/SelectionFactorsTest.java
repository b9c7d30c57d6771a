package org.rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.results.PlanRecord;

/** {@code --where FACTOR=LEVEL}: a factor of the spec selects the variants at those levels. */
class SelectionFactorsTest {
  private static final PlanRecord PLAN = plan();

  @Test
  void aFactorSelectsTheVariantsAtItsLevels() {
    PlanRecord p = where("model=bn_lstm,ln_lstm").apply(PLAN);
    assertEquals(List.of("bn_lstm", "ln_lstm", "bn_lstm_perm"), p.groups().stream().map(PlanRecord.Group::variant).toList());
    assertEquals(List.of("bn_lstm", "bn_lstm_perm"),
        where("model=bn_lstm", "order=seq,perm").apply(PLAN).groups().stream().map(PlanRecord.Group::variant).toList());
    assertEquals(List.of("lstm_perm", "bn_lstm_perm"),
        where("order=perm").apply(PLAN).groups().stream().map(PlanRecord.Group::variant).toList());
    assertEquals(PLAN.factors(), p.factors()); // a subset keeps the factors
  }

  @Test
  void anUnknownLevelOrFactorIsAUsageErrorListingWhatThereIs() {
    Main.UsageError level = assertThrows(Main.UsageError.class, () -> selection("order=prem").choose(PLAN));
    assertTrue(level.getMessage().contains("no order \"prem\" in bvln; did you mean perm?; order values: seq, perm"),
        level.getMessage());
    Main.UsageError key = assertThrows(Main.UsageError.class, () -> selection("modle=lstm").choose(PLAN));
    assertTrue(key.getMessage().contains("did you mean model?"), key.getMessage());
    assertTrue(key.getMessage().contains("keys: model, order, variant, seed"), key.getMessage());
  }

  private static Selection.Chosen where(String... where) {
    return selection(where).choose(PLAN);
  }

  private static Selection selection(String... where) {
    Selection s = new Selection();
    s.where = List.of(where);
    return s;
  }

  private static PlanRecord plan() {
    List<PlanRecord.Group> groups = new ArrayList<>();
    List<PlanRecord.PlannedTrial> trials = new ArrayList<>();
    String[][] variants = {{"lstm", "lstm", "seq"}, {"bn_lstm", "bn_lstm", "seq"}, {"ln_lstm", "ln_lstm", "seq"},
        {"lstm_perm", "lstm", "perm"}, {"bn_lstm_perm", "bn_lstm", "perm"}, {"linear", null, null}};
    for (String[] v : variants) {
      Map<String, String> levels = v[1] == null ? Map.of() : Map.of("model", v[1], "order", v[2]);
      groups.add(new PlanRecord.Group(v[0], v[0], Map.of(), "task", Map.of(), "", List.of("loss"), levels));
      trials.add(new PlanRecord.PlannedTrial(trials.size(), v[0] + "__s0", v[0], v[0], Map.of(), 0, 1, 2, "sha",
          JsonNodeFactory.instance.objectNode()));
    }
    List<PlanRecord.Factor> factors = List.of(
        new PlanRecord.Factor("model", List.of(new PlanRecord.Level("lstm", "LSTM"),
            new PlanRecord.Level("bn_lstm", "BN-LSTM"), new PlanRecord.Level("ln_lstm", "LN-LSTM"))),
        new PlanRecord.Factor("order", List.of(new PlanRecord.Level("seq", "sequential"),
            new PlanRecord.Level("perm", "permuted"))));
    return new PlanRecord(PlanRecord.FORMAT, "bvln", null, "bvln.json", "sha", "d", "loss", true,
        groups.stream().map(PlanRecord.Group::variant).toList(), Map.of(), factors, 1, groups, trials, List.of(),
        List.of(), "v", "c");
  }
}
