// Generated from src/main/java/org/rnnlab/engine/ParamsUpdate.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change ParamsUpdate.java and run `make generate`.
package org.rnnlab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rnnlab.engine.clip.ClipStats;
import org.rnnlab.engine.clip.Clipper;
import org.rnnlab.engine.clip.GradientClip;
import org.rnnlab.engine.clip.NoClip;
import org.rnnlab.engine.optim.OptimizerF32;
import org.rnnlab.engine.optim.OptimizerConfig;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;

/**
 * The update of a network's parameters after one backward pass: the clipping rule, then the optimiser; and what
 * training carries from update to update (checkpoint groups {@code model}, {@code optimizer}, {@code clipping}) and
 * what a stored model holds. For the networks outside {@link Trainer}'s (the output-recurrence net, the
 * encoder-decoder). One source of both precisions: {@code ParamsUpdateF32} clips through
 * {@link org.rnnlab.engine.clip.WideClipper} and stores its floats widened ({@code WideParams}).
 */
public final class ParamsUpdateF32 implements TrainingState {
  private final ParamsF32 params;
  private final OptimizerF32 optimizer; // null: a network to evaluate only
  private final org.rnnlab.engine.clip.WideClipper clipper;
  private final WideParams wide;

  /** Updates of {@code params} by {@code optimizer} (null: none, evaluation only) after {@code clip} (null: none). */
  public ParamsUpdateF32(ParamsF32 params, OptimizerConfig optimizer, GradientClip clip) {
    this.params = params;
    this.optimizer = optimizer == null ? null : optimizer.createF32(params.size());
    this.clipper = new org.rnnlab.engine.clip.WideClipper(clip == null ? new NoClip() : clip, params);
    this.wide = new WideParams(params);
  }

  /** Starts an update: zeroes the gradient and tells the rule; call before the backward pass. */
  public void begin() {
    if (optimizer == null) {
      throw new IllegalStateException("this network was made to evaluate, without an optimiser");
    }
    params.zeroGrads();
    clipper.beginUpdate();
  }

  /** Ends an update after the backward pass: clips the gradient and steps the optimiser; returns what the rule did. */
  public ClipStats finish() {
    ClipStats c = clipper.clip(params);
    optimizer.step(params.values(), params.grads());
    params.markChanged(); // a network may cache what it derives from the weights (the readout's version)
    return c;
  }

  @Override
  public boolean finite() {
    for (float x : params.values()) {
      if (!Float.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public ObjectNode stateDict() {
    return ParamsIO.toJson(wide.widenValues());
  }

  @Override
  public void loadStateDict(JsonNode root, String source) {
    ParamsIO.fromJson(wide.params(), root, source);
    wide.narrowValues();
    params.markChanged();
  }

  @Override
  public void saveState(StateWriter w) {
    w.begin("model").writeFloats("parameters", params.values()).end();
    w.begin("optimizer");
    optimizer.save(w);
    w.end();
    w.begin("clipping");
    clipper.save(w);
    w.end();
  }

  @Override
  public void restoreState(StateReader r) {
    r.begin("model");
    r.readFloatsInto("parameters", params.values());
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
