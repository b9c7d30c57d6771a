package org.rnnlab.engine.perf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.engine.StepResult;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.Trainer;
import org.rnnlab.engine.cell.CellConfig;
import org.rnnlab.engine.cell.ElmanLayer;
import org.rnnlab.engine.cell.GruLayer;
import org.rnnlab.engine.cell.LstmLayer;
import org.rnnlab.engine.clip.GlobalNormClip;
import org.rnnlab.engine.clip.NoClip;
import org.rnnlab.engine.init.NormalInit;
import org.rnnlab.engine.init.PyTorchInit;
import org.rnnlab.engine.loss.CrossEntropyLoss;
import org.rnnlab.engine.loss.Loss;
import org.rnnlab.engine.loss.MseLoss;
import org.rnnlab.engine.norm.LayerNorm;
import org.rnnlab.engine.norm.NormConfig;
import org.rnnlab.engine.norm.RecurrentBatchNorm;
import org.rnnlab.engine.optim.Sgd;

/**
 * A 64-bit fingerprint of the exact bits the engine produces: a few training steps of small and
 * medium models of every cell (odd sizes, so that every vector tail and blocking edge is used;
 * ragged lengths, masks, stacking, truncation, both readouts), then predictions, input and
 * initial-state gradients. Kernel optimisations must leave every fingerprint unchanged.
 * {@code main} prints them, so they can be compared across JVM flags (e.g. -XX:MaxVectorSize=16).
 */
public final class EngineFingerprint {
  private EngineFingerprint() {}

  record Case(String name, CellConfig cell, int in, int hid, int layers, int outputs, int batch, int steps,
              ReadoutMode mode, boolean classes, boolean ragged, boolean masked, int truncation, boolean clip) {}

  static List<Case> cases() {
    CellConfig[] cells = {
      new ElmanLayer.Config("tanh"), new ElmanLayer.Config("relu"), new LstmLayer.Config(1.0),
      new GruLayer.Config(true), new GruLayer.Config(false)
    };
    String[] names = {"elman-tanh", "elman-relu", "lstm", "gru-after", "gru-before"};
    List<Case> list = new ArrayList<>();
    for (int c = 0; c < cells.length; c++) {
      list.add(new Case(names[c] + "/tiny", cells[c], 3, 5, 2, 3, 3, 6, ReadoutMode.EVERY_STEP, true, true, true, 0, false));
      list.add(new Case(names[c] + "/odd", cells[c], 7, 13, 1, 2, 9, 11, ReadoutMode.EVERY_STEP, false, true, false, 4, true));
      list.add(new Case(names[c] + "/adding", cells[c], 2, 32, 1, 1, 8, 20, ReadoutMode.LAST, false, false, false, 0, false));
      list.add(new Case(names[c] + "/mid", cells[c], 19, 37, 2, 5, 6, 10, ReadoutMode.LAST, true, true, false, 0, true));
      list.add(new Case(names[c] + "/wide", cells[c], 64, 130, 1, 1, 32, 5, ReadoutMode.LAST, false, false, false, 0, false));
    }
    return list;
  }

  /**
   * Normalised cells (layer and batch norm on every cell form), odd sizes with ragged lengths,
   * truncation and stacking: {@code NormFingerprintTest} checks them at every vector width.
   */
  static List<Case> normalisedCases() {
    NormConfig[] norms = {new LayerNorm.Config(null, null), new RecurrentBatchNorm.Config(12, null, null, null)};
    String[] normNames = {"ln", "bn"};
    List<Case> list = new ArrayList<>();
    for (int k = 0; k < norms.length; k++) {
      NormConfig n = norms[k];
      CellConfig[] cells = {
        new ElmanLayer.Config("tanh", n), new LstmLayer.Config(1.0, n), new GruLayer.Config(true, n),
        new GruLayer.Config(false, n)
      };
      String[] names = {"elman-tanh", "lstm", "gru-after", "gru-before"};
      for (int c = 0; c < cells.length; c++) {
        String name = normNames[k] + "-" + names[c];
        list.add(new Case(name + "/odd", cells[c], 7, 13, 1, 2, 9, 11, ReadoutMode.EVERY_STEP, false, true, false, 4, true));
        list.add(new Case(name + "/mid", cells[c], 19, 37, 2, 5, 6, 10, ReadoutMode.LAST, true, true, false, 0, true));
      }
    }
    return list;
  }

