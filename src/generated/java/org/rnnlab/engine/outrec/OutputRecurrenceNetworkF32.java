// Generated from src/main/java/org/rnnlab/engine/outrec/OutputRecurrenceNetwork.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change OutputRecurrenceNetwork.java and run `make generate`.
package org.rnnlab.engine.outrec;

import org.rnnlab.engine.Batch;
import org.rnnlab.engine.FloatKernels;
import org.rnnlab.engine.ParamsUpdateF32;
import org.rnnlab.engine.Precision;
import org.rnnlab.engine.TrainingState;
import org.rnnlab.engine.clip.GradientClip;
import org.rnnlab.engine.optim.OptimizerConfig;

/**
 * The one source of {@link OutputRecurrence} in both precisions: an {@link OutputRecurrentNet} with its optimiser and
 * clipping rule (a {@link ParamsUpdate}); the generated {@code OutputRecurrenceNetworkF32} wraps the float32 net and
 * widens its logits exactly.
 */
public final class OutputRecurrenceNetworkF32 implements OutputRecurrence {
  private final OutputRecurrentNetF32 net;
  private final ParamsUpdateF32 update;

  /** {@code net}, trained by {@code optimizer} with {@code clip} (null: none). */
  public OutputRecurrenceNetworkF32(OutputRecurrentNetF32 net, OptimizerConfig optimizer, GradientClip clip) {
    this.net = net;
    this.update = new ParamsUpdateF32(net.params(), optimizer, clip);
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
    update.begin();
    double loss = net.forwardBackward(b, net.teacherForcing(b));
    return new Update(loss, update.finish());
  }

  @Override
  public TrainingState state() {
    return update;
  }
}
