package org.rnnlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.engine.clip.GlobalNormClip;
import org.rnnlab.engine.clip.GradientClip;
import org.rnnlab.engine.clip.NoClip;
import org.rnnlab.engine.clip.PerMatrixNormClip;
import org.rnnlab.engine.clip.PerTimestepClip;
import org.rnnlab.engine.clip.ValueClip;
import org.rnnlab.engine.clip.WideClipper;
import org.rnnlab.engine.optim.Adam;
import org.rnnlab.engine.optim.OptimizerConfig;
import org.rnnlab.engine.optim.RmsProp;
import org.rnnlab.engine.optim.Sgd;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;
import org.rnnlab.model.ModelShape;
import org.rnnlab.model.RnnModel;
import org.rnnlab.spec.Catalog;
import org.rnnlab.task.AddingProblemTask;
import org.rnnlab.task.BatchStream;
import org.rnnlab.task.GeneratedTask;

/**
 * A float32 model behind the {@link Network} boundary, as the bptt procedure trains it: it starts from
 * the float64 model's initial weights rounded, its stored weights read back to the same bits, training
 * resumes from a saved state bit for bit with every clipping rule (the double rules acting on the
 * widened gradient), and a clipping rule that changes nothing leaves the float gradient's bits alone.
 */
class Float32NetworkTest {
  private static final int SEQ = 12;
  private static final int BATCH = 4;
  private static final ObjectMapper JSON = Catalog.standard().mapper();
  private static final GeneratedTask TASK = new AddingProblemTask.Config(SEQ, null).create();

