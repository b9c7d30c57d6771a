package org.rnnlab.engine.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModelF32;
import org.rnnlab.engine.cell.ElmanLayerF32;
import org.rnnlab.engine.cell.GruLayerF32;
import org.rnnlab.engine.cell.LstmLayerF32;
import org.rnnlab.engine.init.PyTorchInit;
import org.rnnlab.engine.layer.BidirectionalLayerF32;
import org.rnnlab.engine.loss.CrossEntropyLossF32;
import org.rnnlab.engine.loss.MseLossF32;
import org.rnnlab.engine.norm.LayerNormF32;
import org.rnnlab.engine.norm.RecurrentBatchNormF32;

/**
 * float32 training gives the same bits at every vector width (surefire runs this package at 16, 8
 * and 4 floats per vector) and on every machine: a fingerprint of the weights after three SGD
 * steps, the last gradient and the predictions, per model, at hidden sizes with and without vector
 * tails. Recorded at 16 floats per vector when the float32 engine was added; re-record with
 * {@link #main} only for a deliberate change of the float32 numerics, and say so.
 */
class Float32FingerprintTest {
  static final Map<String, Long> GOLDEN = new LinkedHashMap<>();

  static {
    GOLDEN.put("elman/19", 0x9075e84aea39784bL);
    GOLDEN.put("lstm/19", 0x5ea9384a844ad152L);
    GOLDEN.put("gru-after/19", 0xa14d69ec6808f2baL);
    GOLDEN.put("gru-before/19", 0xfd8c1588c800e4ceL);
    GOLDEN.put("ln-lstm/19", 0x1c31020bd616b148L);
    GOLDEN.put("bn-gru/19", 0x8d1831492cad6d6aL);
    GOLDEN.put("bi-lstm-x2/19", 0xa36a230bc4904050L);
    GOLDEN.put("embedding-gru-ce/19", 0xc27776db1f1d71d9L);
    GOLDEN.put("elman/48", 0x60f1354f46186f8bL);
    GOLDEN.put("lstm/48", 0x224b15e71c50238fL);
    GOLDEN.put("gru-after/48", 0xcc32c9ceb489b26fL);
    GOLDEN.put("gru-before/48", 0x4aed1197061ad58eL);
    GOLDEN.put("ln-lstm/48", 0xd82755775407b043L);
    GOLDEN.put("bn-gru/48", 0xdcee9e16c25cc8a4L);
    GOLDEN.put("bi-lstm-x2/48", 0x5eaa4d84c63e966cL);
    GOLDEN.put("embedding-gru-ce/48", 0x86cdd13cbbab3f12L);
  }

  private static final int T = 23;
  private static final int B = 5;

  static Map<String, Supplier<SequenceModelF32>> cases() {
    Map<String, Supplier<SequenceModelF32>> m = new LinkedHashMap<>();
    for (int h : new int[] {19, 48}) {
      m.put("elman/" + h, () -> dense().recurrent(new ElmanLayerF32.Config("tanh"), h).readout(2, ReadoutMode.LAST)
          .loss(new MseLossF32()).build());
      m.put("lstm/" + h, () -> dense().recurrent(new LstmLayerF32.Config(1.0f), h).readout(2, ReadoutMode.EVERY_STEP)
          .loss(new MseLossF32()).build());
      m.put("gru-after/" + h, () -> dense().recurrent(new GruLayerF32.Config(true), h)
          .readout(2, ReadoutMode.EVERY_STEP).loss(new MseLossF32()).build());
      m.put("gru-before/" + h, () -> dense().recurrent(new GruLayerF32.Config(false), h)
          .readout(2, ReadoutMode.LAST).loss(new MseLossF32()).build());
      m.put("ln-lstm/" + h, () -> dense().recurrent(new LstmLayerF32.Config(1.0f, new LayerNormF32.Config(null, null)), h)
          .readout(2, ReadoutMode.EVERY_STEP).loss(new MseLossF32()).build());
      m.put("bn-gru/" + h, () -> dense().recurrent(
              new GruLayerF32.Config(true, new RecurrentBatchNormF32.Config(T, null, null, null)), h)
          .readout(2, ReadoutMode.EVERY_STEP).loss(new MseLossF32()).build());
      m.put("bi-lstm-x2/" + h, () -> dense().layers(new LstmLayerF32.Config(1.0f), h, 2, true,
              BidirectionalLayerF32.Merge.CONCAT).readout(2, ReadoutMode.EVERY_STEP).loss(new MseLossF32()).build());
      m.put("embedding-gru-ce/" + h, () -> SequenceModelF32.builder().embedding(11, 5).recurrent(
              new GruLayerF32.Config(true), h).readout(11, ReadoutMode.EVERY_STEP).loss(new CrossEntropyLossF32()).build());
    }
    return m;
  }

