package org.rnnlab.engine.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.StepResult;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.Trainer;
import org.rnnlab.engine.cell.ElmanLayer;
import org.rnnlab.engine.cell.GruLayer;
import org.rnnlab.engine.cell.LstmLayer;
import org.rnnlab.engine.clip.GlobalNormClip;
import org.rnnlab.engine.init.NormalInit;
import org.rnnlab.engine.init.PyTorchInit;
import org.rnnlab.engine.layer.BidirectionalLayer.Merge;
import org.rnnlab.engine.loss.CrossEntropyLoss;
import org.rnnlab.engine.optim.Adam;

/**
 * The bits of composed models (bidirectional layers, stacks mixing directions, embeddings with
 * features), as {@link BitReproducibilityTest} pins the plain stacks': a few Adam steps on ragged
 * batches at odd sizes, then predictions and input gradients, hashed with
 * {@link EngineFingerprint}'s mix. Recorded when these layers were written (branch bidir; the same at
 * vector widths 8, 4 and 2); the surefire runs at vector widths 4 and 2 check that the bits do not depend on the width. Re-record
 * ({@code main}) only for a deliberate change of the numerics, and say so in the commit.
 */
class ComposedModelBitsTest {
  static final Map<String, Long> GOLDEN = new LinkedHashMap<>();

  static {
    GOLDEN.put("lstm-bi-concat-2", 0x2bf9a25bfc05c58dL);
    GOLDEN.put("gru-bi-sum-then-uni", 0x23b6043f881fbe2cL);
    GOLDEN.put("elman-uni-then-bi", 0xdb22d35d769714d1L);
    GOLDEN.put("embedding-lstm-bi", 0x61bf1f1820e684d2L);
  }

  static final int BATCH = 7;
  static final int STEPS = 9;
  static final int IN = 5;
  static final int VOCAB = 13;

  static SequenceModel model(String name) {
    SequenceModel.Builder b = SequenceModel.builder();
    switch (name) {
      case "lstm-bi-concat-2" -> b.input(IN).layers(new LstmLayer.Config(1.0), 13, 2, true, Merge.CONCAT);
      case "gru-bi-sum-then-uni" -> b.input(IN).bidirectional(new GruLayer.Config(true), 11, Merge.SUM)
          .recurrent(new GruLayer.Config(false), 9);
      case "elman-uni-then-bi" -> b.input(IN).recurrent(new ElmanLayer.Config("tanh"), 17)
          .bidirectional(new ElmanLayer.Config("tanh"), 7, Merge.CONCAT);
      case "embedding-lstm-bi" -> b.embedding(VOCAB, 6, IN, 1.0).bidirectional(new LstmLayer.Config(1.0), 10, Merge.CONCAT);
      default -> throw new IllegalArgumentException(name);
    }
    SequenceModel m = b.readout(4, ReadoutMode.EVERY_STEP).loss(new CrossEntropyLoss()).build();
    m.initialize(new PyTorchInit(), new NormalInit(0.3), Rng.of(31).child("init"));
    return m;
  }

  static Batch batch(Rng r) {
    double[] x = new double[STEPS * BATCH * IN];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.gaussian();
    }
    int[] len = new int[BATCH];
    int[] labels = new int[STEPS * BATCH];
    int[] tokens = new int[STEPS * BATCH];
    for (int i = 0; i < BATCH; i++) {
      len[i] = i == 0 ? STEPS : 1 + r.nextInt(STEPS);
    }
    for (int i = 0; i < labels.length; i++) {
      labels[i] = r.nextInt(4);
      tokens[i] = r.nextInt(VOCAB);
    }
    return new Batch(STEPS, BATCH, IN, x, len, null, labels, null, tokens);
  }

  static long fingerprint(String name) {
    SequenceModel m = model(name);
    Rng r = Rng.of(32).child("data");
    Batch b = batch(r);
    Trainer tr = new Trainer(m, new Adam(1e-2, null, null, null).create(m.params().size()), new GlobalNormClip(0.5), 0);
    long h = 0x7654321L;
    for (int s = 0; s < 3; s++) {
      StepResult res = tr.step(s % 2 == 0 ? b : batch(r));
      h = EngineFingerprint.mix(h, res.loss());
      h = EngineFingerprint.mix(h, res.gradNorm());
    }
    for (double v : m.params().values()) {
      h = EngineFingerprint.mix(h, v);
    }
    for (double v : m.predict(b, 3)) {
      h = EngineFingerprint.mix(h, v);
    }
    m.setInputGradient(true);
    m.params().zeroGrads();
    h = EngineFingerprint.mix(h, m.forwardBackward(b, 0, STEPS, null));
    for (double v : m.params().grads()) {
      h = EngineFingerprint.mix(h, v);
    }
    for (int i = 0; i < STEPS * BATCH * IN; i++) {
      h = EngineFingerprint.mix(h, m.inputGradient()[i]);
    }
    return h;
  }

  static Map<String, Long> all() {
    Map<String, Long> map = new LinkedHashMap<>();
    for (String name : new String[] {"lstm-bi-concat-2", "gru-bi-sum-then-uni", "elman-uni-then-bi", "embedding-lstm-bi"}) {
      map.put(name, fingerprint(name));
    }
    return map;
  }

  @Test
  void fingerprintsUnchanged() {
    Map<String, Long> got = all();
    assertEquals(GOLDEN.keySet(), got.keySet());
    for (Map.Entry<String, Long> e : GOLDEN.entrySet()) {
      assertEquals(String.format("0x%016x", e.getValue()), String.format("0x%016x", got.get(e.getKey())),
          "bits of " + e.getKey() + " changed");
    }
  }

  public static void main(String[] args) {
    for (Map.Entry<String, Long> e : all().entrySet()) {
      System.out.printf("    GOLDEN.put(\"%s\", 0x%016xL);%n", e.getKey(), e.getValue());
    }
  }
}
