package org.rnnlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class SlurmCliOptionsTest {
  @Command(name = "run")
  static final class Run {
    @Mixin
    SlurmCliOptions slurm;
  }

  private static SlurmCliOptions parse(String... args) {
    Run r = new Run();
    new CommandLine(r).parseArgs(args);
    return r.slurm;
  }

  @Test
  void theOptionsOfTheIssue() {
    SlurmCliOptions o = parse("--partition", "cpu", "--time", "2:00:00", "--mem", "3G", "--array-parallelism", "8",
        "--sbatch-arg=--account=abc", "--sbatch-arg", "--qos=short", "--wait");
    assertEquals(new SlurmOptions("cpu", "2:00:00", "3G", 8, 1, null, List.of("--account=abc", "--qos=short")),
        o.options());
    assertTrue(o.waitForReport());
    assertTrue(o.anyGiven());
  }

  @Test
  void noneGivenIsTheDefaults() {
    SlurmCliOptions o = parse();
    assertFalse(o.anyGiven());
    assertEquals(SlurmOptions.defaults(), o.options());
  }

  @Test
  void badValuesFailWhenChecked() {
    assertThrows(ClusterException.class, () -> parse("--array-parallelism", "0").options());
    assertThrows(ClusterException.class, () -> parse("--time", "soon").options());
  }
}
