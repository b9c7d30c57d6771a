package org.rnnlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.engine.Params.Param;
import org.rnnlab.engine.cell.LstmLayer;
import org.rnnlab.engine.init.PyTorchInit;
import org.rnnlab.engine.layer.BidirectionalLayer;
import org.rnnlab.engine.loss.MseLoss;

/**
 * Parameter files: exact round trip, PyTorch's state_dict().tolist() layout, clear errors, and a
 * hand-written file for a tiny LSTM whose prediction is worked out by hand.
 */
class ParamsIOTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  static SequenceModel lstm(int layers, long seed) {
    SequenceModel m = new SequenceModel(new LstmLayer.Config(1.0), 3, 5, layers, 2, ReadoutMode.LAST, new MseLoss());
    m.initialize(new PyTorchInit(), new PyTorchInit(), Rng.of(seed));
    return m;
  }

  @Test
  void saveThenLoadIsExactToTheBit() throws Exception {
    SequenceModel a = lstm(2, 1);
    double[] v = a.params().values();
    // awkward values too: subnormal, extremes, signed zero, non-terminating binary fractions
    double[] awkward = {Double.MIN_VALUE, -Double.MIN_VALUE, 1e-310, Double.MAX_VALUE, -Double.MAX_VALUE,
        -0.0, 0.0, 0.1, 1.0 / 3.0, Math.PI * 1e200, -2.2250738585072014E-308, 123456789.123456789, 1e23, 9007199254740993.0};
    System.arraycopy(awkward, 0, v, 7, awkward.length);
    Rng r = Rng.of(5);
    for (int i = 40; i < 140; i++) {
      v[i] = Double.longBitsToDouble(r.nextLong() & 0x7FEFFFFFFFFFFFFFL) * (r.bernoulli(0.5) ? 1 : -1);
    }
    Path f = dir.resolve("params.json");
    ParamsIO.save(a.params(), f);
    assertFalse(Files.exists(dir.resolve("params.json.tmp")), "temporary file left behind");
    SequenceModel b = lstm(2, 2);
    ParamsIO.load(b.params(), f);
    double[] w = b.params().values();
    assertEquals(v.length, w.length);
    for (int i = 0; i < v.length; i++) {
      assertEquals(Double.doubleToRawLongBits(v[i]), Double.doubleToRawLongBits(w[i]), "index " + i + ": " + v[i] + " vs " + w[i]);
    }
    // and saving again gives the same file
    Path g = dir.resolve("again.json");
    ParamsIO.save(b.params(), g);
    assertEquals(Files.readString(f), Files.readString(g));
  }

  @Test
  void jsonLayoutIsPyTorchStateDictToList() throws Exception {
    SequenceModel m = lstm(2, 3);
    Path f = dir.resolve("p.json");
    ParamsIO.save(m.params(), f);
    JsonNode root = JSON.readTree(f.toFile());
    List<String> names = new ArrayList<>();
    root.fieldNames().forEachRemaining(names::add);
    // the order torch.nn.LSTM(3, 5, num_layers=2).state_dict() has, then the nn.Linear readout
    assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
        "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1", "readout.weight", "readout.bias"), names);
    checkMatrix(root, "weight_ih_l0", 20, 3, m.params());
    checkMatrix(root, "weight_hh_l0", 20, 5, m.params());
    checkMatrix(root, "weight_ih_l1", 20, 5, m.params());
    checkMatrix(root, "weight_hh_l1", 20, 5, m.params());
    checkMatrix(root, "readout.weight", 2, 5, m.params());
    checkVector(root, "bias_ih_l0", 20, m.params());
    checkVector(root, "bias_hh_l1", 20, m.params());
    checkVector(root, "readout.bias", 2, m.params());
    // the LSTM forget-gate block (rows 5..9 of the i,f,g,o stack) of bias_ih holds forget_bias
    for (int j = 5; j < 10; j++) {
      assertEquals(1.0, root.get("bias_ih_l0").get(j).doubleValue(), 0.0);
      assertEquals(0.0, root.get("bias_hh_l0").get(j).doubleValue(), 0.0);
    }
  }

  /** nn.Embedding(6, 4) + 2 features, a 2-layer bidirectional nn.LSTM(6, 5), nn.Linear(10, 3). */
  static SequenceModel embeddedBidirectional(long seed) {
    SequenceModel m = SequenceModel.builder().embedding(6, 4, 2, 1.0)
        .layers(new LstmLayer.Config(1.0), 5, 2, true, BidirectionalLayer.Merge.CONCAT)
        .readout(3, ReadoutMode.EVERY_STEP).loss(new MseLoss()).build();
    m.initialize(new PyTorchInit(), new PyTorchInit(), Rng.of(seed));
    return m;
  }

  @Test
  void bidirectionalAndEmbeddingFilesHaveTorchsNamesAndShapesAndRoundTrip() throws Exception {
    SequenceModel m = embeddedBidirectional(7);
    Path f = dir.resolve("bi.json");
    ParamsIO.save(m.params(), f);
    JsonNode root = JSON.readTree(f.toFile());
    List<String> names = new ArrayList<>();
    root.fieldNames().forEachRemaining(names::add);
    // nn.Embedding's state_dict, then nn.LSTM(6, 5, num_layers=2, bidirectional=True)'s, then nn.Linear's
    List<String> want = new ArrayList<>(List.of("embedding.weight"));
    want.addAll(ParityModels.bidirectionalNames(2));
    assertEquals(want, names);
    checkMatrix(root, "embedding.weight", 6, 4, m.params());
    checkMatrix(root, "weight_ih_l0", 20, 6, m.params());
    checkMatrix(root, "weight_ih_l0_reverse", 20, 6, m.params());
    checkMatrix(root, "weight_hh_l0_reverse", 20, 5, m.params());
    checkMatrix(root, "weight_ih_l1", 20, 10, m.params());
    checkMatrix(root, "weight_ih_l1_reverse", 20, 10, m.params());
    checkVector(root, "bias_hh_l1_reverse", 20, m.params());
    checkMatrix(root, "readout.weight", 3, 10, m.params());
    SequenceModel other = embeddedBidirectional(8);
    ParamsIO.load(other.params(), f);
    assertEquals(Arrays.toString(m.params().values()), Arrays.toString(other.params().values()));
    // a unidirectional file lacks the reverse direction; a bidirectional one has a direction too many
    SequenceModel bi = SequenceModel.builder().input(3).layers(new LstmLayer.Config(1.0), 5, 2, true,
        BidirectionalLayer.Merge.CONCAT).readout(2, ReadoutMode.LAST).loss(new MseLoss()).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ParamsIO.fromJson(bi.params(), ParamsIO.toJson(lstm(2, 1).params()), "uni.json"));
    assertTrue(e.getMessage().contains("missing parameter weight_ih_l0_reverse"), e.getMessage());
    SequenceModel sum = SequenceModel.builder().input(3).layers(new LstmLayer.Config(1.0), 5, 2, true,
        BidirectionalLayer.Merge.SUM).readout(2, ReadoutMode.LAST).loss(new MseLoss()).build();
    e = assertThrows(IllegalArgumentException.class,
        () -> ParamsIO.fromJson(lstm(2, 1).params(), ParamsIO.toJson(sum.params()), "bi.json"));
    assertTrue(e.getMessage().contains("/weight_ih_l0_reverse: unknown parameter"), e.getMessage());
    // concat and sum differ in layer 1's input width: the shapes tell them apart
    e = assertThrows(IllegalArgumentException.class,
        () -> ParamsIO.fromJson(bi.params(), ParamsIO.toJson(sum.params()), "sum.json"));
    assertTrue(e.getMessage().contains("/weight_ih_l1/0") && e.getMessage().contains("10 entries"), e.getMessage());
  }

  private static void checkMatrix(JsonNode root, String name, int rows, int cols, Params ps) {
    JsonNode a = root.get(name);
    assertTrue(a.isArray() && a.size() == rows, name + " rows");
    Param p = ps.get(name);
    for (int r = 0; r < rows; r++) {
      assertTrue(a.get(r).isArray() && a.get(r).size() == cols, name + " row " + r);
      for (int c = 0; c < cols; c++) {
        assertTrue(a.get(r).get(c).isNumber());
        assertEquals(ps.values()[p.offset() + r * cols + c], a.get(r).get(c).doubleValue(), 0.0);
      }
    }
  }

  private static void checkVector(JsonNode root, String name, int n, Params ps) {
    JsonNode a = root.get(name);
    assertTrue(a.isArray() && a.size() == n, name + " length");
    Param p = ps.get(name);
    for (int i = 0; i < n; i++) {
      assertTrue(a.get(i).isNumber(), name + " must be flat");
      assertEquals(ps.values()[p.offset() + i], a.get(i).doubleValue(), 0.0);
    }
  }

  private static String loadError(ObjectNode root) {
    SequenceModel m = lstm(2, 4);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ParamsIO.fromJson(m.params(), root, "ckpt.json"));
    assertTrue(e.getMessage().startsWith("ckpt.json: "), "message names the source: " + e.getMessage());
    return e.getMessage();
  }

  @Test
  void clearErrorsForMissingWrongShapeAndUnknownParameters() {
    SequenceModel m = lstm(2, 3);
    ObjectNode good = ParamsIO.toJson(m.params());
    // sanity: the unmodified tree loads
    ParamsIO.fromJson(lstm(2, 4).params(), good, "ckpt.json");

    ObjectNode missing = good.deepCopy();
    missing.remove("weight_hh_l1");
    assertTrue(loadError(missing).contains("missing parameter weight_hh_l1"));

    ObjectNode tooFewRows = good.deepCopy();
    ((ArrayNode) tooFewRows.get("weight_ih_l0")).remove(19);
    String msg = loadError(tooFewRows);
    assertTrue(msg.contains("/weight_ih_l0") && msg.contains("20 entries"), msg);

    ObjectNode shortRow = good.deepCopy();
    ((ArrayNode) shortRow.get("weight_ih_l0").get(4)).remove(2);
    msg = loadError(shortRow);
    assertTrue(msg.contains("/weight_ih_l0/4") && msg.contains("3 entries"), msg);

    ObjectNode biasAsMatrix = good.deepCopy();
    ArrayNode wrapped = JSON.createArrayNode();
    wrapped.add(biasAsMatrix.get("bias_hh_l0"));
    biasAsMatrix.set("bias_hh_l0", wrapped);
    msg = loadError(biasAsMatrix);
    assertTrue(msg.contains("/bias_hh_l0") && msg.contains("20 entries"), msg);

    ObjectNode notANumber = good.deepCopy();
    ((ArrayNode) notANumber.get("readout.bias")).set(1, JSON.getNodeFactory().textNode("0.5"));
    msg = loadError(notANumber);
    assertTrue(msg.contains("/readout.bias/1") && msg.contains("expected a number"), msg);

    ObjectNode unknown = good.deepCopy();
    unknown.set("weight_ih_l2", good.get("weight_ih_l1"));
    msg = loadError(unknown);
    assertTrue(msg.contains("weight_ih_l2") && msg.contains("unknown parameter"), msg);

    // a one-layer file for a two-layer model: the first missing name is reported
    ObjectNode oneLayer = ParamsIO.toJson(lstm(1, 3).params());
    assertTrue(loadError(oneLayer).contains("missing parameter weight_ih_l1"));
  }

  @Test
  void loadErrorNamesTheFile() throws Exception {
    Path f = dir.resolve("broken.json");
    ObjectNode tree = ParamsIO.toJson(lstm(1, 1).params());
    tree.remove("bias_ih_l0");
    JSON.writeValue(f.toFile(), tree);
    SequenceModel m = lstm(1, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParamsIO.load(m.params(), f));
    assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("missing parameter bias_ih_l0"),
        e.getMessage());
  }

  private static double sig(double x) {
    return 1.0 / (1.0 + StrictMath.exp(-x));
  }

  /**
   * A file written by hand, as a PyTorch user would get from an nn.LSTM(2, 1) plus nn.Linear(1, 1):
   * rows of weight_ih_l0 are the gates i, f, g, o. The prediction after two steps is worked out
   * below with plain arithmetic, every pre-activation summed by hand.
   */
  @Test
  void handWrittenLstmFileGivesTheHandComputedPrediction() throws Exception {
    String text = """
        {
          "weight_ih_l0": [[0.5, -0.25], [0.1, 0.2], [-0.3, 0.8], [0.7, 0.05]],
          "weight_hh_l0": [[0.4], [-0.6], [0.9], [0.2]],
          "bias_ih_l0": [0.1, 1.0, -0.2, 0.0],
          "bias_hh_l0": [0.05, -0.1, 0.3, 0.25],
          "readout.weight": [[1.5]],
          "readout.bias": [-0.5]
        }
        """;
    Path f = dir.resolve("tiny.json");
    Files.writeString(f, text);
    SequenceModel m = new SequenceModel(new LstmLayer.Config(1.0), 2, 1, 1, 1, ReadoutMode.LAST, new MseLoss());
    ParamsIO.load(m.params(), f);
    // x_1 = (1, 2), x_2 = (-0.5, 0.25)
    Batch b = new Batch(2, 1, 2, new double[] {1.0, 2.0, -0.5, 0.25}, new int[] {2}, new double[1], null, null);
    double y = m.predict(b, 1)[0];

    // step 1 from h = c = 0
    double i1 = sig(0.5 * 1 - 0.25 * 2 + 0.1 + 0.05);   // = sig(0.15)
    double f1 = sig(0.1 * 1 + 0.2 * 2 + 1.0 - 0.1);     // = sig(1.4)
    double g1 = StrictMath.tanh(-0.3 * 1 + 0.8 * 2 - 0.2 + 0.3); // = tanh(1.4)
    double o1 = sig(0.7 * 1 + 0.05 * 2 + 0.0 + 0.25);   // = sig(1.05)
    double c1 = f1 * 0.0 + i1 * g1;
    double h1 = o1 * StrictMath.tanh(c1);
    // step 2
    double i2 = sig(0.5 * -0.5 - 0.25 * 0.25 + 0.1 + 0.4 * h1 + 0.05);
    double f2 = sig(0.1 * -0.5 + 0.2 * 0.25 + 1.0 - 0.6 * h1 - 0.1);
    double g2 = StrictMath.tanh(-0.3 * -0.5 + 0.8 * 0.25 - 0.2 + 0.9 * h1 + 0.3);
    double o2 = sig(0.7 * -0.5 + 0.05 * 0.25 + 0.0 + 0.2 * h1 + 0.25);
    double c2 = f2 * c1 + i2 * g2;
    double h2 = o2 * StrictMath.tanh(c2);
    double want = 1.5 * h2 - 0.5;
    assertEquals(want, y, 1e-14);
    // and the same numbers from an independent 30-digit evaluation (mpmath), so that a slip in
    // the hand formulas above would not go unseen
    assertEquals(0.537429845343749549, i1, 1e-15);
    assertEquals(0.802183888558581748, f1, 1e-15);
    assertEquals(0.885351648202262508, g1, 1e-15);
    assertEquals(0.740774899182153994, o1, 1e-15);
    assertEquals(0.328078275830258645, h1, 1e-15);
    assertEquals(-0.0863046797311519784, y, 1e-14);
  }
}
