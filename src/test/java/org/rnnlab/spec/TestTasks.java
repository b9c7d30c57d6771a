package org.rnnlab.spec;

import java.util.List;
import org.rnnlab.config.Hyper;
import org.rnnlab.task.SequenceTask;
import org.rnnlab.task.SequenceTaskConfig;
import org.rnnlab.task.TaskConfig;

/** Task configs for spec tests only (never run), so these tests do not depend on the real tasks. */
final class TestTasks {
  private TestTasks() {}

  record Adding(
      @Hyper(doc = "Sequence length.", min = 2) Integer seqLen,
      @Hyper(doc = "Marker placement.", allowed = {"anywhere", "halves"}, defaultValue = "\"anywhere\"")
      String variant) implements SequenceTaskConfig {
    Adding {
      if (seqLen == null) {
        throw new IllegalArgumentException("adding needs seq_len");
      }
      variant = variant == null ? "anywhere" : variant;
      if (variant.equals("halves") && seqLen % 2 != 0) {
        throw new IllegalArgumentException("adding variant halves needs an even seq_len, got " + seqLen);
      }
    }

    @Override
    public SequenceTask create() {
      throw new UnsupportedOperationException("test task");
    }

    @Override
    public List<String> metricNames() {
      return List.of("mse", "solved_fraction");
    }

    @Override
    public int typicalLength() {
      return seqLen;
    }
  }

  record Copy(@Hyper(doc = "Blank length.", min = 1, defaultValue = "10") Integer blankLen) implements SequenceTaskConfig {
    Copy {
      blankLen = blankLen == null ? 10 : blankLen;
    }

    @Override
    public SequenceTask create() {
      throw new UnsupportedOperationException("test task");
    }

    @Override
    public List<String> metricNames() {
      return List.of("cross_entropy", "accuracy");
    }

    @Override
    public int typicalLength() {
      return blankLen + 20;
    }
  }

  static final Registry<TaskConfig> TASKS = new Registry<>("task", TaskConfig.class)
      .register("adding", Adding.class)
      .register("copy", Copy.class);

  static final Catalog CATALOG = new Catalog(List.of(Registries.MODELS, Registries.CELLS, Registries.NORMS, Registries.INITIALIZERS,
      Registries.OPTIMIZERS, Registries.CLIPPING, Registries.PROCEDURES, Registries.LOSSES, TASKS, Registries.CHARTS));

  static final Planner PLANNER = new Planner(CATALOG);

  static final String DIR = "src/test/resources/specs/";
}
