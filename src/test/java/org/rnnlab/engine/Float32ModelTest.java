package org.rnnlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.engine.cell.ElmanLayer;
import org.rnnlab.engine.cell.ElmanLayerF32;
import org.rnnlab.engine.cell.GruLayer;
import org.rnnlab.engine.cell.GruLayerF32;
import org.rnnlab.engine.cell.LstmLayer;
import org.rnnlab.engine.cell.LstmLayerF32;
import org.rnnlab.engine.init.OrthogonalInit;
import org.rnnlab.engine.init.PyTorchInit;
import org.rnnlab.engine.layer.BidirectionalLayer;
import org.rnnlab.engine.layer.BidirectionalLayerF32;
import org.rnnlab.engine.loss.CrossEntropyLoss;
import org.rnnlab.engine.loss.CrossEntropyLossF32;
import org.rnnlab.engine.loss.MseLoss;
import org.rnnlab.engine.loss.MseLossF32;
import org.rnnlab.engine.norm.LayerNorm;
import org.rnnlab.engine.norm.LayerNormF32;
import org.rnnlab.engine.norm.RecurrentBatchNorm;
import org.rnnlab.engine.norm.RecurrentBatchNormF32;

/**
 * The float32 engine (generated from the double one) computes the same model as the double engine
 * to float precision: built from the same config and seed, its initial weights are exactly the
 * double model's rounded to float; given the same weights and batch, its outputs, loss and every
 * parameter's gradient agree with the double model's within the bounds below, for every cell, with
 * layer and batch norm, bidirectional and stacked layers, and an embedding input.
 *
 * <p>Bounds: outputs within 2e-5 of the largest output, loss within 1e-6 relative, each parameter's
 * gradient within 1e-4 relative in norm. A float32 forward and backward pass over T steps
 * accumulates about sqrt(k T) roundings of 2^-24 = 6e-8 per value (k: the products' depth), and a
 * recurrence's Jacobians amplify them. Measured worst (T 60, batch 8): loss 3.5e-8, gradient 5.8e-6
 * (the LSTM's layer-normalised cell state), outputs 2.4e-6 relative; the bounds leave a factor of
 * about ten for other shapes and seeds.
 */
class Float32ModelTest {
  private static final int T = 60;
  private static final int B = 8;

