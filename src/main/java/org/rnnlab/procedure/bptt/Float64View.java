package org.rnnlab.procedure.bptt;

import java.util.function.Supplier;
import org.rnnlab.engine.Network;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.SequenceNetwork;

/**
 * The float64 engine's model of a trial's weights, for a callback that reads engine internals
 * (diagnostic probes, a readout fit). In a float64 trial it is the trained model itself and
 * {@link #pull}/{@link #push} do nothing. In a float32 trial it is a float64 model of the same layout:
 * {@link #pull} widens the float32 weights into it (exact), so a probe measures the float32 model's
 * weights in double arithmetic, and {@link #push} rounds what a callback changed back into the
 * float32 model; training itself never reads the copy.
 */
public final class Float64View {
  private final Network network;
  private final Supplier<SequenceModel> copy;
  private SequenceModel model;
  private double[][] weights;

  /** The view of {@code network}; {@code copy} builds a float64 model of its layout when first needed (float32 only). */
  public Float64View(Network network, Supplier<SequenceModel> copy) {
    this.network = network;
    this.copy = copy;
    this.model = network.float64().orElse(null);
  }

  /** The float64 model: the trained one, or the float32 model's copy (as of the last {@link #pull}). */
  public SequenceModel model() {
    if (model == null) {
      model = copy.get();
      int[] sizes = network.weightSizes();
      weights = new double[sizes.length][];
      for (int i = 0; i < sizes.length; i++) {
        weights[i] = new double[sizes[i]];
      }
    }
    return model;
  }

  /** Brings the float32 model's current weights and buffers into the copy (nothing in float64). */
  public void pull() {
    if (network.float64().isPresent()) {
      return;
    }
    SequenceModel m = model();
    network.copyWeightsTo(weights);
    new SequenceNetwork(m).setWeights(weights);
    // the copy's own passes (a probe's, in training mode) draw batch norm's initial-state noise, if any, from
    // a stream that is the same at every pull: a resumed trial probes as an uninterrupted one
    m.setStateNoise(Rng.of(0).child("float64_view"));
  }

  /** Rounds the copy's weights and buffers back into the float32 model (nothing in float64). */
  public void push() {
    if (network.float64().isPresent()) {
      return;
    }
    new SequenceNetwork(model()).copyWeightsTo(weights);
    network.setWeights(weights);
  }
}
