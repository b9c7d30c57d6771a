package org.rnnlab.engine.norm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.ParamsIO;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.Trainer;
import org.rnnlab.engine.cell.CellConfig;
import org.rnnlab.engine.cell.ElmanLayer;
import org.rnnlab.engine.cell.GruLayer;
import org.rnnlab.engine.cell.LstmLayer;
import org.rnnlab.engine.init.PyTorchInit;
import org.rnnlab.engine.loss.MseLoss;
import org.rnnlab.engine.optim.Sgd;

/**
 * Normalised models: the parameters and buffers each cell declares, their initial values,
 * padding kept out of batch norm's statistics, evaluation mode, and checkpoints of the buffers.
 */
class NormalisedModelTest {
  static final int IN = 3;
  static final int H = 5;
  static final int STEPS = 7;
  static final NormConfig LAYER = new LayerNorm.Config(null, null);
  static final NormConfig BATCH = new RecurrentBatchNorm.Config(STEPS, null, null, null);

  @TempDir
  Path dir;

  static SequenceModel model(CellConfig cell, int layers, long seed) {
    SequenceModel m = new SequenceModel(cell, IN, H, layers, 2, ReadoutMode.EVERY_STEP, new MseLoss());
    m.initialize(new PyTorchInit(), new PyTorchInit(), Rng.of(seed).child("init"));
    return m;
  }

