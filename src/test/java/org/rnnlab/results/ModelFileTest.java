package org.rnnlab.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.ParamsIO;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.cell.LstmLayer;
import org.rnnlab.engine.init.PyTorchInit;
import org.rnnlab.engine.loss.MseLoss;
import org.rnnlab.engine.norm.RecurrentBatchNorm;

/**
 * A stored model: the state dict under PyTorch's names (parameters and batch norm's buffers) and
 * the extras, verified by its own SHA-256; a fresh model of the same config loads it to the same
 * bits and the same outputs; a damaged or mismatched file is refused with one line.
 */
class ModelFileTest {
  @TempDir Path dir;

  static SequenceModel model(int hidden, long seed) {
    SequenceModel m = SequenceModel.builder().input(2)
        .layers(new LstmLayer.Config(1.0, new RecurrentBatchNorm.Config(6, null, null, null)), hidden, 1)
        .readout(1, ReadoutMode.LAST).loss(new MseLoss()).build();
    m.initialize(new PyTorchInit(), new PyTorchInit(), Rng.of(seed).child("init"));
    return m;
  }

  static Batch batch(long seed) {
    Rng r = Rng.of(seed);
    double[] x = new double[6 * 3 * 2];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.gaussian();
    }
    return new Batch(6, 3, 2, x, Batch.fullLengths(6, 3), new double[3], null, null);
  }

  /** A trained-looking model: weights moved and running statistics accumulated. */
  static SequenceModel trained() {
    SequenceModel m = model(4, 1);
    m.predict(batch(2), 3); // training mode: updates the running statistics
    m.predict(batch(3), 3);
    m.params().values()[5] = 0.1 + 0.2; // a value with a long shortest form
    return m;
  }

  static ObjectNode extras() {
    ObjectNode e = new ObjectMapper().createObjectNode();
    e.putArray("vocabulary").add("<unk>").add("the").add("ünïcode");
    e.put("target_mean", 0.125);
    return e;
  }

  @Test
  void aStoredModelReloadsIntoAFreshModelBitForBitWithItsExtras() throws Exception {
    SequenceModel m = trained();
    Path f = dir.resolve(ModelFile.NAME);
    ModelFile.write(f, ParamsIO.toJson(m.params()), extras());
    ModelFile.Contents c = ModelFile.read(f);
    assertEquals(extras(), c.extras());
    SequenceModel fresh = model(4, 99);
    ParamsIO.fromJson(fresh.params(), c.stateDict(), f.toString());
    assertArrayEquals(m.params().values(), fresh.params().values(), 0.0);
    for (int k = 0; k < m.params().buffers().size(); k++) {
      assertArrayEquals(m.params().buffers().get(k).values(), fresh.params().buffers().get(k).values(), 0.0);
    }
    assertTrue(c.stateDict().has("norm_ih_l0.running_mean"), "batch norm's buffers under their PyTorch names");
    m.setTraining(false);
    fresh.setTraining(false);
    assertArrayEquals(m.predict(batch(4), 3), fresh.predict(batch(4), 3), 0.0, "the same outputs");
    String text = Files.readString(f);
    assertTrue(text.startsWith("{\n  \"format\" : \"rnnlab-model/1\",\n  \"sha256\" : \""), text.substring(0, 80));
  }

  @Test
  void anyChangeToTheFileIsFoundAsDamageInOneLine() throws Exception {
    byte[] good = ModelFile.encode(ParamsIO.toJson(trained().params()), extras());
    ModelFile.decode(good, "m.json");
    String text = new String(good, StandardCharsets.UTF_8);
    // an edited number that still parses
    int at = text.indexOf("0.30000000000000004");
    byte[] edited = text.replace("0.30000000000000004", "0.30000000000000005").getBytes(StandardCharsets.UTF_8);
    assertTrue(at > 0);
    ResultsException e = assertThrows(ResultsException.class, () -> ModelFile.decode(edited, "m.json"));
    assertEquals("m.json: damaged: its content does not match its SHA-256 (truncated or edited)", e.getMessage());
    for (int n : new int[] {0, 1, 50, 120, good.length / 2, good.length - 1}) {
      byte[] cut = Arrays.copyOf(good, n);
      e = assertThrows(ResultsException.class, () -> ModelFile.decode(cut, "m.json"), "prefix " + n);
      assertTrue(e.getMessage().startsWith("m.json: damaged: "), e.getMessage());
      assertTrue(!e.getMessage().contains("\n"));
    }
    byte[] plain = "{\"weight_ih_l0\": []}".getBytes(StandardCharsets.UTF_8);
    assertEquals("m.json: damaged: not a stored model (no rnnlab-model/1 header with a sha256)",
        assertThrows(ResultsException.class, () -> ModelFile.decode(plain, "m.json")).getMessage());
    assertEquals(dir.resolve("none.json") + ": no stored model (missing)",
        assertThrows(ResultsException.class, () -> ModelFile.read(dir.resolve("none.json"))).getMessage());
  }

  @Test
  void aModelOfAnotherShapeIsRefusedWithOneLineAndNothingLoaded() throws Exception {
    Path f = dir.resolve(ModelFile.NAME);
    ModelFile.write(f, ParamsIO.toJson(trained().params()), null);
    ModelFile.Contents c = ModelFile.read(f);
    assertEquals(0, c.extras().size());
    SequenceModel wider = model(5, 1);
    double[] before = wider.params().values().clone();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ParamsIO.fromJson(wider.params(), c.stateDict(), f.toString()));
    assertEquals(f + ": /weight_ih_l0: expected an array of 20 entries", e.getMessage());
    assertArrayEquals(before, wider.params().values(), 0.0);
  }

  @Test
  void writingIsAtomicNoTemporaryIsLeft() throws Exception {
    Path f = dir.resolve(ModelFile.NAME);
    ModelFile.write(f, ParamsIO.toJson(trained().params()), extras());
    ModelFile.write(f, ParamsIO.toJson(model(4, 7).params()), extras());
    try (var s = Files.list(dir)) {
      assertEquals(1, s.count());
    }
  }
}