  private static SequenceModelF32.Builder dense() {
    return SequenceModelF32.builder().input(3);
  }

  private static Batch batch(SequenceModelF32 m, Rng r) {
    int[] lengths = new int[B];
    for (int i = 0; i < B; i++) {
      lengths[i] = i == 0 ? T : T - r.nextInt(T / 2);
    }
    if (m.outputs() == 11) {
      int[] tokens = new int[T * B];
      int[] labels = new int[T * B];
      for (int i = 0; i < tokens.length; i++) {
        tokens[i] = r.nextInt(11);
        labels[i] = r.nextInt(11);
      }
      return Batch.ofTokens(T, B, tokens, 0, null, lengths, null, labels, null);
    }
    double[] x = new double[T * B * 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.gaussian();
    }
    double[] y = new double[T * B * 2];
    for (int i = 0; i < y.length; i++) {
      y[i] = r.uniform(-1, 1);
    }
    return new Batch(T, B, 3, x, lengths, m.readout() == ReadoutMode.LAST ? java.util.Arrays.copyOf(y, B * 2) : y,
        null, null);
  }

  static long fingerprint(SequenceModelF32 m) {
    m.initialize(new PyTorchInit(), new PyTorchInit(), Rng.of(3).child("init"));
    Batch b = batch(m, Rng.of(4).child("data"));
    long h = 0x9E3779B97F4A7C15L;
    for (int step = 0; step < 3; step++) {
      m.params().zeroGrads();
      h = mix(h, Double.doubleToRawLongBits(m.forwardBackward(b, 0, T, null)));
      float[] v = m.params().values();
      float[] g = m.params().grads();
      for (int i = 0; i < v.length; i++) {
        v[i] -= 0.1f * g[i];
      }
    }
    h = mix(h, m.params().values());
    h = mix(h, m.params().grads());
    m.setTraining(false);
    return mix(h, m.predict(b, B));
  }

  private static long mix(long h, float[] a) {
    for (float x : a) {
      h = mix(h, Float.floatToRawIntBits(x));
    }
    return h;
  }

  private static long mix(long h, long x) {
    h ^= x;
    h *= 0xff51afd7ed558ccdL;
    return h ^ (h >>> 33);
  }

  static Map<String, Long> all() {
    Map<String, Long> out = new LinkedHashMap<>();
    cases().forEach((k, v) -> out.put(k, fingerprint(v.get())));
    return out;
  }

  @Test
  void fingerprintsUnchanged() {
    assertEquals(hex(GOLDEN), hex(all()));
  }

  private static String hex(Map<String, Long> m) {
    StringBuilder sb = new StringBuilder();
    m.forEach((k, v) -> sb.append(k).append(" 0x").append(String.format("%016x", v)).append("L\n"));
    return sb.toString();
  }

  /** Prints the GOLDEN lines of this machine and width. */
  public static void main(String[] args) {
    all().forEach((k, v) -> System.out.printf("    GOLDEN.put(\"%s\", 0x%016xL);%n", k, v));
  }
}
