package org.rnnlab.engine.reservoir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Precision;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.linalg.SparseMatrix;
import org.rnnlab.model.EsnModel;

/** Teacher-forced features, ridge fit and free-running prediction of an echo-state network. */
class EchoStateNetworkTest {
  /** A linear delay line: x_0 = u_t, x_i = x_{i-1} of the previous step (x_t = [u_t, ..., u_{t-n+1}]). */
  private static Reservoir delayLine(int n) {
    double[] w = new double[n * n];
    for (int i = 1; i < n; i++) {
      w[i * n + i - 1] = 1.0;
    }
    double[] win = new double[n];
    win[0] = 1.0;
    return new Reservoir(SparseMatrix.fromDense(w, 0, n), win, 1, null, 0, null, 1.0, Reservoir.Activation.IDENTITY);
  }

  /** s_t = c1 s_{t-1} + c2 s_{t-2} from s_0, s_1, in the readout's order of operations (bias 0 first). */
  private static double[] oscillation(int len, double c1, double c2, double s0, double s1) {
    double[] s = new double[len];
    s[0] = s0;
    s[1] = s1;
    for (int t = 2; t < len; t++) {
      s[t] = Math.fma(s[t - 2], c2, Math.fma(s[t - 1], c1, 0.0));
    }
    return s;
  }

  @Test
  void freeRunWithAPerfectReadoutReproducesALinearSystem() {
    // s_{t+1} = c1 s_t + c2 s_{t-1} (an undamped oscillation), computed as the readout computes it
    double c1 = 2 * Math.cos(0.17);
    double c2 = -1.0;
    int len = 600;
    double[] s = oscillation(len, c1, c2, 0.3, 0.5);
    int n = 2; // the oscillation spans 2 dimensions: a longer delay line has a singular Gram matrix
    EchoStateNetwork esn = new EchoStateNetwork(delayLine(n), false);
    int known = 300;
    double[] f = esn.features(s, known, null);
    double[] target = Arrays.copyOfRange(s, 1, known + 1);
    // ridge on the teacher-forced states recovers the recurrence (rows after a washout of n)
    RidgeReadout fit = new RidgeFitter(n, 1, false).fit(RidgeFitter.Samples.rows(f, n, target, 1, n, known), 0.0);
    assertEquals(c1, fit.weight(0, 0), 1e-10);
    assertEquals(c2, fit.weight(0, 1), 1e-10);
    assertEquals(0.0, fit.bias(0), 1e-10);
    // the exact readout runs free for 300 steps and reproduces the series bit for bit
    double[] w = new double[n];
    w[0] = c1;
    w[1] = c2;
    esn.setReadout(RidgeReadout.of(w, new double[] {0.0}, n, 1));
    double[] free = esn.freeRun(f, known - 1, len - known);
    assertArrayEquals(Arrays.copyOfRange(s, known, len), free, 0.0);
    // the fitted readout stays close over the same horizon (its coefficients are off by ulps)
    esn.setReadout(fit);
    assertArrayEquals(Arrays.copyOfRange(s, known, len), esn.freeRun(f, known - 1, len - known), 1e-6);
  }

  @Test
  void aFeedbackOnlyGeneratorRunsFree() {
    // no input: the delay line is fed by the output (W_fb = e_0), x_t = [y_{t-1}, y_{t-2}]
    double c1 = 2 * Math.cos(0.31);
    double c2 = -1.0;
    int len = 400;
    double[] s = oscillation(len, c1, c2, 0.2, -0.4);
    double[] w = {0.0, 0.0, 1.0, 0.0};
    Reservoir gen = new Reservoir(SparseMatrix.fromDense(w, 0, 2), new double[0], 0, new double[] {1.0, 0.0}, 1, null,
        1.0, Reservoir.Activation.IDENTITY);
    EchoStateNetwork esn = new EchoStateNetwork(gen, true); // no inputs: the same features as without
    assertEquals(2, esn.features());
    double[] f = esn.features(null, 200, s);
    RidgeReadout fit = new RidgeFitter(2, 1, false).fit(RidgeFitter.Samples.rows(f, 2, s, 1, 2, 200), 0.0);
    assertEquals(c1, fit.weight(0, 0), 1e-10);
    assertEquals(c2, fit.weight(0, 1), 1e-10);
    esn.setReadout(RidgeReadout.of(new double[] {c1, c2}, new double[] {0.0}, 2, 1));
    assertArrayEquals(Arrays.copyOfRange(s, 199, len), esn.freeRun(f, 199, len - 199), 0.0);
  }

  @Test
  void runningFreeIsTeacherForcingWithTheNetworksOwnOutputs() {
    runningFreeIsTeacherForcing(Precision.FLOAT64);
  }

  @Test
  void inFloat32TooRunningFreeIsTeacherForcingWithTheNetworksOwnOutputsRounded() {
    runningFreeIsTeacherForcing(Precision.FLOAT32);
  }

