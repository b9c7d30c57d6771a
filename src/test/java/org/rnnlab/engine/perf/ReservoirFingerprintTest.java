package org.rnnlab.engine.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.init.SparseDraw;
import org.rnnlab.engine.linalg.Spectral;
import org.rnnlab.engine.reservoir.EchoStateNetwork;
import org.rnnlab.engine.reservoir.Reservoir;
import org.rnnlab.model.EsnModel;
import org.rnnlab.engine.reservoir.RidgeFitter;
import org.rnnlab.task.series.MackeyGlassSeries;
import org.rnnlab.task.series.NarmaSeries;

/**
 * The exact bits of the reservoir path: spectral radii and a largest singular value, a drawn
 * reservoir and its states (sparse product, vector tanh with a scalar tail, leak, feedback,
 * groups), a ridge grid search (Gram products and blocked Cholesky at odd sizes) and the series
 * generators. This package also runs at vector widths 4 and 2 (pom.xml), so these constants hold
 * on every width; they were recorded at width 8 (AVX-512) and are also what C1 alone (-XX:TieredStopAtLevel=1)
 * and the interpreter (-Xint) give. Each quantity is also checked against
 * an independent property elsewhere (SpectralTest, ReservoirTest, RidgeFitterTest, SeriesTest);
 * here only the bits are pinned. {@code main} prints them.
 */
class ReservoirFingerprintTest {
  static final Map<String, Long> GOLDEN = new LinkedHashMap<>();

  static {
    GOLDEN.put("radius/dense37", 0x8f5fb115fae5dd5eL);
    GOLDEN.put("radius/sparse150", 0x26dfd08712a69172L);
    GOLDEN.put("sigma/40x65", 0x38e740976820008cL);
    GOLDEN.put("reservoir/weights", 0xe7e4b4fa0d2666d9L);
    GOLDEN.put("reservoir/states", 0x2797aa463670604dL);
    GOLDEN.put("ridge/selection", 0x0550057355d58a8aL);
    GOLDEN.put("reservoir/states-f32", 0x664ba4c62931c2f0L);
    GOLDEN.put("series/mackey-glass", 0x9518ac66ad2a273dL);
    GOLDEN.put("series/narma10", 0xa7a0fc954d4d6ae6L);
  }

  private static long mix(long h, double v) {
    long z = h ^ Double.doubleToRawLongBits(v);
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  private static long hash(double... values) {
    long h = 0x5eed;
    for (double v : values) {
      h = mix(h, v);
    }
    return h;
  }

  static Map<String, Long> all() {
    Map<String, Long> out = new LinkedHashMap<>();
    Rng rng = Rng.of(2024);
    double[] dense = new double[37 * 37];
    for (int i = 0; i < dense.length; i++) {
      dense[i] = rng.gaussian();
    }
    out.put("radius/dense37", hash(Spectral.radius(dense, 0, 37)));
    double[] sparse = new double[150 * 150];
    SparseDraw.density(sparse, 0, 150, 150, 0.1, SparseDraw.Values.NORMAL, rng.child("sparse"));
    Spectral.Eigenvalues e = Spectral.eigenvalues(sparse, 0, 150);
    long h = hash(e.radius());
    for (int i = 0; i < 150; i++) {
      h = mix(mix(h, e.re()[i]), e.im()[i]);
    }
    out.put("radius/sparse150", h);
    double[] rect = new double[40 * 65];
    for (int i = 0; i < rect.length; i++) {
      rect[i] = rng.uniform(-1, 1);
    }
    out.put("sigma/40x65", hash(Spectral.largestSingularValue(rect, 0, 40, 65)));

    EsnModel c = new EsnModel(45, 0.95, 0.15, null, "uniform", 0.6, 0.5, "uniform", 0.4, 0.2, 0.3, 2, null, null,
        null);
    Reservoir r = c.draw(1, 1, rng.child("reservoir"));
    long w = hash(r.recurrent().toDense());
    w = mix(w, hash(r.inputWeights()));
    w = mix(w, hash(r.feedbackWeights()));
    out.put("reservoir/weights", mix(w, hash(r.bias())));
    double[] series = MackeyGlassSeries.standard().generate(701);
    double[] teacher = java.util.Arrays.copyOfRange(series, 1, 701);
    EchoStateNetwork esn = new EchoStateNetwork(r, true);
    double[] f = esn.features(series, 700, teacher);
    out.put("reservoir/states", hash(f));
    RidgeFitter fitter = new RidgeFitter(esn.features(), 1, false);
    RidgeFitter.Selection sel = fitter.select(RidgeFitter.Samples.rows(f, 46, teacher, 1, 50, 500),
        RidgeFitter.Samples.rows(f, 46, teacher, 1, 500, 600), RidgeFitter.decades(-9, -1), true);
    esn.setReadout(sel.readout());
    long s = hash(sel.validationMse());
    s = mix(s, hash(sel.readout().weights()));
    s = mix(s, sel.readout().bias(0));
    out.put("ridge/selection", mix(s, hash(esn.freeRun(f, 599, 50))));
    // the same reservoir, readout and series in float32: its states, and running free on a float32 reservoir
    EchoStateNetwork esn32 = new EchoStateNetwork(r, true, org.rnnlab.engine.Precision.FLOAT32);
    double[] f32 = esn32.features(series, 700, teacher);
    esn32.setReadout(sel.readout());
    out.put("reservoir/states-f32", mix(hash(f32), hash(esn32.freeRun(f32, 599, 50))));
    out.put("series/mackey-glass", hash(MackeyGlassSeries.standard().generate(500)));
    NarmaSeries.Sequence q = NarmaSeries.narma10().generate(500, rng.child("narma"));
    out.put("series/narma10", mix(hash(q.input()), hash(q.target())));
    return out;
  }

  @Test
  void fingerprintsUnchanged() {
    Map<String, Long> got = all();
    assertEquals(GOLDEN.keySet(), got.keySet());
    for (Map.Entry<String, Long> e : GOLDEN.entrySet()) {
      assertEquals(String.format("0x%016xL", e.getValue()), String.format("0x%016xL", got.get(e.getKey())),
          "bits of " + e.getKey() + " changed");
    }
  }

  /** Prints the fingerprints in the form of {@link #GOLDEN}. */
  public static void main(String[] args) {
    for (Map.Entry<String, Long> e : all().entrySet()) {
      System.out.printf("    GOLDEN.put(\"%s\", 0x%016xL);%n", e.getKey(), e.getValue());
    }
  }
}
