package org.rnnlab.engine.clip;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.config.Hyper;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.Params.Param;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;

/**
 * Norm-based clipping of each parameter tensor on its own (weight_ih_l0, weight_hh_l0, each bias,
 * the readout; seed 000, 7.3): if ||g_p|| &gt; max_norm, g_p *= max_norm / (||g_p|| + 1e-6), the
 * formula of {@link GlobalNormClip} per tensor. Keeps each tensor's direction, not the whole
 * update's. With a relative threshold every tensor gets its own: max_norm times the mean of that
 * tensor's unclipped norm over the calibration updates.
 */
public record PerMatrixNormClip(
    @Hyper(doc = "Largest allowed L2 norm of each parameter tensor's gradient. With calibration_updates: a "
        + "multiple of each tensor's average unclipped norm instead.", min = 0, exclusiveMin = true) Double maxNorm,
    @OptionalKey @Hyper(doc = "Makes max_norm relative, per tensor: each tensor's threshold is max_norm times "
        + "the mean of its unclipped gradient norm over the first calibration_updates updates of the run, which "
        + "are not clipped; absent: max_norm is absolute.", min = 1) Integer calibrationUpdates)
    implements GradientClip {
  public PerMatrixNormClip {
    Thresholds.check("per_matrix_norm", "max_norm", maxNorm, calibrationUpdates);
  }

  /** An absolute threshold. */
  public PerMatrixNormClip(Double maxNorm) {
    this(maxNorm, null);
  }

  /** An absolute threshold. */
  public static PerMatrixNormClip of(double maxNorm) {
    return new PerMatrixNormClip(maxNorm, null);
  }

  @Override
  public Clipper create(Params params) {
    List<Param> tensors = params.list();
    Threshold limit = new Threshold(maxNorm, calibrationUpdates, tensors.size());
    return new Clipper() {
      @Override
      public ClipStats clip(Params p) {
        double[] g = p.grads();
        double n = GradientClip.norm(g);
        boolean calibrating = limit.calibrating();
        boolean fired = false;
        for (int k = 0; k < tensors.size(); k++) {
          Param t = tensors.get(k);
          double nk = GradientClip.norm(g, t.offset(), t.size());
          if (calibrating) {
            limit.observe(k, nk);
          } else if (nk > limit.get(k)) {
            double s = limit.get(k) / (nk + 1e-6);
            for (int i = t.offset(); i < t.offset() + t.size(); i++) {
              g[i] *= s;
            }
            fired = true;
          }
        }
        if (calibrating) {
          limit.endUpdate();
        }
        return fired ? new ClipStats(n, GradientClip.norm(g), true, false, 0) : ClipStats.unchanged(n, calibrating);
      }

      @Override
      public Map<String, Double> thresholds() {
        Map<String, Double> m = new LinkedHashMap<>();
        if (!limit.calibrating()) {
          for (int k = 0; k < tensors.size(); k++) {
            m.put(tensors.get(k).name(), limit.get(k));
          }
        }
        return m;
      }

      @Override
      public void save(StateWriter out) {
        out.begin("per_matrix_norm");
        limit.save(out, "max_norm");
        out.end();
      }

      @Override
      public void restore(StateReader in) {
        in.begin("per_matrix_norm");
        limit.restore(in, "max_norm");
        in.end();
      }
    };
  }

  @Override
  public int calibrationLength() {
    return calibrationUpdates == null ? 0 : calibrationUpdates;
  }
}
