package org.rnnlab.cluster;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SlurmOptionsTest {
  private static SlurmOptions withTime(String t) {
    return new SlurmOptions(null, t, null, null, 1, null, List.of());
  }

  private static SlurmOptions withArgs(String... args) {
    return new SlurmOptions(null, null, null, null, 1, null, List.of(args));
  }

  private static ClusterException rejected(Runnable r) {
    ClusterException e = assertThrows(ClusterException.class, r::run);
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    assertEquals(ClusterException.INVALID_INPUT, e.exitCode());
    return e;
  }

  @Test
  void acceptsEverySlurmTimeFormat() {
    for (String t : List.of("90", "0", "30:00", "2:00:00", "100:59:59", "1-0", "2-12", "1-12:30", "1-12:30:15",
        "UNLIMITED", "infinite")) {
      assertDoesNotThrow(() -> withTime(t), t);
    }
  }

  @Test
  void rejectsMalformedTimesQuotingTheValue() {
    for (String t : List.of("1h", "1:75", "1:00:60", "1-24", "1-2:60", "1:2:3:4", "-5", "1.5", "1-", ":30")) {
      assertTrue(rejected(() -> withTime(t)).getMessage().contains("'" + t + "'"), t);
    }
  }

  @Test
  void memoryIsAWholeNumberWithAnOptionalUnit() {
    assertDoesNotThrow(() -> new SlurmOptions(null, null, "4G", null, 1, null, List.of()));
    assertDoesNotThrow(() -> new SlurmOptions(null, null, "2048", null, 1, null, List.of()));
    for (String m : List.of("4GB", "1.5G", "-1", "G")) {
      rejected(() -> new SlurmOptions(null, null, m, null, 1, null, List.of()));
    }
  }

  @Test
  void countsMustBePositive() {
    assertTrue(rejected(() -> new SlurmOptions(null, null, null, 0, 1, null, List.of())).getMessage()
        .contains("--array-parallelism must be at least 1 (got 0)"));
    rejected(() -> new SlurmOptions(null, null, null, null, 0, null, List.of()));
    rejected(() -> new SlurmOptions(null, null, null, null, 1, 0, List.of()));
  }

  @Test
  void partitionNamesAreCheckedAndBlankMeansDefault() {
    assertDoesNotThrow(() -> new SlurmOptions("cpu,short-q", null, null, null, 1, null, List.of()));
    rejected(() -> new SlurmOptions("a b", null, null, null, 1, null, List.of()));
    assertEquals(null, new SlurmOptions("  ", " ", "", null, 1, null, List.of()).partition());
  }

  @Test
  void sbatchArgsMustBeSingleOptionsTheExecutorDoesNotOwn() {
    assertDoesNotThrow(() -> withArgs("--account=abc", "--qos=short", "-Aabc", "--constraint=avx512",
        "--time-min=10", "--mail-type=END", "--exclusive"));
    rejected(() -> withArgs("account=abc"));
    rejected(() -> withArgs("-A abc"));
    rejected(() -> withArgs("--comment=\"x\""));
    for (String owned : List.of("--array=0-3", "--dependency=afterok:1", "--output=x", "-o", "--par", "-pgpu",
        "--time=5", "--wrap=ls", "--chdir=/")) {
      assertTrue(rejected(() -> withArgs(owned)).getMessage().contains("executor sets itself"), owned);
    }
  }

  @Test
  void resourcesBecomeDirectivesInAFixedOrder() {
    SlurmOptions o = new SlurmOptions("cpu", "1:00:00", "2G", 3, 2, null, List.of("--account=abc"));
    assertEquals(List.of("--cpus-per-task=2", "--partition=cpu", "--time=1:00:00", "--mem=2G", "--account=abc"),
        o.resourceDirectives(o.cpusPerTask()));
    assertEquals(List.of("--cpus-per-task=1"), SlurmOptions.defaults().resourceDirectives(1));
  }
}
