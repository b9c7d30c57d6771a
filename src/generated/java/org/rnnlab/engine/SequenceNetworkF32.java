// Generated from src/main/java/org/rnnlab/engine/SequenceNetwork.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change SequenceNetwork.java and run `make generate`.
package org.rnnlab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.rnnlab.engine.clip.GradientClip;
import org.rnnlab.engine.optim.OptimizerConfig;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;

/**
 * A {@link SequenceModel} as a {@link Network}. Its generated float32 twin is the same boundary for
 * {@code SequenceModelF32}: outputs widen to double exactly ({@link FloatKernels#widen}), outputs handed
 * back to {@link #loss} round back to the same floats, the stored model's JSON holds each float widened
 * (whose shortest text reads back to the same float), and training is {@code TrainerF32}'s.
 */
public final class SequenceNetworkF32 implements Network {
  private final SequenceModelF32 model;
  private final WideParams wide;
  private double[] wideOut = new double[0];
  private float[] narrowOut = new float[0];

  /** The network of {@code model}. */
  public SequenceNetworkF32(SequenceModelF32 model) {
    this.model = model;
    this.wide = new WideParams(model.params());
  }

  /** The engine model. */
  public SequenceModelF32 model() {
    return model;
  }

  @Override
  public Precision precision() {
    return Precision.FLOAT32;
  }

  @Override
  public ReadoutMode readout() {
    return model.readout();
  }

  @Override
  public boolean bidirectional() {
    return model.bidirectional();
  }

  @Override
  public void setTraining(boolean training) {
    model.setTraining(training);
  }

  @Override
  public boolean training() {
    return model.training();
  }

  @Override
  public double[] predict(Batch b, int chunk) {
    return FloatKernels.widen(model.predict(b, chunk));
  }

  @Override
  public double loss(Batch b, double[] outputs) {
    return model.loss(b, narrowed(outputs));
  }

  @Override
  public void predictCarried(List<Batch> batches, BiConsumer<Batch, double[]> sink) {
    SequenceModelF32.State state = model.zeroState(batches.get(0).size());
    float[] out = new float[0];
    for (Batch b : batches) {
      if (out.length != model.predictedLength(b)) {
        out = new float[model.predictedLength(b)]; // a text's last, shorter segment
      }
      model.predictInto(b, state, state, out);
      sink.accept(b, widened(out));
    }
  }

  private double[] widened(float[] a) { if (wideOut.length != a.length) { wideOut = new double[a.length]; } FloatKernels.toDouble(a, 0, wideOut, 0, a.length); return wideOut; }
  private float[] narrowed(double[] a) { if (narrowOut.length != a.length) { narrowOut = new float[a.length]; } FloatKernels.toFloat(a, 0, narrowOut, 0, a.length); return narrowOut; }

  @Override
  public boolean finite() {
    for (float x : model.params().values()) {
      if (!Float.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int[] weightSizes() {
    ParamsF32 p = model.params();
    int[] out = new int[1 + p.buffers().size()];
    out[0] = p.size();
    for (int i = 0; i < p.buffers().size(); i++) {
      out[i + 1] = p.buffers().get(i).values().length;
    }
    return out;
  }

  @Override
  public void copyWeightsTo(double[][] dst) {
    ParamsF32 p = model.params();
    FloatKernels.toDouble(p.values(), 0, dst[0], 0, dst[0].length);
    for (int i = 0; i < p.buffers().size(); i++) {
      FloatKernels.toDouble(p.buffers().get(i).values(), 0, dst[i + 1], 0, dst[i + 1].length);
    }
  }

  @Override
  public void setWeights(double[][] src) {
    ParamsF32 p = model.params();
    FloatKernels.round(src[0], 0, p.values(), 0, src[0].length);
    for (int i = 0; i < p.buffers().size(); i++) {
      FloatKernels.round(src[i + 1], 0, p.buffers().get(i).values(), 0, src[i + 1].length);
    }
  }

  @Override
  public boolean hasBuffers() {
    return !model.params().buffers().isEmpty();
  }

  @Override
  public void resetStatistics(boolean exact) {
    model.resetStatistics(exact);
  }

  @Override
  public Rng setStateNoise(Rng rng) {
    return model.setStateNoise(rng);
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
  public Training trainer(OptimizerConfig optimizer, GradientClip clip, int truncation) {
    TrainerF32 t = new TrainerF32(model, optimizer.createF32(model.params().size()), clip, truncation);
    return new Training() {
      @Override
      public StepResult step(Batch b, boolean continues) {
        return t.step(b, continues);
      }

      @Override
      public void saveState(StateWriter out) {
        t.saveState(out);
      }

      @Override
      public void restoreState(StateReader in) {
        t.restoreState(in);
      }

      @Override
      public Map<String, Double> clipThresholds() {
        return t.clipper().thresholds();
      }
    };
  }

  @Override
  public Optional<SequenceModel> float64() {
    return Optional.empty();
  }
}
