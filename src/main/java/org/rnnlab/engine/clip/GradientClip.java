package org.rnnlab.engine.clip;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.rnnlab.config.Component;
import org.rnnlab.engine.Params;

/**
 * The spec record of a clipping rule (seed 000, 7.3; docs/clipping.md). A record holds only the
 * settings; {@link #create} makes the {@link Clipper} of one training run, which holds what a
 * run accumulates (the calibration of a relative threshold). Rules act after the backward pass
 * on the whole gradient, or inside BPTT on the error at every step ({@link Clipper#stepHook}).
 */
public interface GradientClip extends Component {
  /** Updates the rule calibrates its thresholds on before it clips (0: absolute thresholds). */
  @JsonIgnore
  default int calibrationLength() {
    return 0;
  }

  /** A fresh clipper for one training run of a model with these parameters. */
  Clipper create(Params params);

  /** The L2 norm, summed in index order so that it is the same on every machine. */
  static double norm(double[] g) {
    double s = 0.0;
    for (double x : g) {
      s = Math.fma(x, x, s);
    }
    return Math.sqrt(s);
  }

  /** The L2 norm of {@code g[off, off+len)}, summed in index order as {@link #norm(double[])}. */
  static double norm(double[] g, int off, int len) {
    double s = 0.0;
    for (int i = off; i < off + len; i++) {
      s = Math.fma(g[i], g[i], s);
    }
    return Math.sqrt(s);
  }

  /** The largest |g_i| over {@code g[off, off+len)}; NaN if an entry is NaN. */
  static double maxAbs(double[] g, int off, int len) {
    double m = 0.0;
    for (int i = off; i < off + len; i++) {
      double a = Math.abs(g[i]);
      if (a > m) {
        m = a;
      } else if (a != a) {
        return a;
      }
    }
    return m;
  }
}
