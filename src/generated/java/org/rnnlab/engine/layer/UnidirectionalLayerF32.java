// Generated from src/main/java/org/rnnlab/engine/layer/UnidirectionalLayer.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change UnidirectionalLayer.java and run `make generate`.
package org.rnnlab.engine.layer;

import java.util.List;
import org.rnnlab.engine.ParamsF32;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.cell.CellConfigF32;
import org.rnnlab.engine.cell.RecurrentLayerF32;
import org.rnnlab.engine.cell.StepGradientHookF32;
import org.rnnlab.engine.init.Initializer;

/**
 * A recurrent layer read forwards in time (seed 000, 7.2), any cell: the cell's own buffers are
 * the layer's outputs, so stacking these costs no copies.
 */
public final class UnidirectionalLayerF32 implements SequenceLayerF32 {
  private final RecurrentLayerF32 cell;
  private final int index;
  private final float[][] dFinal;   // {dSummary, null...}: the error of h only, none of c
  private int steps;
  private int batch;
  private boolean training = true;

  /** Declares layer {@code index} ({@code weight_ih_l{index}}, ...) of {@code hidden} units. */
  public UnidirectionalLayerF32(ParamsF32.Builder params, CellConfigF32 cell, int index, int inputSize, int hidden) {
    this.cell = cell.create(params, index, "", inputSize, hidden);
    this.index = index;
    this.dFinal = new float[this.cell.stateParts()][];
  }

  @Override
  public int inputSize() {
    return cell.inputSize();
  }

  @Override
  public int outputSize() {
    return cell.hiddenSize();
  }

  @Override
  public int stateParts() {
    return cell.stateParts();
  }

  @Override
  public int stateWidth() {
    return cell.hiddenSize();
  }

  @Override
  public boolean bidirectional() {
    return false;
  }

  @Override
  public List<RecurrentLayerF32> directions() {
    return List.of(cell);
  }

  /** The stream {@code layer{k}}, as before layers were composed (so old seeds give old weights). */
  @Override
  public void initialize(float[] values, Initializer weightInit, Initializer recurrentInit, Rng rng) {
    cell.initialize(values, weightInit, recurrentInit, rng.child("layer" + index));
  }

  @Override
  public void forward(float[] values, float[] x, int xOff, int steps, int batch, int[] lengths, int lenShift,
                      float[][] init) {
    this.steps = steps;
    this.batch = batch;
    cell.forward(values, x, xOff, steps, batch, lengths, lenShift, init);
  }

  @Override
  public void forward(float[] values, float[] x, int xOff, int steps, int batch, int[] lengths, int lenShift,
                      float[][] init, long weightsVersion) {
    this.steps = steps;
    this.batch = batch;
    cell.forward(values, x, xOff, steps, batch, lengths, lenShift, init, weightsVersion);
  }

  @Override
  public float[] output() {
    return cell.output();
  }

  @Override
  public int outputOffset() {
    return cell.outputOffset();
  }

  /** h after the last step: with freezing, every sequence's h at its own last step. */
  @Override
  public float[] summary() {
    return cell.output();
  }

  @Override
  public int summaryOffset() {
    return steps * batch * cell.hiddenSize();
  }

  @Override
  public void finalState(float[][] dst) {
    cell.finalState(dst);
  }

  @Override
  public void backward(float[] grads, float[] dOut, int dOutOff, float[] dSummary, float[] dx, int dxOff) {
    dFinal[0] = dSummary;
    cell.backward(grads, dOut, dOutOff, dSummary == null ? null : dFinal, dx, dxOff);
  }

  @Override
  public float[][] initialStateGradient() {
    return cell.initialStateGradient();
  }

  @Override
  public void setStepGradientHook(StepGradientHookF32 hook) {
    cell.setStepGradientHook(hook);
  }

  /** Training or evaluation mode of the cell (batch norm: batch or running statistics). */
  @Override
  public void setTraining(boolean training) {
    this.training = training;
    cell.setTraining(training);
  }

  @Override
  public void resetStatistics(boolean exact) {
    cell.resetStatistics(exact);
  }

  /** The mode last set. */
  public boolean training() {
    return training;
  }
}
