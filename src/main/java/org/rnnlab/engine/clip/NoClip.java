package org.rnnlab.engine.clip;

import java.util.Map;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;

/** No clipping: the gradient goes to the optimiser unchanged; its norm is still reported. */
public record NoClip() implements GradientClip {
  @Override
  public Clipper create(Params params) {
    return new Clipper() {
      @Override
      public ClipStats clip(Params p) {
        return ClipStats.unchanged(GradientClip.norm(p.grads()), false);
      }

      @Override
      public Map<String, Double> thresholds() {
        return Map.of();
      }

      @Override
      public void save(StateWriter out) {
        out.begin("none").end(); // stateless; the group still identifies the rule
      }

      @Override
      public void restore(StateReader in) {
        in.begin("none").end();
      }
    };
  }
}
