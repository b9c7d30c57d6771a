package org.rnnlab.engine.cell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.GradCheck;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.init.NormalInit;
import org.rnnlab.engine.init.PyTorchInit;
import org.rnnlab.engine.loss.CrossEntropyLoss;
import org.rnnlab.engine.loss.Loss;
import org.rnnlab.engine.loss.MseLoss;

/**
 * The contract every recurrent cell meets: central-difference gradient checks of parameters,
 * inputs and initial state under every readout, loss, stacking, masking, variable lengths and
 * truncation, in training and evaluation mode, plus determinism. A new cell's test extends this
 * and names its config. The hidden size, 11 unless a test says otherwise, runs every vector
 * loop's body and its scalar tail (at 2, 4 and 8 doubles per vector).
 */
public abstract class CellContractTest {
  static final int IN = 3;
  static final int OUT = 3;
  static final int STEPS = 6;

  /** The cell under test. */
  protected abstract CellConfig cell();

  /** Sequences per batch (batch norm's tests want more, so that no step's statistics are degenerate). */
  protected int batchSize() {
    return 3;
  }

  /** Hidden units of the models under test. */
  protected int hidden() {
    return 11;
  }

  SequenceModel model(int layers, ReadoutMode mode, Loss loss, long seed) {
    SequenceModel m = new SequenceModel(cell(), IN, hidden(), layers, OUT, mode, loss);
    // weights a little larger than PyTorch's default so every gate is exercised away from its linear regime
    m.initialize(new NormalInit(0.5), new NormalInit(0.5), Rng.of(seed).child("init"));
    return m;
  }

