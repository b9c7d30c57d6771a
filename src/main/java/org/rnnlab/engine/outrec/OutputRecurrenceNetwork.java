package org.rnnlab.engine.outrec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.FloatKernels;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.ParamsIO;
import org.rnnlab.engine.Precision;
import org.rnnlab.engine.clip.ClipStats;
import org.rnnlab.engine.clip.Clipper;
import org.rnnlab.engine.clip.GradientClip;
import org.rnnlab.engine.clip.NoClip;
import org.rnnlab.engine.optim.Optimizer;
import org.rnnlab.engine.optim.OptimizerConfig;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;

/**
 * The one source of {@link OutputRecurrence} in both precisions: an {@link OutputRecurrentNet} with its optimiser and
 * clipping rule; the generated {@code OutputRecurrenceNetworkF32} wraps the float32 net, widens its logits exactly,
 * clips through {@link org.rnnlab.engine.clip.WideClipper} and stores its parameters widened ({@code WideParams}).
 * The checkpoint groups are those of {@code procedure/UpdateState}, so a float64 trial's checkpoints read back.
 */
public final class OutputRecurrenceNetwork implements OutputRecurrence {
  private final OutputRecurrentNet net;
  private final Optimizer optimizer;
  private final Clipper clipper; // f32: private final org.rnnlab.engine.clip.WideClipper clipper;
  // f32: private final org.rnnlab.engine.WideParams wide;

  /** {@code net}, trained by {@code optimizer} with {@code clip} (null: none). */
  public OutputRecurrenceNetwork(OutputRecurrentNet net, OptimizerConfig optimizer, GradientClip clip) {
    this.net = net;
    this.optimizer = optimizer.create(net.params().size()); // f32: this.optimizer = optimizer.createF32(net.params().size());
    this.clipper = (clip == null ? new NoClip() : clip).create(net.params()); // f32: this.clipper = new org.rnnlab.engine.clip.WideClipper(clip == null ? new NoClip() : clip, net.params());
    // f32: this.wide = new org.rnnlab.engine.WideParams(net.params());
  }

  /** The engine network. */
  public OutputRecurrentNet net() {
    return net;
  }

  @Override
  public Precision precision() {
    return Precision.FLOAT64; // f32: return Precision.FLOAT32;
  }

  @Override
  public int[] teacherForcing(Batch b) {
    return net.teacherForcing(b);
  }

  @Override
  public /*f64*/double[] logits(Batch b, int[] fed) {
    return FloatKernels.widen(net.logits(b, fed));
  }

  @Override
  public /*f64*/double[] freeRunning(Batch b) {
    return FloatKernels.widen(net.freeRunning(b));
  }

  @Override
  public /*f64*/double loss(Batch b, /*f64*/double[] logits) {
    return net.loss(b, logits); // f32: return net.loss(b, FloatKernels.toFloats(logits));
  }

  @Override
  public Update train(Batch b) {
    Params p = net.params();
    p.zeroGrads();
    clipper.beginUpdate();
    /*f64*/double loss = net.forwardBackward(b, net.teacherForcing(b));
    ClipStats c = clipper.clip(p);
    optimizer.step(p.values(), p.grads());
    return new Update(loss, c);
  }

  @Override
  public boolean finite() {
    for (double x : net.params().values()) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public ObjectNode stateDict() {
    return ParamsIO.toJson(net.params()); // f32: return ParamsIO.toJson(wide.widenValues());
  }

  @Override
  public void loadStateDict(JsonNode root, String source) {
    ParamsIO.fromJson(net.params(), root, source); // f32: ParamsIO.fromJson(wide.params(), root, source);
    // f32: wide.narrowValues();
  }

  @Override
  public void saveState(StateWriter w) {
    w.begin("model").writeDoubles("parameters", net.params().values()).end();
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
    r.readDoublesInto("parameters", net.params().values());
    r.end();
    net.params().markChanged();
    r.begin("optimizer");
    optimizer.restore(r);
    r.end();
    r.begin("clipping");
    clipper.restore(r);
    r.end();
  }
}