  /** Fingerprint of one case. */
  static long run(Case c) {
    Loss loss = c.classes() ? new CrossEntropyLoss() : new MseLoss();
    SequenceModel m = new SequenceModel(c.cell(), c.in(), c.hid(), c.layers(), c.outputs(), c.mode(), loss);
    m.initialize(new PyTorchInit(), new NormalInit(0.3), Rng.of(11).child("init"));
    Rng r = Rng.of(12).child("data");
    Batch b = batch(c, r);
    Trainer tr = new Trainer(m, new Sgd(0.05, 0.9, false).create(m.params().size()),
        c.clip() ? GlobalNormClip.of(0.5) : new NoClip(), c.truncation());
    long h = 0x1234567L;
    for (int s = 0; s < 4; s++) {
      StepResult res = tr.step(s % 2 == 0 ? b : batch(c, r));
      h = mix(h, res.loss());
      h = mix(h, res.gradNorm());
    }
    for (double v : m.params().values()) {
      h = mix(h, v);
    }
    for (double v : m.predict(b, Math.max(1, c.batch() / 2))) {
      h = mix(h, v);
    }
    if (!m.params().buffers().isEmpty()) {  // batch norm: its statistics, and evaluation by them
      for (var buf : m.params().buffers()) {
        for (double v : buf.values()) {
          h = mix(h, v);
        }
      }
      m.setTraining(false);
      for (double v : m.predict(b, Math.max(1, c.batch() / 2))) {
        h = mix(h, v);
      }
    }
    m.setInputGradient(true);
    SequenceModel.State init = m.zeroState(c.batch());
    for (double[][] layer : init.parts()) {
      for (double[] part : layer) {
        for (int i = 0; i < part.length; i++) {
          part[i] = r.gaussian() * 0.5;
        }
      }
    }
    m.params().zeroGrads();
    h = mix(h, m.forwardBackward(b, 0, c.steps(), init));
    for (double v : m.params().grads()) {
      h = mix(h, v);
    }
    for (int i = 0; i < c.steps() * c.batch() * c.in(); i++) {
      h = mix(h, m.inputGradient()[i]);
    }
    for (double[][] layer : m.initialStateGradient().parts()) {
      for (double[] part : layer) {
        for (double v : part) {
          h = mix(h, v);
        }
      }
    }
    return h;
  }

  private static Batch batch(Case c, Rng r) {
    double[] x = new double[c.steps() * c.batch() * c.in()];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.gaussian();
    }
    int[] len = Batch.fullLengths(c.steps(), c.batch());
    if (c.ragged()) {
      for (int i = 0; i < c.batch(); i += 2) {
        len[i] = 1 + r.nextInt(c.steps());
      }
    }
    int positions = c.mode() == ReadoutMode.EVERY_STEP ? c.steps() * c.batch() : c.batch();
    double[] targets = null;
    int[] labels = null;
    if (c.classes()) {
      labels = new int[positions];
      for (int i = 0; i < positions; i++) {
        labels[i] = r.nextInt(c.outputs());
      }
    } else {
      targets = new double[positions * c.outputs()];
      for (int i = 0; i < targets.length; i++) {
        targets[i] = r.gaussian();
      }
    }
    double[] mask = null;
    if (c.masked()) {
      mask = new double[c.steps() * c.batch()];
      for (int i = 0; i < mask.length; i++) {
        mask[i] = r.bernoulli(0.6) ? 1.0 : 0.0;
      }
      mask[0] = 1.0;
    }
    return new Batch(c.steps(), c.batch(), c.in(), x, len, targets, labels, mask);
  }

  static long mix(long h, double v) {
    long z = h ^ Double.doubleToLongBits(v); // one NaN: Java leaves NaN payloads unspecified (x86 and software fma differ)
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** All fingerprints of the un-normalised cells, in case order. */
  public static Map<String, Long> all() {
    return fingerprints(cases());
  }

  /** All fingerprints of the normalised cells, in case order. */
  public static Map<String, Long> allNormalised() {
    return fingerprints(normalisedCases());
  }

  private static Map<String, Long> fingerprints(List<Case> cases) {
    Map<String, Long> map = new LinkedHashMap<>();
    for (Case c : cases) {
      map.put(c.name(), run(c));
    }
    return map;
  }

  public static void main(String[] args) {
    Map<String, Long> all = new LinkedHashMap<>(all());
    all.putAll(allNormalised());
    for (Map.Entry<String, Long> e : all.entrySet()) {
      System.out.printf("    GOLDEN.put(\"%s\", 0x%016xL);%n", e.getKey(), e.getValue());
    }
  }
}
