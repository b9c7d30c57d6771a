package org.rnnlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.cell.CellConfig;
import org.rnnlab.engine.cell.GruLayer;
import org.rnnlab.engine.cell.LstmLayer;
import org.rnnlab.engine.clip.GlobalNormClip;
import org.rnnlab.engine.clip.GradientClip;
import org.rnnlab.engine.clip.NoClip;
import org.rnnlab.engine.clip.PerMatrixNormClip;
import org.rnnlab.engine.clip.PerTimestepClip;
import org.rnnlab.engine.clip.ValueClip;
import org.rnnlab.engine.init.PyTorchInit;
import org.rnnlab.engine.loss.MseLoss;
import org.rnnlab.engine.norm.LayerNorm;
import org.rnnlab.engine.norm.RecurrentBatchNorm;
import org.rnnlab.engine.optim.Adam;
import org.rnnlab.engine.optim.OptimizerConfig;
import org.rnnlab.engine.optim.RmsProp;
import org.rnnlab.engine.optim.Sgd;
import org.rnnlab.engine.state.StateFormatException;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;
import org.rnnlab.task.AddingProblemTask;
import org.rnnlab.task.BatchStream;
import org.rnnlab.task.GeneratedTask;

/**
 * Resume inside a trial, at the engine level: train N updates, save the whole training state,
 * restore it into a fresh model, optimiser, clipping rule and data stream (re-created from its
 * seed and advanced by the N batches drawn), train M more: the parameters, buffers and every
 * piece of state equal those of N+M uninterrupted updates bit for bit.
 */
class TrainingStateTest {
  static final int SEQ = 12;
  static final int HID = 5;
  static final int BATCH = 4;

  /**
   * One training setup.
   *
   * @param trainSize   null: fresh sequences every update; else a fixed set reshuffled per epoch
   * @param reestimate  batch norm: re-estimate the population statistics every 3 updates with
   *                    swapped noise, as the loop does before an evaluation (leaves exact averaging on)
   */
  record Setup(CellConfig cell, int layers, OptimizerConfig opt, GradientClip clip, int truncation, Integer trainSize,
               boolean reestimate) {}

  /** A model, its trainer and its data, built as the loop builds them from a trial's streams. */
  static final class Run {
    final SequenceModel model;
    final Trainer trainer;
    final BatchStream data;
    final List<Batch> reestimation = new ArrayList<>();
    final Rng reestimationNoise;
    int updates;

    Run(Setup s, long seed) {
      Rng root = Rng.of(seed);
      GeneratedTask task = new AddingProblemTask.Config(SEQ, null).create();
      model = SequenceModel.builder().input(task.inputSize()).layers(s.cell(), HID, s.layers())
          .readout(task.outputSize(), task.readout()).loss(new MseLoss()).build();
      Rng init = root.child("init");
      model.initialize(new PyTorchInit(), new PyTorchInit(), init);
      model.setStateNoise(init.child("state_noise"));
      trainer = new Trainer(model, s.opt().create(model.params().size()), s.clip(), s.truncation());
      data = task.data().training(BATCH, s.trainSize(), root.child("data"));
      if (s.reestimate()) {
        BatchStream b = task.data().training(BATCH, s.trainSize(), root.child("bn_statistics"));
        reestimation.add(b.next());
        reestimation.add(b.next());
      }
      reestimationNoise = root.child("bn_statistics").child("state_noise");
    }

    /** Re-creates the data stream's position: the batches already drawn, drawn again and dropped. */
    void skip(int batches) {
      for (int i = 0; i < batches; i++) {
        data.next();
      }
    }

    void train(int steps, boolean reestimate) {
      for (int i = 0; i < steps; i++) {
        StepResult r = trainer.step(data.next());
        assertTrue(Double.isFinite(r.loss()), "loss at update " + (updates + 1));
        updates++;
        if (reestimate && updates % 3 == 0) {
          Rng training = model.setStateNoise(reestimationNoise.child(updates));
          model.resetStatistics(true);
          for (Batch b : reestimation) {
            model.predict(b, b.size());
          }
          model.setStateNoise(training);
        }
      }
    }

    byte[] state() {
      StateWriter w = new StateWriter();
      trainer.saveState(w);
      return w.toByteArray();
    }
  }

