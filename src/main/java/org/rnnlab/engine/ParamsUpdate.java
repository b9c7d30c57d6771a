package org.rnnlab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rnnlab.engine.clip.ClipStats;
import org.rnnlab.engine.clip.Clipper;
import org.rnnlab.engine.clip.GradientClip;
import org.rnnlab.engine.clip.NoClip;
import org.rnnlab.engine.optim.Optimizer;
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
public final class ParamsUpdate implements TrainingState {
  private final Params params;
  private final Optimizer optimizer; // null: a network to evaluate only
  private final Clipper clipper; // f32: private final org.rnnlab.engine.clip.WideClipper clipper;
  // f32: private final WideParams wide;

  /** Updates of {@code params} by {@code optimizer} (null: none, evaluation only) after {@code clip} (null: none). */
  public ParamsUpdate(Params params, OptimizerConfig optimizer, GradientClip clip) {
    this.params = params;
    this.optimizer = optimizer == null ? null : optimizer.create(params.size()); // f32: this.optimizer = optimizer == null ? null : optimizer.createF32(params.size());
    this.clipper = (clip == null ? new NoClip() : clip).create(params); // f32: this.clipper = new org.rnnlab.engine.clip.WideClipper(clip == null ? new NoClip() : clip, params);
    // f32: this.wide = new WideParams(params);
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
    for (double x : params.values()) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public ObjectNode stateDict() {
    return ParamsIO.toJson(params); // f32: return ParamsIO.toJson(wide.widenValues());
  }

  @Override
  public void loadStateDict(JsonNode root, String source) {
    ParamsIO.fromJson(params, root, source); // f32: ParamsIO.fromJson(wide.params(), root, source);
    // f32: wide.narrowValues();
    params.markChanged();
  }

  @Override
  public void saveState(StateWriter w) {
    w.begin("model").writeDoubles("parameters", params.values()).end();
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