  private static RnnModel model(String cell, String precision) {
    String json = "{\"cell\": " + cell + ", \"hidden_size\": 7, \"num_layers\": 2"
        + (precision == null ? "" : ", \"precision\": \"" + precision + "\"") + "}";
    try {
      return JSON.readValue(json, RnnModel.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Network network(RnnModel m, long seed) {
    return m.network(ModelShape.of(TASK), Rng.of(seed).child("init"));
  }

  @Test
  void float64IsTheDefaultAndLeavesTheResolvedConfigAsBefore() throws Exception {
    RnnModel absent = model("{\"type\": \"lstm\"}", null);
    RnnModel f64 = model("{\"type\": \"lstm\"}", "float64");
    RnnModel f32 = model("{\"type\": \"lstm\"}", "float32");
    assertEquals(JSON.writeValueAsString(absent), JSON.writeValueAsString(f64), "same config hash as before");
    assertFalse(JSON.writeValueAsString(f64).contains("precision"));
    assertTrue(JSON.writeValueAsString(f32).contains("\"precision\":\"float32\""));
    assertEquals(Precision.FLOAT64, network(f64, 1).precision());
    assertEquals(Precision.FLOAT32, network(f32, 1).precision());
  }

  @Test
  void aFloat32ModelStartsFromTheFloat64WeightsRounded() {
    for (String cell : List.of("{\"type\": \"lstm\"}", "{\"type\": \"gru\"}", "{\"type\": \"elman\"}")) {
      JsonNode d = network(model(cell, null), 5).stateDict();
      JsonNode f = network(model(cell, "float32"), 5).stateDict();
      List<Double> wide = numbers(d);
      List<Double> narrow = numbers(f);
      assertEquals(wide.size(), narrow.size());
      for (int i = 0; i < wide.size(); i++) {
        assertEquals((double) (float) (double) wide.get(i), narrow.get(i), 0.0, cell + " value " + i);
      }
    }
  }

  @Test
  void storedWeightsReadBackToTheSameFloatsAndOutputs() throws Exception {
    Network trained = network(model("{\"type\": \"gru\"}", "float32"), 3);
    train(trained.trainer(new Adam(0.05, null, null, null), GlobalNormClip.of(1.0), 0), 3, 5, false);
    String text = JSON.writeValueAsString(trained.stateDict());
    Network loaded = network(model("{\"type\": \"gru\"}", "float32"), 4);
    assertNotEquals(text, JSON.writeValueAsString(loaded.stateDict()), "another seed starts elsewhere");
    loaded.loadStateDict(JSON.readTree(text), "test");
    assertEquals(text, JSON.writeValueAsString(loaded.stateDict()));
    Batch b = TASK.data().training(BATCH, null, Rng.of(9)).next();
    assertArrayEquals(trained.predict(b, BATCH), loaded.predict(b, BATCH));
    for (double x : numbers(trained.stateDict())) {
      assertEquals(x, (double) (float) x, 0.0, "every stored value is a float");
    }
  }

  static Stream<Object[]> setups() {
    return Stream.of(
        new Object[] {"{\"type\": \"lstm\"}", new Adam(1e-2, null, null, null), new GlobalNormClip(1.0, 3), 5},
        new Object[] {"{\"type\": \"gru\"}", new RmsProp(1e-2, null, null, 0.9), ValueClip.of(0.05), 0},
        new Object[] {"{\"type\": \"elman\", \"norm\": {\"type\": \"layer\"}}", new Sgd(0.1, 0.9, false),
            new PerTimestepClip(0.01, null, PerMatrixNormClip.of(0.5)), 0},
        new Object[] {"{\"type\": \"lstm\", \"norm\": {\"type\": \"batch\", \"max_steps\": 12}}",
            new Adam(1e-2, null, null, null), new NoClip(), 4});
  }

  /** N + M uninterrupted updates against N, save, restore into fresh instances, M more. */
  @ParameterizedTest
  @MethodSource("setups")
  void trainingResumesBitForBit(String cell, OptimizerConfig opt, GradientClip clip, int truncation) throws Exception {
    RnnModel m = model(cell, "float32");
    Network straight = network(m, 11);
    // with truncation, every minibatch after the first continues the previous one's sequences: the state
    // carried across the checkpoint (TrainerF32's float carry) is restored too
    boolean carry = truncation > 0;
    List<Double> straightLosses = train(straight.trainer(opt, clip, truncation), 11, 7, carry);

    Network first = network(m, 11);
    Network.Training t1 = first.trainer(opt, clip, truncation);
    BatchStream data = TASK.data().training(BATCH, null, Rng.of(11).child("data"));
    List<Double> losses = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      losses.add(t1.step(data.next(), carry && i > 0).loss());
    }
    StateWriter w = new StateWriter();
    t1.saveState(w);

    Network resumed = network(m, 11);
    Network.Training t2 = resumed.trainer(opt, clip, truncation);
    StateReader r = new StateReader(w.toByteArray());
    t2.restoreState(r);
    r.finish();
    for (int i = 3; i < 7; i++) {
      losses.add(t2.step(data.next(), carry).loss());
    }
    assertEquals(straightLosses, losses, "losses, bit for bit");
    assertEquals(JSON.writeValueAsString(straight.stateDict()), JSON.writeValueAsString(resumed.stateDict()));
    assertTrue(resumed.finite());
  }

  @Test
  void aRuleThatDoesNotFireLeavesTheFloatGradientAlone() {
    ParamsF32 p = SequenceModelF32.builder().input(2).recurrent(
        Float32Configs.cell(new org.rnnlab.engine.cell.LstmLayer.Config(1.0)), 5).readout(1, ReadoutMode.LAST)
        .loss(new org.rnnlab.engine.loss.MseLossF32()).build().params();
    Rng r = Rng.of(2);
    float[] g = p.grads();
    for (int i = 0; i < g.length; i++) {
      g[i] = (float) (r.gaussian() * 1e-3);
    }
    g[3] = Float.MIN_NORMAL / 4; // subnormal: an entry the rule leaves alone keeps even these bits
    g[4] = 0.5f;                  // the one entry value clipping at 0.01 changes
    float[] before = g.clone();
    WideClipper loose = new WideClipper(GlobalNormClip.of(1e6), p);
    assertFalse(loose.clip(p).fired());
    assertArrayEquals(before, p.grads());
    WideClipper value = new WideClipper(ValueClip.of(0.01), p);
    assertTrue(value.clip(p).fired());
    for (int i = 0; i < g.length; i++) {
      assertEquals(i == 4 ? 0.01f : before[i], p.grads()[i], 0f, "entry " + i);
    }
    assertEquals(Float.floatToRawIntBits(Float.MIN_NORMAL / 4), Float.floatToRawIntBits(p.grads()[3]));
    System.arraycopy(before, 0, p.grads(), 0, g.length);

    WideClipper tight = new WideClipper(GlobalNormClip.of(1e-3), p);
    double n = 0.0;
    for (float x : before) {
      n = Math.fma(x, x, n);
    }
    n = Math.sqrt(n);
    assertTrue(tight.clip(p).fired());
    double s = 1e-3 / (n + 1e-6);
    for (int i = 0; i < g.length; i++) {
      float want = (float) (before[i] * s);
      assertEquals(Math.abs(want) < Float.MIN_NORMAL ? Math.copySign(0f, want) : want, p.grads()[i], 0f, "entry " + i);
    }
  }

  private static List<Double> train(Network.Training t, long seed, int steps, boolean carry) {
    BatchStream data = TASK.data().training(BATCH, null, Rng.of(seed).child("data"));
    List<Double> losses = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      losses.add(t.step(data.next(), carry && i > 0).loss());
    }
    return losses;
  }

  private static List<Double> numbers(JsonNode n) {
    List<Double> out = new ArrayList<>();
    if (n.isNumber()) {
      out.add(n.doubleValue());
    }
    n.forEach(c -> out.addAll(numbers(c)));
    return out;
  }
}