  static void assertBits(String what, double[] a, double[] b) {
    assertEquals(a.length, b.length, what + ": length");
    for (int i = 0; i < a.length; i++) {
      if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(b[i])) {
        fail(what + ": index " + i + ": " + a[i] + " vs " + b[i]);
      }
    }
  }

  /** N+M uninterrupted against N, save, restore into fresh instances, M more. */
  static void assertResumesBitForBit(Setup s, int n, int m) {
    Run straight = new Run(s, 42);
    straight.train(n + m, s.reestimate());

    Run first = new Run(s, 42);
    first.train(n, s.reestimate());
    byte[] saved = first.state();

    Run resumed = new Run(s, 42);
    resumed.skip(n);
    StateReader r = new StateReader(saved);
    resumed.trainer.restoreState(r);
    r.finish();
    resumed.updates = n;
    assertArrayEquals(saved, resumed.state(), "restored state saves to the same bytes");
    resumed.train(m, s.reestimate());

    assertBits("parameters", straight.model.params().values(), resumed.model.params().values());
    for (int k = 0; k < straight.model.params().buffers().size(); k++) {
      assertBits(straight.model.params().buffers().get(k).name(), straight.model.params().buffers().get(k).values(),
          resumed.model.params().buffers().get(k).values());
    }
    assertEquals(straight.trainer.clipper().thresholds(), resumed.trainer.clipper().thresholds());
    // the whole state (optimiser moments, calibration sums, noise stream position) as well
    assertArrayEquals(straight.state(), resumed.state(), "state after N+M updates");
    // and the next batch of the data stream is the same
    assertBits("next inputs", straight.data.next().inputs(), resumed.data.next().inputs());
  }

  @Test
  void lstmWithAdamAndACalibratingGlobalNormClipUnderTruncation() {
    // calibration over 5 updates: the checkpoint after 3 falls inside it
    assertResumesBitForBit(new Setup(new LstmLayer.Config(1.0), 2, new Adam(1e-2, null, null, null),
        new GlobalNormClip(1.0, 5), 5, null, false), 3, 6);
  }

  @Test
  void batchNormLstmWithStateNoiseReestimatedStatisticsAndMomentumWarmup() {
    CellConfig bn = new LstmLayer.Config(1.0, new RecurrentBatchNorm.Config(SEQ + SEQ / 10 + 1, null, null, null, 0.1));
    // checkpoint after 6: the statistics were just re-estimated (exact averaging on); warm-up ends at 4
    assertResumesBitForBit(new Setup(bn, 1, new Sgd(0.05, 0.99, true, 4, 0.5),
        new PerTimestepClip(2.0, 3, new PerMatrixNormClip(1.0, 4)), 0, 16, true), 6, 5);
    // and a checkpoint between two re-estimations
    assertResumesBitForBit(new Setup(bn, 1, new Sgd(0.05, 0.99, true, 4, 0.5),
        new PerTimestepClip(2.0, 3, new PerMatrixNormClip(1.0, 4)), 0, 16, true), 7, 5);
  }

  @Test
  void gruWithRmsPropMomentumAndACalibratingValueClipOnAFixedTrainingSet() {
    // 12 sequences in batches of 4: epochs of 3 updates, the checkpoint after 4 is inside the second
    assertResumesBitForBit(new Setup(new GruLayer.Config(true), 2, new RmsProp(1e-2, null, null, 0.9),
        new ValueClip(0.5, 2), 0, 12, false), 4, 5);
  }

  @Test
  void layerNormWithPlainRmsPropAndPlainSgdAndNoClip() {
    CellConfig ln = new LstmLayer.Config(1.0, new LayerNorm.Config(null, null));
    assertResumesBitForBit(new Setup(ln, 1, new RmsProp(1e-2, null, null, null), new NoClip(), 0, null, false), 2, 3);
    assertResumesBitForBit(new Setup(ln, 1, new Sgd(0.1, null, null), new NoClip(), 0, null, false), 2, 3);
    assertResumesBitForBit(new Setup(ln, 1, new Sgd(0.1, 0.9, false), GlobalNormClip.of(1.0), 0, null, false), 2, 3);
  }

  @Test
  void theTestHasTeethWithoutTheOptimiserStateTheRunDiffers() {
    Setup s = new Setup(new LstmLayer.Config(1.0), 1, new Adam(1e-2, null, null, null), GlobalNormClip.of(1.0), 0,
        null, false);
    Run straight = new Run(s, 5);
    straight.train(6, false);
    Run first = new Run(s, 5);
    first.train(3, false);
    StateWriter w = new StateWriter();
    first.model.saveState(w);
    Run partial = new Run(s, 5);
    partial.skip(3);
    partial.model.restoreState(new StateReader(w.toByteArray()));
    partial.train(3, false);
    assertFalse(Arrays.equals(straight.model.params().values(), partial.model.params().values()),
        "fresh Adam moments change the result: the round trip above really depends on the optimiser's state");
  }

  @Test
  void aStateOfAnotherModelOptimiserOrRuleIsRefusedWithOneLine() {
    Setup lstm = new Setup(new LstmLayer.Config(1.0), 1, new Adam(1e-2, null, null, null),
        new GlobalNormClip(1.0, 5), 0, null, false);
    Run a = new Run(lstm, 1);
    a.train(2, false);
    byte[] saved = a.state();

    Run gru = new Run(new Setup(new GruLayer.Config(true), 1, lstm.opt(), lstm.clip(), 0, null, false), 1);
    double[] before = gru.model.params().values().clone();
    StateFormatException e = assertThrows(StateFormatException.class,
        () -> gru.trainer.restoreState(new StateReader(saved)));
    assertTrue(e.getMessage().startsWith("model/layout: the state is of another model: entry 1 is weight_ih_l0 "
        + "20x2 in the state, weight_ih_l0 15x2 in this model"), e.getMessage());
    assertArrayEquals(before, gru.model.params().values(), 0.0, "nothing changed");

    Run rms = new Run(new Setup(lstm.cell(), 1, new RmsProp(1e-2, null, null, null), lstm.clip(), 0, null, false), 1);
    e = assertThrows(StateFormatException.class, () -> rms.trainer.restoreState(new StateReader(saved)));
    assertTrue(e.getMessage().matches("section \\d+: expected group optimizer/rmsprop, found group optimizer/adam"),
        e.getMessage());

    Run other = new Run(new Setup(lstm.cell(), 1, lstm.opt(), new GlobalNormClip(1.0, 6), 0, null, false), 1);
    e = assertThrows(StateFormatException.class, () -> other.trainer.restoreState(new StateReader(saved)));
    assertEquals("clipping/global_norm/max_norm/calibration_updates: calibration over 5 updates, this rule calibrates over 6", e.getMessage());

    Run value = new Run(new Setup(lstm.cell(), 1, lstm.opt(), new ValueClip(1.0, 5), 0, null, false), 1);
    e = assertThrows(StateFormatException.class, () -> value.trainer.restoreState(new StateReader(saved)));
    assertTrue(e.getMessage().matches("section \\d+: expected group clipping/value, found group clipping/global_norm"),
        e.getMessage());

    Run reseeded = new Run(lstm, 2);
    e = assertThrows(StateFormatException.class, () -> reseeded.trainer.restoreState(new StateReader(saved)));
    assertTrue(e.getMessage().startsWith("model/state_noise: the state of another random stream"), e.getMessage());
  }

  @Test
  void rngSnapshotsCoverTheSpareGaussian() {
    Rng a = Rng.of(9).child("x");
    a.gaussian(); // leaves the pair's second value waiting
    Rng.Snapshot mid = a.snapshot();
    assertTrue(mid.hasSpare());
    StateWriter w = new StateWriter();
    a.save(w, "rng");
    double[] want = {a.gaussian(), a.gaussian(), a.nextDouble(), a.gaussian()};
    Rng b = Rng.of(9).child("x");
    b.restore(new StateReader(w.toByteArray()), "rng");
    Rng c = Rng.of(9).child("x");
    c.restore(mid);
    for (Rng r : List.of(b, c)) {
      double[] got = {r.gaussian(), r.gaussian(), r.nextDouble(), r.gaussian()};
      assertBits("continued stream", want, got);
    }
    assertThrows(StateFormatException.class, () -> Rng.of(9).child("y").restore(mid));
    assertNotEquals(mid.seed(), Rng.of(9).child("y").seed());
  }
}
