package org.rnnlab.engine.norm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.cell.LstmLayer;
import org.rnnlab.engine.init.PyTorchInit;
import org.rnnlab.engine.loss.MseLoss;

/**
 * Batch norm's initial-state noise (Cooijmans et al. 2017, sec. 5.1): while every sequence of a
 * batch has the same inputs, a zero initial state gives every step a batch variance of exactly
 * zero, and dividing by sqrt(epsilon) makes the gradient explode; noise in h_0 of the training
 * passes breaks the tie. Evaluation starts from zeros.
 */
class InitialStateNoiseTest {
  static final int IN = 2;
  static final int H = 5;
  static final int STEPS = 24;
  static final int BLANK = 16;

  static SequenceModel model(double noise, long seed) {
    SequenceModel m = new SequenceModel(new LstmLayer.Config(1.0,
        new RecurrentBatchNorm.Config(STEPS, null, null, null, noise)), IN, H, 1, 1, ReadoutMode.LAST, new MseLoss());
    m.initialize(new PyTorchInit(), new PyTorchInit(), Rng.of(seed).child("init"));
    m.setStateNoise(Rng.of(seed).child("noise"));
    return m;
  }

  /** Sequences that are all zero for the first BLANK steps (as MNIST's blank top rows), then random. */
  static Batch batch(int size, long seed) {
    Rng r = Rng.of(seed);
    double[] x = new double[STEPS * size * IN];
    for (int i = BLANK * size * IN; i < x.length; i++) {
      x[i] = r.gaussian();
    }
    double[] y = new double[size];
    for (int i = 0; i < size; i++) {
      y[i] = r.gaussian();
    }
    return new Batch(STEPS, size, IN, x, Batch.fullLengths(STEPS, size), y, null, null);
  }

  static double gradNorm(SequenceModel m, Batch b) {
    Arrays.fill(m.params().grads(), 0.0);
    m.forwardBackward(b, 0, STEPS, null);
    double s = 0.0;
    for (double g : m.params().grads()) {
      s += g * g;
    }
    return Math.sqrt(s);
  }

  @Test
  void aSharedBlankPrefixMakesTheGradientExplodeUnlessTheInitialStateIsNoisy() {
    Batch b = batch(8, 3);
    double plain = gradNorm(model(0.0, 1), b);
    double noisy = gradNorm(model(0.1, 1), b);
    assertTrue(Double.isFinite(noisy) && noisy < 1e3, "noisy h_0: " + noisy);
    assertTrue(!(plain < 1e6 * noisy), "zero-variance steps amplify the gradient: " + plain + " vs " + noisy);
  }

  @Test
  void trainingPassesDrawFreshNoiseInStreamOrderAndEvaluationHasNone() {
    Batch b = batch(6, 4);
    SequenceModel a = model(0.1, 2);
    SequenceModel again = model(0.1, 2);
    double[] first = a.predict(b, 6);
    assertArrayEquals(first, again.predict(b, 6), 0.0, "the same stream, the same noise");
    assertFalse(Arrays.equals(first, a.predict(b, 6)), "each training pass draws new noise");
    again.predict(b, 6);
    // evaluation starts from h_0 = 0 whatever the stream: the same weights and statistics, the same outputs
    a.setTraining(false);
    again.setTraining(false);
    again.setStateNoise(Rng.of(99));
    double[] e1 = a.predict(b, 6);
    assertArrayEquals(e1, a.predict(b, 6), 0.0);
    assertArrayEquals(e1, again.predict(b, 6), 0.0);
    // no noise: the stream is never read, and the model is the one without the key
    SequenceModel quiet = model(0.0, 2);
    SequenceModel plain = new SequenceModel(new LstmLayer.Config(1.0, new RecurrentBatchNorm.Config(STEPS, null, null,
        null)), IN, H, 1, 1, ReadoutMode.LAST, new MseLoss());
    plain.initialize(new PyTorchInit(), new PyTorchInit(), Rng.of(2).child("init"));
    double[] q1 = quiet.predict(b, 6);
    assertArrayEquals(q1, plain.predict(b, 6), 0.0);
    quiet.setStateNoise(Rng.of(5));
    assertArrayEquals(plain.predict(b, 6), quiet.predict(b, 6), 0.0);
  }

  @Test
  void negativeNoiseIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new RecurrentBatchNorm.Config(4, null, null, null, -0.1));
  }
}
