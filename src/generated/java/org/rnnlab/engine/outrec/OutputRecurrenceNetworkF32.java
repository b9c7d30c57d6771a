// Generated from src/main/java/org/rnnlab/engine/outrec/OutputRecurrenceNetwork.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change OutputRecurrenceNetwork.java and run `make generate`.
package org.rnnlab.engine.outrec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.FloatKernels;
import org.rnnlab.engine.ParamsF32;
import org.rnnlab.engine.ParamsIO;
import org.rnnlab.engine.Precision;
import org.rnnlab.engine.clip.ClipStats;
import org.rnnlab.engine.clip.Clipper;
import org.rnnlab.engine.clip.GradientClip;
import org.rnnlab.engine.clip.NoClip;
import org.rnnlab.engine.optim.OptimizerF32;
import org.rnnlab.engine.optim.OptimizerConfig;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;

/**
 * The one source of {@link OutputRecurrence} in both precisions: an {@link OutputRecurrentNet} with its optimiser and
 * clipping rule; the generated {@code OutputRecurrenceNetworkF32} wraps the float32 net, widens its logits exactly,
 * clips through {@link org.rnnlab.engine.clip.WideClipper} and stores its parameters widened ({@code WideParams}).
 * The checkpoint groups are those of {@code procedure/UpdateState}, so a float64 trial's checkpoints read back.
 */
public final class OutputRecurrenceNetworkF32 implements OutputRecurrence {
  private final OutputRecurrentNetF32 net;
  private final OptimizerF32 optimizer;
  private final org.rnnlab.engine.clip.WideClipper clipper;
  private final org.rnnlab.engine.WideParams wide;

  /** {@code net}, trained by {@code optimizer} with {@code clip} (null: none). */
  public OutputRecurrenceNetworkF32(OutputRecurrentNetF32 net, OptimizerConfig optimizer, GradientClip clip) {
    this.net = net;
    this.optimizer = optimizer.createF32(net.params().size());
    this.clipper = new org.rnnlab.engine.clip.WideClipper(clip == null ? new NoClip() : clip, net.params());
    this.wide = new org.rnnlab.engine.WideParams(net.params());
  }

  /** The engine network. */
  public OutputRecurrentNetF32 net() {
    return net;
  }

  @Override
  public Precision precision() {
    return Precision.FLOAT32;
  }

  @Override
  public int[] teacherForcing(Batch b) {
    return net.teacherForcing(b);
  }

  @Override
  public double[] logits(Batch b, int[] fed) {
    return FloatKernels.widen(net.logits(b, fed));
  }

  @Override
  public double[] freeRunning(Batch b) {
    return FloatKernels.widen(net.freeRunning(b));
  }

  @Override
  public double loss(Batch b, double[] logits) {
    return net.loss(b, FloatKernels.toFloats(logits));
  }

  @Override
  public Update train(Batch b) {
    ParamsF32 p = net.params();
    p.zeroGrads();
    clipper.beginUpdate();
    double loss = net.forwardBackward(b, net.teacherForcing(b));
    ClipStats c = clipper.clip(p);
    optimizer.step(p.values(), p.grads());
    return new Update(loss, c);
  }

  @Override
  public boolean finite() {
    for (float x : net.params().values()) {
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
  }

  @Override
  public void saveState(StateWriter w) {
    w.begin("model").writeFloats("parameters", net.params().values()).end();
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
    r.readFloatsInto("parameters", net.params().values());
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
