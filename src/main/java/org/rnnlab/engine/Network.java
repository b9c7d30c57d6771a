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
 * A sequence model of either {@link Precision} as training and evaluation code sees it: batches,
 * outputs, losses and stored weights are doubles at this boundary (a float32 model's outputs widen
 * exactly), so the procedures, metrics and callbacks are the same code for both precisions.
 */
public interface Network {
  /** The precision the model computes in. */
  Precision precision();

  /** Where the readout reads the recurrent state. */
  ReadoutMode readout();

  /** Whether its layers are bidirectional. */
  boolean bidirectional();

  /** Training mode (batch statistics, state noise) or evaluation mode. */
  void setTraining(boolean training);

  /** Whether it is in training mode. */
  boolean training();

  /** The outputs of a batch from zero states, {@code chunk} sequences at a time ({@link SequenceModel#predict}). */
  double[] predict(Batch b, int chunk);

  /** The mean loss of {@code outputs} (as {@link #predict} returns them) against the batch's targets. */
  double loss(Batch b, double[] outputs);

  /**
   * The outputs of consecutive batches whose sequences continue each other (a text cut into streams):
   * the state is carried from batch to batch, starting at zeros; {@code sink} receives each batch's
   * outputs in a buffer it must not keep.
   */
  void predictCarried(List<Batch> batches, BiConsumer<Batch, double[]> sink);

  /** Whether every parameter is finite. */
  boolean finite();

  /** The lengths of the weight arrays of {@link #copyWeightsTo}: the parameters, then each buffer. */
  int[] weightSizes();

  /** Copies the parameters and buffers (batch norm's statistics), widened to double, into {@code dst}. */
  void copyWeightsTo(double[][] dst);

  /** Sets the parameters and buffers from what {@link #copyWeightsTo} wrote. */
  void setWeights(double[][] src);

  /** Whether the model holds buffers (batch norm's population statistics). */
  boolean hasBuffers();

  /** See {@link SequenceModel#resetStatistics}. */
  void resetStatistics(boolean exact);

  /** See {@link SequenceModel#setStateNoise}: installs {@code rng}, returns the stream it replaces. */
  Rng setStateNoise(Rng rng);

  /** The parameters and buffers as a stored model's JSON ({@link ParamsIO#toJson}). */
  ObjectNode stateDict();

  /** Sets the parameters and buffers from {@link #stateDict}'s JSON; errors name {@code source}. */
  void loadStateDict(JsonNode root, String source);

  /** A trainer of this model by the optimiser and clipping rule given (null: none; see {@link Trainer}). */
  Training trainer(OptimizerConfig optimizer, GradientClip clip, int truncation);

  /** The float64 engine's model, for code that reads its internals (diagnostics); empty in float32. */
  Optional<SequenceModel> float64();

  /** What trains a {@link Network}: {@link Trainer} of either precision. */
  interface Training {
    /** See {@link Trainer#step(Batch, boolean)}. */
    StepResult step(Batch b, boolean continues);

    /** See {@link Trainer#saveState}. */
    void saveState(StateWriter out);

    /** See {@link Trainer#restoreState}. */
    void restoreState(StateReader in);

    /** The clipping rule's thresholds in effect ({@link org.rnnlab.engine.clip.Clipper#thresholds}). */
    Map<String, Double> clipThresholds();
  }
}
