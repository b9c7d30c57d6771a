package org.rnnlab.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Rng;

class CanonicalTest {
  private static final Path VALID = Path.of(TestTasks.DIR + "valid.json");

  @Test
  void canonicalJsonHasSortedKeysDefaultsTypeNamesAndSeeds() {
    TrialPlan c = TestTasks.PLANNER.plan(VALID).trials().get(6);
    assertEquals("{\"evaluation\":{\"every\":100,\"sets\":{},\"test_size\":1000,\"track\":[\"test\"]},"
        + "\"model\":{\"bidirectional\":false,\"cell\":{\"forget_bias\":1.0,\"type\":\"lstm\"},\"hidden_size\":64,"
        + "\"merge\":\"concat\",\"num_layers\":1,"
        + "\"recurrent_init\":{\"gain\":1.0,\"type\":\"orthogonal\"},\"weight_init\":{\"type\":\"pytorch\"}},"
        + "\"seed\":" + Rng.hash("1/lstm/task.seq_len=100/0") + ","
        + "\"task\":{\"seq_len\":100,\"type\":\"adding\",\"variant\":\"anywhere\"},"
        + "\"test_seed\":" + Rng.hash("1/test/task.seq_len=100/0") + ","
        + "\"training\":{\"batch_size\":32,\"clipping\":{\"max_norm\":1.0,\"type\":\"global_norm\"},"
        + "\"optimizer\":{\"alpha\":0.99,\"eps\":1.0E-8,\"lr\":0.001,\"momentum\":0.0,\"type\":\"rmsprop\"},"
        + "\"steps\":2000,\"type\":\"bptt\"}}", c.canonicalJson());
    assertEquals(org.rnnlab.results.Checksums.sha256(c.canonicalJson()), c.sha256());
  }

  @Test
  void hashIgnoresKeyOrderAndNumberSpelling() {
    ExperimentPlan a = TestTasks.PLANNER.plan(VALID);
    ExperimentPlan b = TestTasks.PLANNER.plan(Path.of(TestTasks.DIR + "reordered.json"));
    assertEquals(a.trials().stream().map(TrialPlan::id).toList(), b.trials().stream().map(TrialPlan::id).toList());
    assertEquals(a.trials().stream().map(TrialPlan::canonicalJson).toList(),
        b.trials().stream().map(TrialPlan::canonicalJson).toList());
    assertEquals(a.trials().stream().map(TrialPlan::sha256).toList(), b.trials().stream().map(TrialPlan::sha256).toList());
    assertNotEquals(a.specSha256(), b.specSha256()); // the file hash is of the bytes
  }

  @Test
  void hashesAreStableAndDistinct() {
    List<String> first = TestTasks.PLANNER.plan(VALID).trials().stream().map(TrialPlan::sha256).toList();
    assertEquals(first, TestTasks.PLANNER.plan(VALID).trials().stream().map(TrialPlan::sha256).toList());
    assertEquals(first.size(), first.stream().distinct().count()); // seeds differ, so every cell differs
    assertEquals(64, TestTasks.PLANNER.plan(VALID).specSha256().length());
  }
}
