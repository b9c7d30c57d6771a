package org.rnnlab.procedure;

import java.util.ArrayList;
import java.util.List;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.cell.CellConfig;
import org.rnnlab.engine.reservoir.ReservoirConfig;
import org.rnnlab.results.MeasureName;
import org.rnnlab.results.Measures;

/**
 * What a bptt trial records besides its final metrics ({@link BpttTraining#metrics}): the curve
 * (training loss, gradient norm, and the tracked sets' metrics at every evaluation) and the series
 * of its diagnostics ({@link TrainingProbes}). Kept beside the procedure so that the loop and its
 * declaration can change apart; the planner checks charts against it.
 */
final class BpttMeasures {
  private BpttMeasures() {}

  /** train_loss, grad_norm, then each tracked set's loss and task metrics (set-prefixed). */
  static List<MeasureName> curve(BpttTraining training, TrialConfig config) {
    List<MeasureName> out = new ArrayList<>();
    out.add(MeasureName.exact(Measures.TRAIN_LOSS));
    out.add(MeasureName.exact(Measures.GRAD_NORM));
    for (String set : config.evaluation().track()) {
      out.add(MeasureName.exact(Measures.ofSet(set, Measures.LOSS)));
      config.taskMetrics(set).forEach(m -> out.add(MeasureName.exact(Measures.ofSet(set, m))));
    }
    return out;
  }

  /** The series {@code diagnostics} asks for, per layer (and direction) of the model; none without it. */
  static List<MeasureName> series(BpttTraining training, TrialConfig config) {
    BpttDiagnostics d = training.diagnostics();
    List<MeasureName> out = new ArrayList<>();
    if (d == null) {
      return out;
    }
    int layers = config.model().numLayers();
    boolean cellState = hasCellState(config.model().cell());
    if (d.gradientFlow()) {
      for (int k = 0; k < layers; k++) {
        out.add(MeasureName.exact(Measures.flowHidden(k)));
        if (cellState) {
          out.add(MeasureName.exact(Measures.flowCell(k)));
        }
      }
    }
    if (d.spectrum()) {
      for (String quantity : List.of(Measures.RADIUS, Measures.SIGMA_MAX)) {
        for (int k = 0; k < layers; k++) {
          out.add(MeasureName.exact(Measures.spectrum(quantity, Measures.recurrentWeight(k, false))));
          if (config.model().bidirectional()) {
            out.add(MeasureName.exact(Measures.spectrum(quantity, Measures.recurrentWeight(k, true))));
          }
        }
      }
    }
    if (d.jacobian()) {
      for (int k = 0; k < layers; k++) {
        out.add(MeasureName.exact(Measures.jacobianLogFrobenius(k)));
        out.add(MeasureName.exact(Measures.jacobianLogSpectral(k)));
      }
    }
    if (d.clipping()) {
      if (d.clipTrace()) {
        out.add(MeasureName.exact(Measures.CLIP_NORM_BEFORE));
        out.add(MeasureName.exact(Measures.CLIP_NORM_AFTER));
        out.add(MeasureName.exact(Measures.CLIP_FIRED));
      }
      out.add(Measures.clipThresholds());
    }
    return out;
  }

  /**
   * Whether the cell's state has a part besides h (the LSTM's c), whose gradient flow is recorded too:
   * asked of a one-unit layer of the cell, so that the answer is the engine's own.
   */
  private static boolean hasCellState(CellConfig cell) {
    if (cell instanceof ReservoirConfig) {
      return false; // not trainable by bptt; BpttTraining.check says so
    }
    return cell.create(new Params.Builder(), 0, "", 1, 1).stateParts() > 1;
  }
}
