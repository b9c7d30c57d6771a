package org.rnnlab.engine.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;

/**
 * Every optimiser's float32 twin (generated from its update class) follows the double one to float
 * precision on the same trajectory, continues bit for bit after a save and restore, and never keeps
 * a subnormal in its parameters or moments (they are flushed to zero).
 */
class OptimizerF32Test {
  private static final int N = 37;  // vector bodies and a scalar tail

  static Stream<OptimizerConfig> configs() {
    return Stream.of(new Sgd(0.05, 0.0, false), new Sgd(0.05, 0.9, false), new Sgd(0.05, 0.9, true),
        new Sgd(0.05, 0.99, true, 5, 0.5), new Adam(0.01, null, null, null), new RmsProp(0.01, null, null, 0.5),
        new RmsProp(0.01, 0.9, 1e-6, null));
  }

  /** The gradient of a quadratic bowl at p, with seeded noise: a trajectory that depends on the parameters. */
  private static void gradient(double[] p, double[] g, Rng r) {
    for (int i = 0; i < N; i++) {
      g[i] = (p[i] - 0.1 * (i % 5)) + 0.01 * r.gaussian();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void float32FollowsFloat64(OptimizerConfig c) {
    Rng init = Rng.of(1);
    float[] p32 = new float[N];
    double[] p64 = new double[N];
    for (int i = 0; i < N; i++) {
      p32[i] = (float) init.gaussian();
      p64[i] = p32[i];
    }
    Optimizer o64 = c.create(N);
    OptimizerF32 o32 = c.createF32(N);
    Rng r64 = Rng.of(2);
    Rng r32 = Rng.of(2);
    double[] g64 = new double[N];
    double[] g32d = new double[N];
    float[] g32 = new float[N];
    double worst = 0;
    for (int step = 0; step < 50; step++) {
      gradient(p64, g64, r64);
      o64.step(p64, g64);
      double[] p32d = new double[N];
      for (int i = 0; i < N; i++) {
        p32d[i] = p32[i];
      }
      gradient(p32d, g32d, r32);
      for (int i = 0; i < N; i++) {
        g32[i] = (float) g32d[i];
      }
      o32.step(p32, g32);
      for (int i = 0; i < N; i++) {
        worst = Math.max(worst, Math.abs(p32[i] - p64[i]) / Math.max(1.0, Math.abs(p64[i])));
      }
    }
    System.out.printf("%s: float32 vs float64 after 50 updates: %.2e%n", c, worst);
    // measured (50 updates): SGD 1.9e-7 to 3.5e-7, RMSProp 4.2e-7 and 6.2e-7, Adam 3.0e-6 (its m / sqrt(v) amplifies)
    assertTrue(worst <= 1e-5, c + ": float32 parameters differ from float64 by " + worst);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void float32ContinuesBitForBitAfterRestore(OptimizerConfig c) {
    float[] straight = run(c, 30, -1);
    float[] resumed = run(c, 30, 17);
    assertArrayEquals(straight, resumed, c + ": resuming after a save changed the bits");
  }

  /** {@code steps} updates from a fixed start; at {@code saveAt} (if >= 0) the optimiser is saved and replaced by a restored one. */
  private static float[] run(OptimizerConfig c, int steps, int saveAt) {
    float[] p = new float[N];
    Rng r = Rng.of(3);
    for (int i = 0; i < N; i++) {
      p[i] = (float) r.gaussian();
    }
    OptimizerF32 o = c.createF32(N);
    float[] g = new float[N];
    for (int s = 0; s < steps; s++) {
      if (s == saveAt) {
        StateWriter w = new StateWriter();
        o.save(w);
        o = c.createF32(N);
        StateReader in = new StateReader(w.toByteArray());
        o.restore(in);
        in.finish();
      }
      for (int i = 0; i < N; i++) {
        g[i] = (float) ((p[i] - 0.2) + 0.01 * r.gaussian());
      }
      o.step(p, g);
    }
    return p;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void noSubnormalSurvivesAnUpdate(OptimizerConfig c) {
    float[] p = new float[N];
    float[] g = new float[N];
    for (int i = 0; i < N; i++) {
      p[i] = i % 2 == 0 ? Float.MIN_VALUE * (i + 1) : 0x1p-140f;  // subnormal parameters
      g[i] = i % 3 == 0 ? 1e-30f : 0x1p-130f;                     // g^2 and g itself below 2^-126
    }
    OptimizerF32 o = c.createF32(N);
    for (int s = 0; s < 3; s++) {
      o.step(p, g);
    }
    for (float x : p) {
      assertTrue(x == 0.0f || Math.abs(x) >= Float.MIN_NORMAL, c + ": subnormal parameter " + x);
    }
    StateWriter w = new StateWriter();
    o.save(w);
    StateReader in = new StateReader(w.toByteArray());
    String[] arrays;
    if (c instanceof Adam) {
      in.begin("adam");
      in.readInt("t");
      arrays = new String[] {"m", "v"};
    } else if (c instanceof RmsProp) {
      in.begin("rmsprop");
      arrays = new String[] {"square_avg", "momentum_buffer"};
    } else if (((Sgd) c).momentumWarmupUpdates() > 0) {
      in.begin("sgd_momentum_warmup");
      in.readLong("updates");
      arrays = new String[] {"velocity"};
    } else if (((Sgd) c).momentum() != 0.0) {
      in.begin("sgd_momentum");
      arrays = new String[] {"velocity"};
    } else {
      arrays = new String[0];
    }
    for (String name : arrays) {
      for (float x : in.readFloats(name)) {
        assertTrue(x == 0.0f || Math.abs(x) >= Float.MIN_NORMAL, c + ": subnormal in " + name + ": " + x);
      }
    }
  }
}
