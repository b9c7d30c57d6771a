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
public final class SequenceNetwork implements Network {
  private final SequenceModel model;
  // f32: private final WideParams wide;
  // f32: private /*f64*/double[] wideOut = new /*f64*/double[0];
  // f32: private float[] narrowOut = new float[0];

  /** The network of {@code model}. */
  public SequenceNetwork(SequenceModel model) {
    this.model = model;
    // f32: this.wide = new WideParams(model.params());
  }

  /** The engine model. */
  public SequenceModel model() {
    return model;
  }

  @Override
  public Precision precision() {
    return Precision.FLOAT64; // f32: return Precision.FLOAT32;
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
  public /*f64*/double[] predict(Batch b, int chunk) {
    return FloatKernels.widen(model.predict(b, chunk));
  }

  @Override
  public /*f64*/double loss(Batch b, /*f64*/double[] outputs) {
    return model.loss(b, outputs); // f32: return model.loss(b, narrowed(outputs));
  }

  @Override
  public void predictCarried(List<Batch> batches, BiConsumer<Batch, /*f64*/double[]> sink) {
    SequenceModel.State state = model.zeroState(batches.get(0).size());
    double[] out = new double[0];
    for (Batch b : batches) {
      if (out.length != model.predictedLength(b)) {
        out = new double[model.predictedLength(b)]; // a text's last, shorter segment
      }
      model.predictInto(b, state, state, out);
      sink.accept(b, out); // f32: sink.accept(b, widened(out));
    }
  }

  // f32: private /*f64*/double[] widened(float[] a) { if (wideOut.length != a.length) { wideOut = new /*f64*/double[a.length]; } FloatKernels.toDouble(a, 0, wideOut, 0, a.length); return wideOut; }
  // f32: private float[] narrowed(/*f64*/double[] a) { if (narrowOut.length != a.length) { narrowOut = new float[a.length]; } FloatKernels.toFloat(a, 0, narrowOut, 0, a.length); return narrowOut; }

  @Override
  public boolean finite() {
    for (double x : model.params().values()) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int[] weightSizes() {
    Params p = model.params();
    int[] out = new int[1 + p.buffers().size()];
    out[0] = p.size();
    for (int i = 0; i < p.buffers().size(); i++) {
      out[i + 1] = p.buffers().get(i).values().length;
    }
    return out;
  }

  @Override
  public void copyWeightsTo(/*f64*/double[][] dst) {
    Params p = model.params();
    FloatKernels.toDouble(p.values(), 0, dst[0], 0, dst[0].length);
    for (int i = 0; i < p.buffers().size(); i++) {
      FloatKernels.toDouble(p.buffers().get(i).values(), 0, dst[i + 1], 0, dst[i + 1].length);
    }
  }

  @Override
  public void setWeights(/*f64*/double[][] src) {
    Params p = model.params();
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
    return ParamsIO.toJson(model.params()); // f32: return ParamsIO.toJson(wide.widenValues());
  }

  @Override
  public void loadStateDict(JsonNode root, String source) {
    ParamsIO.fromJson(model.params(), root, source); // f32: ParamsIO.fromJson(wide.params(), root, source);
    // f32: wide.narrowValues();
  }

  @Override
  public Training trainer(OptimizerConfig optimizer, GradientClip clip, int truncation) {
    Trainer t = new Trainer(model, optimizer.create(model.params().size()), clip, truncation); // f32: Trainer t = new Trainer(model, optimizer.createF32(model.params().size()), clip, truncation);
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
      public Map<String, /*f64*/Double> clipThresholds() {
        return t.clipper().thresholds();
      }
    };
  }

  @Override
  public Optional</*f64*/SequenceModel> float64() {
    return Optional.of(model); // f32: return Optional.empty();
  }
}