  private static Reservoir drawn() {
    EsnModel c = new EsnModel(23, 0.9, 0.3, null, null, 0.5, 1.0, "uniform", 0.4, 0.2, 0.3, 1, null, null, null);
    return c.draw(1, 1, Rng.of(21));
  }

  @Test
  void float32StatesAreFloatsThatAgreeWithFloat64ToFloatPrecision() {
    Reservoir r = drawn();
    Rng rng = Rng.of(5);
    int steps = 300;
    double[] u = new double[steps];
    for (int t = 0; t < steps; t++) {
      u[t] = rng.uniform(-1, 1);
    }
    double[] teacher = Arrays.copyOfRange(u, 1, steps + 1);
    double[] f64 = new EchoStateNetwork(r, true, Precision.FLOAT64).features(u, steps, teacher);
    double[] f32 = new EchoStateNetwork(r, true, Precision.FLOAT32).features(u, steps, teacher);
    double worst = 0.0;
    int differ = 0;
    for (int i = 0; i < f32.length; i++) {
      assertEquals((double) (float) f32[i], f32[i], 0.0, "a float widened, at " + i);
      worst = Math.max(worst, Math.abs(f32[i] - f64[i]));
      differ += f32[i] != f64[i] ? 1 : 0;
    }
    // states lie in (-1, 1); over 300 steps of a contracting reservoir the float error stays small: measured 2.4e-7
    // (2 ulps of 1), bounded at 2e-6
    assertTrue(worst < 2e-6, "largest difference " + worst);
    assertTrue(differ > f32.length / 2, "float32 is computed in float: " + differ + " of " + f32.length + " differ");
    // a batch of sequences gives each sequence's rows, in float32 as in float64
    double[] twice = new EchoStateNetwork(r, true, Precision.FLOAT32).features(interleaved(u, u), steps, 2,
        interleaved(teacher, teacher));
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < 2; b++) {
        assertArrayEquals(Arrays.copyOfRange(f32, t * 24, t * 24 + 24),
            Arrays.copyOfRange(twice, (t * 2 + b) * 24, (t * 2 + b) * 24 + 24), 0.0);
      }
    }
  }

  private static double[] interleaved(double[] a, double[] b) {
    double[] out = new double[2 * a.length];
    for (int t = 0; t < a.length; t++) {
      out[2 * t] = a[t];
      out[2 * t + 1] = b[t];
    }
    return out;
  }

  @Test
  void aDecayingFloat32ReservoirFlushesItsStatesToZeroInsteadOfGoingSubnormal() {
    // x_t = 0.5 x_{t-1} + u_t with u = 1, 0, 0, ...: 2^-t, subnormal in float from t = 127
    Reservoir halving = new Reservoir(SparseMatrix.fromDense(new double[] {0.5}, 0, 1), new double[] {1.0}, 1, null,
        0, null, 1.0, Reservoir.Activation.IDENTITY);
    double[] u = new double[160];
    u[0] = 1.0;
    double[] f32 = new EchoStateNetwork(halving, false, Precision.FLOAT32).features(u, 160, null);
    double[] f64 = new EchoStateNetwork(halving, false, Precision.FLOAT64).features(u, 160, null);
    for (int t = 0; t < 160; t++) {
      assertEquals(Math.scalb(1.0, -t), f64[t], 0.0);
      assertEquals(t <= 126 ? Math.scalb(1.0, -t) : 0.0, f32[t], 0.0, "step " + t);
    }
  }

  private static void runningFreeIsTeacherForcing(Precision precision) {
    Reservoir r = drawn();
    EchoStateNetwork esn = new EchoStateNetwork(r, true, precision);
    assertEquals(24, esn.features());
    Rng rng = Rng.of(22);
    int known = 40;
    int horizon = 15;
    double[] u = new double[known];
    for (int t = 0; t < known; t++) {
      u[t] = rng.uniform(-1, 1);
    }
    double[] teacher = Arrays.copyOfRange(u, 1, known + 1);
    teacher[known - 1] = 0.25;
    double[] weights = new double[24];
    for (int i = 0; i < 24; i++) {
      weights[i] = 0.1 * rng.gaussian();
    }
    esn.setReadout(RidgeReadout.of(weights, new double[] {0.05}, 24, 1));
    double[] f = esn.features(u, known, teacher);
    double[] free = esn.freeRun(f, known - 1, horizon);
    // the same sequence teacher-forced: inputs are the known series then the outputs, and each
    // step feeds back the previous step's output
    double[] u2 = Arrays.copyOf(u, known + horizon - 1);
    double[] t2 = Arrays.copyOf(teacher, known + horizon - 1);
    double[] p0 = esn.readout().predict(f, (known - 1) * 24, 24, 1);
    t2[known - 1] = p0[0];
    for (int h = 0; h < horizon - 1; h++) {
      u2[known + h] = free[h];
      t2[known + h] = free[h + 1];
    }
    double[] f2 = esn.features(u2, known + horizon - 1, t2);
    double[] forced = esn.readout().predict(f2, (known - 1) * 24, 24, horizon);
    assertArrayEquals(forced, free, 0.0);
  }
}
