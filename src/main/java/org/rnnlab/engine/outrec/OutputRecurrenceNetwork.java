package org.rnnlab.engine.outrec;

import org.rnnlab.engine.Batch;
import org.rnnlab.engine.FloatKernels;
import org.rnnlab.engine.ParamsUpdate;
import org.rnnlab.engine.Precision;
import org.rnnlab.engine.TrainingState;
import org.rnnlab.engine.clip.GradientClip;
import org.rnnlab.engine.optim.OptimizerConfig;

/**
 * The one source of {@link OutputRecurrence} in both precisions: an {@link OutputRecurrentNet} with its optimiser and
 * clipping rule (a {@link ParamsUpdate}); the generated {@code OutputRecurrenceNetworkF32} wraps the float32 net and
 * widens its logits exactly.
 */
public final class OutputRecurrenceNetwork implements OutputRecurrence {
  private final OutputRecurrentNet net;
  private final ParamsUpdate update;

  /** {@code net}, trained by {@code optimizer} with {@code clip} (null: none). */
  public OutputRecurrenceNetwork(OutputRecurrentNet net, OptimizerConfig optimizer, GradientClip clip) {
    this.net = net;
    this.update = new ParamsUpdate(net.params(), optimizer, clip);
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
    update.begin();
    /*f64*/double loss = net.forwardBackward(b, net.teacherForcing(b));
    return new Update(loss, update.finish());
  }

  @Override
  public TrainingState state() {
    return update;
  }
}