  static Batch batch(int size, int[] lengths, long seed) {
    Rng r = Rng.of(seed);
    double[] x = new double[STEPS * size * IN];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.gaussian();
    }
    double[] y = new double[STEPS * size * 2];
    for (int i = 0; i < y.length; i++) {
      y[i] = r.gaussian();
    }
    return new Batch(STEPS, size, IN, x, lengths, y, null, null);
  }

  static List<String> names(Params p) {
    List<String> n = new ArrayList<>();
    p.list().forEach(q -> n.add(q.name() + " " + q.rows() + "x" + q.cols()));
    p.buffers().forEach(b -> n.add(b.name() + " " + b.rows() + "x" + b.cols()));
    return n;
  }

  @Test
  void eachCellDeclaresItsSites() {
    String cell = "weight_ih_l0 20x3, weight_hh_l0 20x5, bias_ih_l0 1x20, bias_hh_l0 1x20";
    assertEquals(cell + ", norm_ih_l0.weight 1x20, norm_hh_l0.weight 1x20, norm_c_l0.weight 1x5, "
        + "norm_c_l0.bias 1x5, readout.weight 2x5, readout.bias 1x2",
        String.join(", ", names(model(new LstmLayer.Config(1.0, LAYER), 1, 1).params())));
    assertEquals("weight_ih_l0 5x3, weight_hh_l0 5x5, bias_ih_l0 1x5, bias_hh_l0 1x5, norm_l0.weight 1x5, "
        + "readout.weight 2x5, readout.bias 1x2",
        String.join(", ", names(model(new ElmanLayer.Config("tanh", LAYER), 1, 1).params())),
        "the tanh RNN's layer norm is on the sum W x + U h (eq. 7.6): one site");
    assertEquals("weight_ih_l0 15x3, weight_hh_l0 15x5, bias_ih_l0 1x15, bias_hh_l0 1x15, "
        + "norm_ih_l0.weight 1x15, norm_hh_l0.weight 1x15, readout.weight 2x5, readout.bias 1x2, "
        + "norm_ih_l0.running_mean 7x15, norm_ih_l0.running_var 7x15, norm_ih_l0.num_batches_tracked 1x7, "
        + "norm_hh_l0.running_mean 7x15, norm_hh_l0.running_var 7x15, norm_hh_l0.num_batches_tracked 1x7",
        String.join(", ", names(model(new GruLayer.Config(true, BATCH), 1, 1).params())),
        "parameters, then buffers (not in the values array)");
  }

  @Test
  void normalisedLayersStartAtTheirPapersValues() {
    for (NormConfig norm : new NormConfig[] {LAYER, BATCH}) {
      SequenceModel m = model(new LstmLayer.Config(2.5, norm), 2, 2);
      double[] v = m.params().values();
      double gain = norm == LAYER ? 1.0 : 0.1;
      for (Params.Param p : m.params().list()) {
        for (int i = 0; i < p.size(); i++) {
          double x = v[p.offset() + i];
          if (p.name().endsWith(".weight") && p.name().startsWith("norm")) {
            assertEquals(gain, x, p.name());
          } else if (p.name().startsWith("norm")) {
            assertEquals(0.0, x, p.name());
          } else if (p.name().startsWith("bias_ih")) {
            assertEquals(i >= H && i < 2 * H ? 2.5 : 0.0, x, p.name() + "[" + i + "]: forget bias, else 0");
          } else if (p.name().startsWith("bias_hh")) {
            assertEquals(0.0, x, p.name());
          }
        }
      }
    }
  }

  @Test
  void paddingTakesNoPartInBatchStatistics() {
    int[] lengths = {2, STEPS, 4, STEPS, 5, STEPS};
    Batch a = batch(6, lengths, 3);
    Batch b = batch(6, lengths, 3);
    Rng r = Rng.of(4);
    for (int t = 0; t < STEPS; t++) {
      for (int s = 0; s < 6; s++) {
        if (t >= lengths[s]) {
          for (int k = 0; k < IN; k++) {
            b.inputs()[(t * 6 + s) * IN + k] = 1e3 * r.gaussian();
          }
        }
      }
    }
    SequenceModel ma = model(new LstmLayer.Config(1.0, BATCH), 2, 5);
    SequenceModel mb = model(new LstmLayer.Config(1.0, BATCH), 2, 5);
    ma.params().zeroGrads();
    mb.params().zeroGrads();
    assertEquals(ma.forwardBackward(a, 0, STEPS, null), mb.forwardBackward(b, 0, STEPS, null), 0.0);
    assertArrayEquals(ma.params().grads(), mb.params().grads(), 0.0);
    for (int k = 0; k < ma.params().buffers().size(); k++) {
      assertArrayEquals(ma.params().buffers().get(k).values(), mb.params().buffers().get(k).values(), 0.0,
          ma.params().buffers().get(k).name());
    }
  }

  @Test
  void inEvaluationNoSequenceDependsOnTheOthers() {
    SequenceModel m = model(new GruLayer.Config(true, BATCH), 1, 6);
    Batch train = batch(8, Batch.fullLengths(STEPS, 8), 7);
    Trainer tr = new Trainer(m, new Sgd(0.01, 0.0, false).create(m.params().size()), null, 0);
    tr.step(train);
    Batch test = batch(6, Batch.fullLengths(STEPS, 6), 8);
    double[] trainingMode = m.predict(test, 6);
    assertTrue(m.training());
    m.setTraining(false);
    double[] whole = m.predict(test, 6);
    double[] inTwos = m.predict(test, 2);
    assertArrayEquals(whole, inTwos, 0.0);
    assertFalse(Arrays.equals(whole, trainingMode), "training mode normalises by the test batch's own statistics");
  }

  @Test
  void buffersRoundTripThroughParamsIo() throws Exception {
    SequenceModel a = model(new LstmLayer.Config(1.0, BATCH), 2, 9);
    Trainer tr = new Trainer(a, new Sgd(0.05, 0.0, false).create(a.params().size()), null, 3);
    for (int s = 0; s < 3; s++) {
      tr.step(batch(4, new int[] {STEPS, 3, STEPS, 6}, 10 + s));
    }
    Path f = dir.resolve("params.json");
    ParamsIO.save(a.params(), f);
    SequenceModel b = model(new LstmLayer.Config(1.0, BATCH), 2, 99);
    assertNotEquals(a.params().buffers().get(0).values()[0], b.params().buffers().get(0).values()[0]);
    ParamsIO.load(b.params(), f);
    assertArrayEquals(a.params().values(), b.params().values(), 0.0);
    for (int k = 0; k < a.params().buffers().size(); k++) {
      Params.Buffer x = a.params().buffers().get(k);
      assertArrayEquals(x.values(), b.params().buffers().get(k).values(), 0.0, x.name());
    }
    a.setTraining(false);
    b.setTraining(false);
    Batch test = batch(3, Batch.fullLengths(STEPS, 3), 20);
    assertArrayEquals(a.predict(test, 3), b.predict(test, 3), 0.0);
  }

  @Test
  void aFileWithoutTheBuffersDoesNotLoad() {
    SequenceModel m = model(new LstmLayer.Config(1.0, BATCH), 1, 11);
    ObjectNode json = ParamsIO.toJson(m.params());
    assertEquals(7, json.get("norm_ih_l0.running_mean").size(), "one row per step");
    assertEquals(7, json.get("norm_c_l0.num_batches_tracked").size(), "a one-row buffer is a flat array");
    json.remove("norm_hh_l0.running_var");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ParamsIO.fromJson(m.params(), json, "f.json"));
    assertEquals("f.json: missing buffer norm_hh_l0.running_var", e.getMessage());
  }

  @Test
  void anUnNormalisedModelHasNoBuffersAndItsFileNoExtraKeys() {
    SequenceModel m = model(new LstmLayer.Config(1.0), 1, 12);
    assertTrue(m.params().buffers().isEmpty());
    List<String> keys = new ArrayList<>();
    ParamsIO.toJson(m.params()).fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "readout.weight",
        "readout.bias"), keys);
  }
}
