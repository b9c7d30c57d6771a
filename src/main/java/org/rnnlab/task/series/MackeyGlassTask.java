package org.rnnlab.task.series;

import org.rnnlab.config.Hyper;

/**
 * Forecasting the Mackey-Glass series (anchors.md; {@link MackeyGlassSeries}: tau = 17 by default,
 * a = 0.2, b = 0.1, n = 10, classical RK4 with step 0.1 and Hermite-interpolated delays, constant
 * initial history 1.2 on [-tau, 0], one sample per time unit): read s(t), predict s(t + k).
 */
public final class MackeyGlassTask extends SeriesTask {
  /** Spec record: {@code {"type": "mackey_glass", "length": 2000}}. */
  public record Config(
      @Hyper(doc = "Samples of the series (one per time unit) after the discarded ones; reservoirpy's README: "
          + "2000.", min = 110, defaultValue = "2000") Integer length,
      @Hyper(doc = "The delay tau (17: mildly chaotic, the usual benchmark; 30: more chaotic).", min = 1,
          defaultValue = "17") Integer tau,
      @Hyper(doc = "Samples dropped at the start (the transient from the constant initial history).", min = 0,
          defaultValue = "0") Integer discard,
      @Hyper(doc = "Steps ahead k of the target s(t + k) (seed 000, 7.4's look-ahead); 1: one-step-ahead, "
          + "which free running needs.", min = 1, defaultValue = "1") Integer lookAhead,
      @Hyper(doc = "Standardise by the training part's mean and sd (RMSE stays in the series' units).",
          defaultValue = "false") Boolean standardize) implements SeriesTaskConfig {
    public Config {
      length = length == null ? 2000 : length;
      tau = tau == null ? 17 : tau;
      discard = discard == null ? 0 : discard;
      lookAhead = lookAhead == null ? 1 : lookAhead;
      standardize = standardize != null && standardize;
      if (tau < 1 || discard < 0 || lookAhead < 1) {
        throw new IllegalArgumentException("mackey_glass needs tau >= 1, discard >= 0 and look_ahead >= 1");
      }
      if (length - lookAhead < 10 * LINEAR_TAPS) {
        throw new IllegalArgumentException("mackey_glass length " + length + " leaves fewer than "
            + 10 * LINEAR_TAPS + " (input, target) pairs at look_ahead " + lookAhead);
      }
    }

    @Override
    public int typicalLength() {
      return length;
    }

    @Override
    public MackeyGlassTask create() {
      return new MackeyGlassTask(this);
    }
  }

  private final Config config;

  private MackeyGlassTask(Config c) {
    this(c, LookAhead.of(new MackeyGlassSeries(c.tau(), 0.2, 0.1, 10, 0.1, 1.0, 1.2, c.discard())
        .generate(c.length()), c.lookAhead()));
  }

  private MackeyGlassTask(Config c, LookAhead pairs) {
    super(pairs.input(), pairs.target(), c.lookAhead(), c.standardize());
    this.config = c;
  }

  @Override
  public String describe() {
    return "Mackey-Glass tau=" + config.tau() + " (RK4 dt 0.1, delays by Hermite interpolation, history 1.2), "
        + config.length() + " samples" + (config.discard() > 0 ? " after " + config.discard() + " discarded" : "")
        + ", read s(t), predict s(t+" + config.lookAhead() + "); " + splitText();
  }
}
