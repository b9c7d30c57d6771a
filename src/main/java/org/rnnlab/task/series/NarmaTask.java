package org.rnnlab.task.series;

import org.rnnlab.config.Hyper;
import org.rnnlab.engine.Rng;

/**
 * NARMA-n system identification (anchors.md; Atiya and Parlos 2000; {@link NarmaSeries}): read
 * u(t) ~ U[0, 0.5), predict y(t + 1) = 0.3 y(t) + 0.05 y(t) sum_{i<n} y(t-i) + 1.5 u(t-n+1) u(t) + 0.1.
 * The input series is drawn once from the task's own {@code seed}, so every trial sees the same data.
 */
public final class NarmaTask extends SeriesTask {
  /** Spec record: {@code {"type": "narma", "order": 10, "length": 4000}}. */
  public record Config(
      @Hyper(doc = "Order n (NARMA-10: the memory of the last 10 inputs).", min = 1, defaultValue = "10")
      Integer order,
      @Hyper(doc = "Steps after the discarded ones.", min = 100, defaultValue = "4000") Integer length,
      @Hyper(doc = "Steps dropped at the start (the zero initial condition's transient).", min = 0,
          defaultValue = "100") Integer discard,
      @Hyper(doc = "Seed of the input draws: the data are the same in every trial (only the model's seed "
          + "varies).", defaultValue = "1") Long seed) implements SeriesTaskConfig {
    public Config {
      order = order == null ? 10 : order;
      length = length == null ? 4000 : length;
      discard = discard == null ? 100 : discard;
      seed = seed == null ? 1L : seed;
      if (order < 1 || length < 10 * LINEAR_TAPS || discard < 0) {
        throw new IllegalArgumentException("narma needs order >= 1, length >= " + 10 * LINEAR_TAPS
            + " and discard >= 0");
      }
    }

    @Override
    public int typicalLength() {
      return length;
    }

    @Override
    public NarmaTask create() {
      return new NarmaTask(this);
    }
  }

  private final Config config;
  private final int attempt;

  private NarmaTask(Config c) {
    this(c, new NarmaSeries(c.order(), 0.3, 0.05, 1.5, 0.1, 0.5, 10.0, 100)
        .generate(c.discard() + c.length(), Rng.of(c.seed()).child("narma")));
  }

  private NarmaTask(Config c, NarmaSeries.Sequence s) {
    super(java.util.Arrays.copyOfRange(s.input(), c.discard(), c.discard() + c.length()),
        java.util.Arrays.copyOfRange(s.target(), c.discard(), c.discard() + c.length()), 0, false);
    this.config = c;
    this.attempt = s.attempt();
  }

  @Override
  public String describe() {
    return "NARMA-" + config.order() + " (Atiya & Parlos 2000), u ~ U[0,0.5) from seed " + config.seed()
        + (attempt > 0 ? " (draw " + attempt + ": earlier draws diverged)" : "") + ", " + config.length()
        + " steps after " + config.discard() + " discarded, read u(t), predict y(t+1); " + splitText();
  }
}
