// Generated from src/main/java/org/rnnlab/engine/layer/SequenceLayer.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change SequenceLayer.java and run `make generate`.
package org.rnnlab.engine.layer;

import java.util.List;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.cell.RecurrentLayerF32;
import org.rnnlab.engine.cell.StepGradientHookF32;
import org.rnnlab.engine.init.Initializer;

/**
 * One layer of a model's recurrent stack (seed 000, 7.2.4: layer k reads layer k-1's outputs):
 * reads {@code steps x batch x inputSize()} and writes {@code steps x batch x outputSize()}, with
 * backpropagation through time over the same span. Implementations keep their buffers between
 * calls of the same batch shape and allocate nothing per time step.
 */
public interface SequenceLayerF32 {
  /** Features per step read. */
  int inputSize();

  /** Features per step written (what the next layer or the readout reads). */
  int outputSize();

  /** Number of state arrays (each {@code batch x stateWidth()}): see {@link #finalState}. */
  int stateParts();

  /** Width of each state array per sequence (the hidden size). */
  int stateWidth();

  /** Whether the layer reads each sequence backwards too (and so needs whole sequences). */
  boolean bidirectional();

  /** The recurrent layers inside: the forward direction, then the reverse one if any. */
  List<RecurrentLayerF32> directions();

  /** Draws this layer's weights from its own child streams of {@code rng}. */
  void initialize(float[] values, Initializer weightInit, Initializer recurrentInit, Rng rng);

  /**
   * Runs the layer over {@code steps} steps of {@code batch} sequences.
   *
   * @param x        input, {@code steps x batch x inputSize()} at xOff
   * @param lengths  sequence lengths (null: all full); step t is valid for sequence b when
   *                 {@code t + lenShift < lengths[b]}
   * @param init     initial state per part, each {@code batch x stateWidth()} (null: zeros)
   */
  void forward(float[] values, float[] x, int xOff, int steps, int batch, int[] lengths, int lenShift,
               float[][] init);

  /**
   * {@link #forward} for values at {@code weightsVersion} (their {@code Params.version()}): a layer
   * may reuse the weights it transposed or packed in a previous pass that named the same version
   * (-1: never). This default keeps none and always runs the plain pass.
   */
  default void forward(float[] values, float[] x, int xOff, int steps, int batch, int[] lengths, int lenShift,
                       float[][] init, long weightsVersion) {
    forward(values, x, xOff, steps, batch, lengths, lenShift, init);
  }

  /** The outputs of the last forward pass, {@code steps x batch x outputSize()} at {@link #outputOffset()}. */
  float[] output();

  /** Offset of step 0's outputs in {@link #output()}. */
  int outputOffset();

  /**
   * What a last-step readout reads, {@code batch x outputSize()} at {@link #summaryOffset()}: every
   * sequence's output at its own last step (a bidirectional layer: each direction's final state).
   */
  float[] summary();

  /** Offset of {@link #summary()}. */
  int summaryOffset();

  /** Copies the state after the last forward pass into dst ({@link #stateParts()} arrays). */
  void finalState(float[][] dst);

  /**
   * Backpropagation through time over the last forward pass. Adds the parameter gradients into
   * {@code grads} and writes dL/dx into dx (if not null).
   *
   * @param dOut     dL/d(outputs), {@code steps x batch x outputSize()} at dOutOff, or null
   * @param dSummary dL/d({@link #summary()}), {@code batch x outputSize()} at offset 0, or null
   */
  void backward(float[] grads, float[] dOut, int dOutOff, float[] dSummary, float[] dx, int dxOff);

  /** dL/d(initial state) per part after {@link #backward}, each {@code batch x stateWidth()}. */
  float[][] initialStateGradient();

  /** Installs a hook on dL/dh_t of every direction (or null). */
  void setStepGradientHook(StepGradientHookF32 hook);

  /** Training (true) or evaluation (false) mode: batch statistics or stored ones, where a layer has them. */
  void setTraining(boolean training);

  /** Forgets batch norm's running statistics; with {@code exact}, the next training passes average them exactly. */
  void resetStatistics(boolean exact);
}
