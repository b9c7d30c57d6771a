package org.rnnlab.procedure;

import org.rnnlab.engine.Params;
import org.rnnlab.engine.clip.Clipper;
import org.rnnlab.engine.optim.Optimizer;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;

/**
 * What a gradient loop over plain parameters carries from update to update, as checkpoint groups:
 * the parameter values ({@code model}), the optimiser's moments ({@code optimizer}) and the clipping
 * rule's calibration ({@code clipping}). The loop adds its own counters after them.
 */
public final class UpdateState {
  private UpdateState() {}

  /** Writes the three groups. */
  public static void save(StateWriter w, Params params, Optimizer optimizer, Clipper clipper) {
    w.begin("model").writeDoubles("parameters", params.values()).end();
    w.begin("optimizer");
    optimizer.save(w);
    w.end();
    w.begin("clipping");
    clipper.save(w);
    w.end();
  }

  /** Reads what {@link #save} wrote into the same parameters, optimiser and rule. */
  public static void restore(StateReader r, Params params, Optimizer optimizer, Clipper clipper) {
    r.begin("model");
    r.readDoublesInto("parameters", params.values());
    r.end();
    params.markChanged();
    r.begin("optimizer");
    optimizer.restore(r);
    r.end();
    r.begin("clipping");
    clipper.restore(r);
    r.end();
  }
}
