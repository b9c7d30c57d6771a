package org.rnnlab.engine.clip;

import java.util.Map;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;

/**
 * The clipper of an after-backward rule with one threshold ({@code value}, {@code global_norm}):
 * measures its statistic while a relative threshold calibrates, then clips.
 */
abstract class OneThresholdClipper implements Clipper {
  private final String rule;
  private final String key;
  private final Threshold limit;

  /**
   * @param rule the rule's spec name (names its saved state)
   * @param key  the threshold's name in {@link #thresholds()}
   */
  OneThresholdClipper(String rule, String key, double value, Integer calibrationUpdates) {
    this.rule = rule;
    this.key = key;
    this.limit = new Threshold(value, calibrationUpdates, 1);
  }

  /** The statistic the threshold bounds, measured on the unclipped gradient g of norm n. */
  abstract double statistic(double[] g, double n);

  /** Clips g (of norm n) in place at threshold c; returns whether anything changed. */
  abstract boolean apply(double[] g, double n, double c);

  @Override
  public final ClipStats clip(Params p) {
    double[] g = p.grads();
    double n = GradientClip.norm(g);
    if (limit.calibrating()) {
      limit.observe(0, statistic(g, n));
      limit.endUpdate();
      return ClipStats.unchanged(n, true);
    }
    return apply(g, n, limit.get(0)) ? new ClipStats(n, GradientClip.norm(g), true, false, 0)
        : ClipStats.unchanged(n, false);
  }

  @Override
  public final Map<String, Double> thresholds() {
    return limit.calibrating() ? Map.of() : Map.of(key, limit.get(0));
  }

  @Override
  public final void save(StateWriter out) {
    out.begin(rule);
    limit.save(out, key);
    out.end();
  }

  @Override
  public final void restore(StateReader in) {
    in.begin(rule);
    limit.restore(in, key);
    in.end();
  }
}