  /** One model in both precisions, with its batch. */
  private record Case(String name, Supplier<SequenceModel> f64, Supplier<SequenceModelF32> f32, boolean tokens,
                      int input, int outputs, boolean everyStep) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        dense("tanh RNN h32", 3, 32, SequenceModel.builder().input(3).recurrent(new ElmanLayer.Config("tanh"), 32),
            SequenceModelF32.builder().input(3).recurrent(new ElmanLayerF32.Config("tanh"), 32), false),
        dense("LSTM h32", 2, 32, SequenceModel.builder().input(2).recurrent(new LstmLayer.Config(1.0), 32),
            SequenceModelF32.builder().input(2).recurrent(new LstmLayerF32.Config(1.0f), 32), false),
        dense("LSTM h128 every step", 5, 128, SequenceModel.builder().input(5).recurrent(new LstmLayer.Config(1.0), 128),
            SequenceModelF32.builder().input(5).recurrent(new LstmLayerF32.Config(1.0f), 128), true),
        dense("GRU h128", 2, 128, SequenceModel.builder().input(2).recurrent(new GruLayer.Config(true), 128),
            SequenceModelF32.builder().input(2).recurrent(new GruLayerF32.Config(true), 128), false),
        dense("GRU reset-before h33", 4, 33, SequenceModel.builder().input(4).recurrent(new GruLayer.Config(false), 33),
            SequenceModelF32.builder().input(4).recurrent(new GruLayerF32.Config(false), 33), true),
        dense("LSTM layer norm h40", 3, 40,
            SequenceModel.builder().input(3).recurrent(new LstmLayer.Config(1.0, new LayerNorm.Config(null, null)), 40),
            SequenceModelF32.builder().input(3).recurrent(new LstmLayerF32.Config(1.0f, new LayerNormF32.Config(null, null)), 40),
            true),
        dense("GRU batch norm h32", 3, 32,
            SequenceModel.builder().input(3).recurrent(
                new GruLayer.Config(true, new RecurrentBatchNorm.Config(T, null, null, null)), 32),
            SequenceModelF32.builder().input(3).recurrent(
                new GruLayerF32.Config(true, new RecurrentBatchNormF32.Config(T, null, null, null)), 32),
            true),
        dense("tanh RNN layer norm h20", 3, 20,
            SequenceModel.builder().input(3).recurrent(new ElmanLayer.Config("tanh", new LayerNorm.Config(null, null)), 20),
            SequenceModelF32.builder().input(3).recurrent(
                new ElmanLayerF32.Config("tanh", new LayerNormF32.Config(null, null)), 20), true),
        dense("bidirectional LSTM x2 h24", 3, 24,
            SequenceModel.builder().input(3).layers(new LstmLayer.Config(1.0), 24, 2, true, BidirectionalLayer.Merge.CONCAT),
            SequenceModelF32.builder().input(3).layers(new LstmLayerF32.Config(1.0f), 24, 2, true,
                BidirectionalLayerF32.Merge.CONCAT), true),
        new Case("embedding GRU x2 cross-entropy h48",
            () -> SequenceModel.builder().embedding(17, 6).layers(new GruLayer.Config(true), 48, 2)
                .readout(17, ReadoutMode.EVERY_STEP).loss(new CrossEntropyLoss()).build(),
            () -> SequenceModelF32.builder().embedding(17, 6).layers(new GruLayerF32.Config(true), 48, 2)
                .readout(17, ReadoutMode.EVERY_STEP).loss(new CrossEntropyLossF32()).build(),
            true, 0, 17, true));
  }

  private static Case dense(String name, int input, int hidden, SequenceModel.Builder f64, SequenceModelF32.Builder f32,
                            boolean everyStep) {
    ReadoutMode mode = everyStep ? ReadoutMode.EVERY_STEP : ReadoutMode.LAST;
    return new Case(name + " (" + hidden + ")", () -> f64.readout(2, mode).loss(new MseLoss()).build(),
        () -> f32.readout(2, mode).loss(new MseLossF32()).build(), false, input, 2,
        everyStep);
  }

  private static Batch batch(Case c, Rng r) {
    int[] lengths = new int[B];
    for (int i = 0; i < B; i++) {
      lengths[i] = i == 0 ? T : T - r.nextInt(T / 2);  // ragged: frozen steps too
    }
    if (c.tokens()) {
      int[] tokens = new int[T * B];
      int[] labels = new int[T * B];
      for (int i = 0; i < tokens.length; i++) {
        tokens[i] = r.nextInt(c.outputs());
        labels[i] = r.nextInt(c.outputs());
      }
      return Batch.ofTokens(T, B, tokens, 0, null, lengths, null, labels, null);
    }
    double[] x = new double[T * B * c.input()];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.gaussian();
    }
    double[] y = new double[(c.everyStep() ? T : 1) * B * c.outputs()];
    for (int i = 0; i < y.length; i++) {
      y[i] = r.uniform(-1, 1);
    }
    return new Batch(T, B, c.input(), x, lengths, y, null, null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void float32AgreesWithFloat64ToFloatPrecision(Case c) {
    SequenceModel m64 = c.f64().get();
    SequenceModelF32 m32 = c.f32().get();
    Rng init = Rng.of(11).child(c.name());
    m64.initialize(new PyTorchInit(), new OrthogonalInit(1.0), init);
    m32.initialize(new PyTorchInit(), new OrthogonalInit(1.0), init);
    double[] v64 = m64.params().values();
    float[] v32 = m32.params().values();
    assertEquals(v64.length, v32.length);
    for (int i = 0; i < v64.length; i++) {
      if (Float.floatToRawIntBits(v32[i]) != Float.floatToRawIntBits((float) v64[i])) {
        throw new AssertionError(c + ": initial weight " + i + " is " + v32[i] + ", the double model's rounded is "
            + (float) v64[i]);
      }
      v64[i] = v32[i];  // from here on both hold the same (float) weights
    }
    Batch b = batch(c, Rng.of(12).child(c.name()));
    m64.params().zeroGrads();
    m32.params().zeroGrads();
    double l64 = m64.forwardBackward(b, 0, T, null);
    double l32 = m32.forwardBackward(b, 0, T, null);
    assertTrue(Math.abs(l32 - l64) <= 1e-6 * Math.abs(l64), c + ": loss " + l32 + " vs " + l64);
    double worstGrad = 0;
    String worstName = "";
    for (Params.Param p : m64.params().list()) {
      double diff = 0;
      double norm = 0;
      for (int i = p.offset(); i < p.offset() + p.size(); i++) {
        double g = m64.params().grads()[i];
        double d = m32.params().grads()[i] - g;
        diff += d * d;
        norm += g * g;
      }
      double rel = Math.sqrt(diff / Math.max(norm, 1e-300));
      assertTrue(norm > 0, c + ": " + p.name() + " has no gradient: the check would be empty");
      if (rel > worstGrad) {
        worstGrad = rel;
        worstName = p.name();
      }
    }
    assertTrue(worstGrad <= 1e-4, c + ": gradient of " + worstName + " differs by " + worstGrad + " relative");
    m64.setTraining(false);
    m32.setTraining(false);
    double[] o64 = m64.predict(b, B);
    float[] o32 = m32.predict(b, B);
    double scale = 0;
    double worstOut = 0;
    for (int i = 0; i < o64.length; i++) {
      scale = Math.max(scale, Math.abs(o64[i]));
      worstOut = Math.max(worstOut, Math.abs(o32[i] - o64[i]));
    }
    assertTrue(worstOut <= 2e-5 * scale, c + ": outputs differ by " + worstOut + " (largest output " + scale + ")");
    System.out.printf("%s: loss %.2e, gradient %.2e (%s), outputs %.2e relative%n", c,
        Math.abs(l32 - l64) / Math.abs(l64), worstGrad, worstName, worstOut / scale);
  }
}
