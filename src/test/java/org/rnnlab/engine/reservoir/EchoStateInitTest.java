package org.rnnlab.engine.reservoir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.cell.ElmanLayer;
import org.rnnlab.engine.cell.LstmLayer;
import org.rnnlab.engine.init.NormalInit;
import org.rnnlab.engine.init.PyTorchInit;
import org.rnnlab.engine.init.SparseSpectralInit;
import org.rnnlab.engine.linalg.Spectral;
import org.rnnlab.engine.loss.MseLoss;

/**
 * Echo-state initialisation of a trained tanh RNN (Sutskever et al. 2013, Table 4): the readout's
 * own initialiser, the output bias from the data, and the readout fitted by ridge regression.
 */
class EchoStateInitTest {
  private static Batch batch(int steps, int size, int in, int outputs, ReadoutMode mode, Rng rng, double[] mask) {
    double[] x = new double[steps * size * in];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.uniform(-1, 1);
    }
    int positions = mode == ReadoutMode.EVERY_STEP ? steps * size : size;
    double[] y = new double[positions * outputs];
    for (int i = 0; i < y.length; i++) {
      y[i] = rng.uniform(0, 2);
    }
    return new Batch(steps, size, in, x, Batch.fullLengths(steps, size), y, null, mask);
  }

  private static double[] slice(SequenceModel m, String name) {
    Params.Param p = m.params().get(name);
    return Arrays.copyOfRange(m.params().values(), p.offset(), p.offset() + p.size());
  }

  @Test
  void sutskeverRecipe() {
    int hidden = 100;
    SequenceModel m = new SequenceModel(new ElmanLayer.Config("tanh"), 2, hidden, 1, 1, ReadoutMode.LAST, new MseLoss());
    Rng rng = Rng.of(1);
    m.initialize(new NormalInit(0.001), new SparseSpectralInit(1.1, 15), rng);
    m.initializeReadout(new NormalInit(0.1), rng);
    Batch train = batch(10, 50, 2, 1, ReadoutMode.LAST, Rng.of(2), null);
    ReadoutFitting.setOutputBiasToMeanTarget(m, train);

    double[] whh = slice(m, "weight_hh_l0");
    assertEquals(1.1, Spectral.radius(whh, 0, hidden), 1e-12, "W_hh spectral radius");
    for (int i = 0; i < hidden; i++) {
      int nz = 0;
      for (int j = 0; j < hidden; j++) {
        nz += whh[i * hidden + j] != 0.0 ? 1 : 0;
      }
      assertEquals(15, nz, "inputs of unit " + i);
    }
    assertStd(0.001, slice(m, "weight_ih_l0"), 0.25);
    assertStd(0.1, slice(m, "readout.weight"), 0.25);
    assertArrayEquals(new double[hidden], slice(m, "bias_ih_l0"), 0.0, "hidden biases 0");
    assertArrayEquals(new double[hidden], slice(m, "bias_hh_l0"), 0.0);
    double mean = Arrays.stream(train.targets()).average().orElseThrow();
    assertEquals(mean, slice(m, "readout.bias")[0], 1e-15, "output bias = mean target");
  }

  private static void assertStd(double want, double[] v, double rel) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    double std = Math.sqrt(s / v.length);
    assertTrue(Math.abs(std - want) < rel * want, "std " + std + ", want " + want);
  }

  @Test
  void initializeReadoutUsesTheStreamsOfInitialize() {
    SequenceModel a = new SequenceModel(new LstmLayer.Config(1.0), 3, 7, 2, 2, ReadoutMode.EVERY_STEP, new MseLoss());
    a.initialize(new PyTorchInit(), new PyTorchInit(), Rng.of(5));
    double[] before = a.params().values().clone();
    a.initializeReadout(new PyTorchInit(), Rng.of(5));
    assertArrayEquals(before, a.params().values(), 0.0, "the same initialiser and streams: the same bits");
    a.initializeReadout(new NormalInit(0.1), Rng.of(5));
    assertArrayEquals(Arrays.copyOf(before, a.params().get("readout.weight").offset()),
        Arrays.copyOf(a.params().values(), a.params().get("readout.weight").offset()), 0.0, "only the readout moves");
  }

  @Test
  void ridgePretrainingRecoversAReadoutOfTheHiddenStates() {
    for (ReadoutMode mode : ReadoutMode.values()) {
      int hidden = 11;
      int outputs = 2;
      SequenceModel m = new SequenceModel(new ElmanLayer.Config("tanh"), 3, hidden, 2, outputs, mode, new MseLoss());
      m.initialize(new PyTorchInit(), new SparseSpectralInit(0.9, 4), Rng.of(3));
      int steps = 9;
      int size = 30;
      double[] mask = null;
      if (mode == ReadoutMode.EVERY_STEP) {
        mask = new double[steps * size];
        for (int i = 0; i < mask.length; i++) {
          mask[i] = i % 3 == 0 ? 0.0 : 1.0;
        }
      }
      Batch noise = batch(steps, size, 3, outputs, mode, Rng.of(4), mask);
      // targets: an exact linear function of the top hidden states (masked positions: garbage)
      double[] h = m.readoutInputs(noise);
      double[] w = new double[outputs * hidden];
      Rng r = Rng.of(6);
      for (int i = 0; i < w.length; i++) {
        w[i] = r.gaussian();
      }
      double[] bias = {0.7, -0.2};
      double[] y = noise.targets().clone();
      int positions = h.length / hidden;
      for (int p = 0; p < positions; p++) {
        if (mask != null && mask[p] == 0.0) {
          continue;
        }
        for (int o = 0; o < outputs; o++) {
          double s = bias[o];
          for (int k = 0; k < hidden; k++) {
            s += w[o * hidden + k] * h[p * hidden + k];
          }
          y[p * outputs + o] = s;
        }
      }
      Batch train = new Batch(steps, size, 3, noise.inputs(), noise.lengths(), y, null, mask);
      ReadoutFitting.fitRidge(m, train, 0.0);
      assertArrayEquals(w, slice(m, "readout.weight"), 1e-8, mode + " weights");
      assertArrayEquals(bias, slice(m, "readout.bias"), 1e-8, mode + " bias");
      assertTrue(m.loss(train, m.predict(train, 8)) < 1e-16, "the fitted model predicts its targets");
    }
    SequenceModel m = new SequenceModel(new ElmanLayer.Config("tanh"), 1, 3, 1, 1, ReadoutMode.EVERY_STEP, new MseLoss());
    m.initialize(new PyTorchInit(), new PyTorchInit(), Rng.of(1));
    double[] halfMask = new double[4];
    Arrays.fill(halfMask, 0.5);
    Batch weighted = batch(2, 2, 1, 1, ReadoutMode.EVERY_STEP, Rng.of(1), halfMask);
    assertThrows(IllegalArgumentException.class, () -> ReadoutFitting.fitRidge(m, weighted, 0.0));
  }
}
