package org.rnnlab.engine.clip;

import org.rnnlab.config.Hyper;
import org.rnnlab.engine.Params;
import org.rnnlab.config.OptionalKey;

/**
 * Norm-based clipping over all parameters at once (Pascanu, Mikolov and Bengio 2013, Algorithm 1;
 * seed 000, 7.3): if ||g|| &gt; max_norm, g *= max_norm / (||g|| + 1e-6), as PyTorch's
 * clip_grad_norm_. The direction of the update is kept; only its length is bounded.
 */
public record GlobalNormClip(
    @Hyper(doc = "Largest allowed L2 norm of the whole gradient; 1-5 typical. With calibration_updates: "
        + "a multiple of the average unclipped norm instead (Pascanu et al. 2013: 0.5-10).", min = 0,
        exclusiveMin = true) Double maxNorm,
    @OptionalKey @Hyper(doc = "Makes max_norm relative: the threshold is max_norm times the mean unclipped "
        + "gradient norm over the first calibration_updates updates of the run, which are not clipped; "
        + "absent: max_norm is absolute.", min = 1) Integer calibrationUpdates) implements GradientClip {
  public GlobalNormClip {
    Thresholds.check("global_norm", "max_norm", maxNorm, calibrationUpdates);
  }

  /** An absolute threshold. */
  public GlobalNormClip(Double maxNorm) {
    this(maxNorm, null);
  }

  /** An absolute threshold. */
  public static GlobalNormClip of(double maxNorm) {
    return new GlobalNormClip(maxNorm, null);
  }

  @Override
  public Clipper create(Params params) {
    return new OneThresholdClipper("global_norm", "max_norm", maxNorm, calibrationUpdates) {
      @Override
      double statistic(double[] g, double n) {
        return n;
      }

      @Override
      boolean apply(double[] g, double n, double max) {
        if (!(n > max)) {
          return false;
        }
        double s = max / (n + 1e-6);
        for (int i = 0; i < g.length; i++) {
          g[i] *= s;
        }
        return true;
      }
    };
  }

  @Override
  public int calibrationLength() {
    return calibrationUpdates == null ? 0 : calibrationUpdates;
  }
}