  Batch batch(ReadoutMode mode, boolean classes, boolean ragged, boolean masked, long seed) {
    Rng r = Rng.of(seed).child("data");
    double[] x = new double[STEPS * batchSize() * IN];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.gaussian();
    }
    int[] len = Batch.fullLengths(STEPS, batchSize());
    if (ragged) {
      len[0] = 2;
      len[2] = 5;
    }
    int positions = mode == ReadoutMode.EVERY_STEP ? STEPS * batchSize() : batchSize();
    double[] targets = null;
    int[] labels = null;
    if (classes) {
      labels = new int[positions];
      for (int i = 0; i < positions; i++) {
        labels[i] = r.nextInt(OUT);
      }
    } else {
      targets = new double[positions * OUT];
      for (int i = 0; i < targets.length; i++) {
        targets[i] = r.gaussian();
      }
    }
    double[] mask = null;
    if (masked) {
      mask = new double[STEPS * batchSize()];
      for (int i = 0; i < mask.length; i++) {
        mask[i] = r.bernoulli(0.6) ? 1.0 : 0.0;
      }
      mask[0] = 1.0;
    }
    return new Batch(STEPS, batchSize(), IN, x, len, targets, labels, mask);
  }

  private void checkAll(SequenceModel m, Batch b, int t0, int steps, SequenceModel.State init) {
    m.setInputGradient(true);
    m.params().zeroGrads();
    m.forwardBackward(b, t0, steps, init);
    double[] grads = m.params().grads().clone();
    double[] dx = m.inputGradient().clone();
    SequenceModel.State dInit = m.initialStateGradient();
    double[] theta = m.params().values();
    GradCheck.check("parameters", theta, 0, theta.length, grads, 0, () -> lossOnly(m, b, t0, steps, init));
    GradCheck.check("inputs", b.inputs(), t0 * batchSize() * IN, steps * batchSize() * IN, dx, 0,
        () -> lossOnly(m, b, t0, steps, init));
    if (init != null) {
      for (int k = 0; k < init.parts().length; k++) {
        for (int p = 0; p < init.parts()[k].length; p++) {
          GradCheck.check("initial state " + k + "/" + p, init.parts()[k][p], 0, batchSize() * hidden(),
              dInit.parts()[k][p], 0, () -> lossOnly(m, b, t0, steps, init));
        }
      }
    }
  }

  private static double lossOnly(SequenceModel m, Batch b, int t0, int steps, SequenceModel.State init) {
    m.params().zeroGrads();
    return m.forwardBackward(b, t0, steps, init);
  }

  @Test
  void gradientEveryStepMse() {
    checkAll(model(1, ReadoutMode.EVERY_STEP, new MseLoss(), 1), batch(ReadoutMode.EVERY_STEP, false, false, false, 1),
        0, STEPS, null);
  }

  @Test
  void gradientLastStepCrossEntropyStacked() {
    checkAll(model(2, ReadoutMode.LAST, new CrossEntropyLoss(), 2), batch(ReadoutMode.LAST, true, false, false, 2),
        0, STEPS, null);
  }

  @Test
  void gradientLastStepMseRaggedLengths() {
    checkAll(model(1, ReadoutMode.LAST, new MseLoss(), 3), batch(ReadoutMode.LAST, false, true, false, 3),
        0, STEPS, null);
  }

  @Test
  void gradientEveryStepCrossEntropyMaskedRaggedStacked() {
    checkAll(model(2, ReadoutMode.EVERY_STEP, new CrossEntropyLoss(), 4),
        batch(ReadoutMode.EVERY_STEP, true, true, true, 4), 0, STEPS, null);
  }

  @Test
  void gradientTruncatedSegmentFromCarriedState() {
    SequenceModel m = model(2, ReadoutMode.EVERY_STEP, new MseLoss(), 5);
    Batch b = batch(ReadoutMode.EVERY_STEP, false, true, false, 5);
    m.forwardBackward(b, 0, 2, null);
    SequenceModel.State carried = m.finalState();
    checkAll(m, b, 2, 3, carried);
  }

  @Test
  void gradientLastSegmentOfTruncatedLastStepReadout() {
    SequenceModel m = model(1, ReadoutMode.LAST, new CrossEntropyLoss(), 6);
    Batch b = batch(ReadoutMode.LAST, true, true, false, 6);
    m.forwardBackward(b, 0, 3, null);
    checkAll(m, b, 3, 3, m.finalState());
  }

  @Test
  void gradientInEvaluationMode() {
    // batch norm: normalised by the running statistics, which the training pass before has set
    SequenceModel m = model(2, ReadoutMode.EVERY_STEP, new MseLoss(), 10);
    Batch b = batch(ReadoutMode.EVERY_STEP, false, true, true, 10);
    m.forwardBackward(b, 0, STEPS, null);
    m.setTraining(false);
    checkAll(m, b, 0, STEPS, null);
  }

  @Test
  void raggedSequencesEqualTheirOwnShortRuns() {
    // a sequence's output past its length must be its state at its own last step (in evaluation
    // mode, where no sequence depends on the others of its batch)
    SequenceModel m = model(1, ReadoutMode.LAST, new MseLoss(), 7);
    Batch ragged = batch(ReadoutMode.LAST, false, true, false, 7);
    m.forwardBackward(ragged, 0, STEPS, null);
    m.setTraining(false);
    double[] all = m.predict(ragged, batchSize());
    Batch first = ragged.slice(0, 1, ReadoutMode.LAST);
    double[] shortX = java.util.Arrays.copyOf(first.inputs(), 2 * IN);
    Batch alone = new Batch(2, 1, IN, shortX, new int[] {2}, first.targets(), null, null);
    double[] one = m.predict(alone, 1);
    assertArrayEquals(one, java.util.Arrays.copyOf(all, OUT), 0.0);
  }

  @Test
  void deterministicBitForBit() {
    double[][] runs = new double[2][];
    for (int r = 0; r < 2; r++) {
      SequenceModel m = model(2, ReadoutMode.EVERY_STEP, new CrossEntropyLoss(), 9);
      m.params().zeroGrads();
      m.forwardBackward(batch(ReadoutMode.EVERY_STEP, true, true, true, 9), 0, STEPS, null);
      runs[r] = m.params().grads().clone();
    }
    assertArrayEquals(runs[0], runs[1], 0.0);
  }

  @Test
  void pytorchDefaultInitIsWithinBound() {
    SequenceModel m = new SequenceModel(cell(), IN, hidden(), 1, OUT, ReadoutMode.LAST, new MseLoss());
    m.initialize(new PyTorchInit(), new PyTorchInit(), Rng.of(1));
    double bound = 1.0 / Math.sqrt(hidden());
    for (var p : m.params().list()) {
      if (p.name().startsWith("weight_hh")) {
        for (int i = 0; i < p.size(); i++) {
          assertTrue(Math.abs(m.params().values()[p.offset() + i]) <= bound);
        }
      }
    }
    assertEquals("weight_ih_l0", m.params().list().get(0).name());
  }
}
