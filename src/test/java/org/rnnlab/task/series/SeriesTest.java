package org.rnnlab.task.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.reservoir.EchoStateNetwork;
import org.rnnlab.model.EsnModel;
import org.rnnlab.engine.reservoir.RidgeFitter;
import org.rnnlab.engine.reservoir.RidgeReadout;

/** The series generators, metrics and baselines. */
class SeriesTest {
  private static double maxAbsDiff(double[] a, double[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  private static MackeyGlassSeries withStep(double dt) {
    return new MackeyGlassSeries(17, 0.2, 0.1, 10, dt, 1.0, 1.2, 0);
  }

  @Test
  void mackeyGlassIntegratorIsFourthOrder() {
    // halving the step shrinks the error about 16-fold (RK4 with its Hermite continuous extension)
    int len = 300;
    double[] coarse = withStep(0.2).generate(len);
    double[] mid = withStep(0.1).generate(len);
    double[] fine = withStep(0.025).generate(len);
    double eCoarse = maxAbsDiff(coarse, fine);
    double eMid = maxAbsDiff(mid, fine);
    double ratio = eCoarse / eMid;
    assertTrue(eMid < 1e-6, "step 0.1 is within " + eMid + " of step 0.025");
    assertTrue(ratio > 10 && ratio < 25, "error ratio for half the step: " + ratio);
  }

  @Test
  void mackeyGlassSatisfiesTheDelayEquationAndItsRange() {
    double[] x = MackeyGlassSeries.standard().generate(3000);
    assertEquals(1.2, x[0], 0.0, "sample 0 is x0");
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int t = 18; t + 1 < x.length; t++) {
      double xd = x[t - 17];
      double rate = 0.2 * xd / (1 + Math.pow(xd, 10)) - 0.1 * x[t];
      double central = (x[t + 1] - x[t - 1]) / 2; // O(h^2) = O(x'''/6) with h = 1
      assertEquals(rate, central, 0.01, "dx/dt at t = " + t);
      if (t > 500) {
        min = Math.min(min, x[t]);
        max = Math.max(max, x[t]);
      }
    }
    // the chaotic attractor of tau = 17 spans about [0.2, 1.35]
    assertTrue(min > 0.15 && min < 0.5 && max > 1.2 && max < 1.45, "range [" + min + ", " + max + "]");
    // regression of our generator (the checks above are the independent ones)
    assertEquals(1.1175622107750187, x[1], 0.0);
    assertEquals(0.6524042925317811, x[10], 0.0);
    assertEquals(1.013724015510674, x[100], 0.0);
    assertEquals(0.947202301157439, x[1000], 0.0);
    double[] shifted = MackeyGlassSeries.standard().discarding(100).generate(50);
    assertArrayEquals(java.util.Arrays.copyOfRange(x, 100, 150), shifted, 0.0);
    assertThrows(IllegalArgumentException.class, () -> new MackeyGlassSeries(17, 0.2, 0.1, 10, 0.3, 1.0, 1.2, 0));
  }

  @Test
  void narmaRecurrenceHoldsExactlyAndInputsAreInRange() {
    NarmaSeries.Sequence s = NarmaSeries.narma10().generate(2000, Rng.of(1));
    double[] u = s.input();
    double[] target = s.target();
    double[] y = new double[2001]; // y(t) for t = 0..2000: y(t+1) = target[t]
    System.arraycopy(target, 0, y, 1, 2000);
    for (int t = 0; t < 2000; t++) {
      assertTrue(u[t] >= 0 && u[t] < 0.5);
    }
    for (int t = 0; t < 10; t++) {
      assertEquals(0.0, y[t], 0.0, "y(t) = 0 for t < 10");
    }
    for (int t = 9; t < 2000; t++) {
      double sum = 0;
      for (int i = 0; i < 10; i++) {
        sum += y[t - i];
      }
      assertEquals(0.3 * y[t] + 0.05 * y[t] * sum + 1.5 * u[t - 9] * u[t] + 0.1, y[t + 1], 0.0, "y(" + (t + 1) + ")");
      assertTrue(y[t + 1] > 0.0 && y[t + 1] < 1.3);
    }
    assertArrayEquals(target, NarmaSeries.narma10().generate(2000, Rng.of(1)).target(), 0.0, "same seed, same bits");
  }

  @Test
  void aDivergedNarmaDrawIsRedrawnFromItsOwnStream() {
    // about 3% of 4000-step NARMA-10 draws diverge: find a seed whose first draw does
    NarmaSeries narma = NarmaSeries.narma10();
    long seed = 0;
    NarmaSeries.Sequence s;
    do {
      s = narma.generate(4000, Rng.of(++seed));
    } while (s.attempt() == 0 && seed < 500);
    assertTrue(s.attempt() > 0, "no diverging draw among 500 seeds");
    for (double v : s.target()) {
      assertTrue(Math.abs(v) <= 10.0);
    }
    NarmaSeries.Sequence again = new NarmaSeries(10, 0.3, 0.05, 1.5, 0.1, 0.5, 10.0, 1)
        .generate(4000, Rng.of(seed).child(s.attempt()));
    assertArrayEquals(s.target(), again.target(), 0.0, "attempt k uses rng.child(k)");
    NarmaSeries once = new NarmaSeries(10, 0.3, 0.05, 1.5, 0.1, 0.5, 10.0, 1);
    long diverging = seed;
    assertThrows(ArithmeticException.class, () -> once.generate(4000, Rng.of(diverging)));
  }

  @Test
  void metrics() {
    double[] truth = {1, 2, 3, 4, 5};
    double[] pred = {1, 2, 3, 4, 7};
    assertEquals(0.8, SeriesMetrics.mse(pred, 0, truth, 0, 5), 1e-15);
    assertEquals(Math.sqrt(0.8), SeriesMetrics.rmse(pred, 0, truth, 0, 5), 1e-15);
    assertEquals(Math.sqrt(2.0), SeriesMetrics.std(truth, 0, 5), 1e-15);
    assertEquals(Math.sqrt(0.8) / Math.sqrt(2.0), SeriesMetrics.nrmse(pred, 0, truth, 0, 5), 1e-15);
    // the segment's mean scores NRMSE 1
    double[] seg = MackeyGlassSeries.standard().generate(400);
    double[] mean = SeriesBaselines.trainingMean(seg, 0, 400, 400);
    assertEquals(1.0, SeriesMetrics.nrmse(mean, 0, seg, 0, 400), 1e-12);
    assertEquals(4, SeriesMetrics.firstExceedance(pred, 0, truth, 0, 5, 1.5));
    assertEquals(5, SeriesMetrics.firstExceedance(pred, 0, truth, 0, 5, 2.5));
    assertEquals(1, SeriesMetrics.firstExceedance(new double[] {0, Double.NaN}, 0, new double[2], 0, 2, 1.0));
    assertArrayEquals(new double[] {2, 3}, SeriesBaselines.persistence(truth, 1, 3), 0.0);
    LookAhead la = LookAhead.of(truth, 2);
    assertArrayEquals(new double[] {1, 2, 3}, la.input(), 0.0);
    assertArrayEquals(new double[] {3, 4, 5}, la.target(), 0.0);
    assertThrows(IllegalArgumentException.class, () -> LookAhead.of(truth, 5));
  }

  @Test
  void linearTapModelRecoversAFilterAndNarmaNeedsMore() {
    Rng rng = Rng.of(3);
    double[] u = new double[500];
    for (int t = 0; t < u.length; t++) {
      u[t] = rng.uniform(-1, 1);
    }
    double[] y = new double[500];
    for (int t = 2; t < 500; t++) {
      y[t] = 0.25 + 0.5 * u[t] - 0.3 * u[t - 1] + 0.1 * u[t - 2];
    }
    LinearTapModel m = LinearTapModel.fit(u, y, 4, 3, 400);
    assertEquals(0.25, m.readout().bias(0), 1e-12);
    assertArrayEquals(new double[] {0.5, -0.3, 0.1, 0.0}, m.readout().weights(), 1e-12);
    assertArrayEquals(java.util.Arrays.copyOfRange(y, 400, 500), m.predict(u, 400, 500), 1e-12);
    // NARMA-10: a linear 10-tap filter beats the mean but is far from the target
    NarmaSeries.Sequence s = NarmaSeries.narma10().generate(3000, Rng.of(4));
    LinearTapModel lin = LinearTapModel.fit(s.input(), s.target(), 10, 100, 2000);
    double nrmse = SeriesMetrics.nrmse(lin.predict(s.input(), 2000, 3000), 0, s.target(), 2000, 1000);
    assertTrue(nrmse > 0.3 && nrmse < 0.95, "linear NRMSE " + nrmse);
  }

  @Test
  void anEchoStateNetworkPredictsMackeyGlassOneStepAhead() {
    // reservoirpy's README configuration (100 units, sr 1.25, lr 0.3, ridge 1e-5; RMSE 2.0e-3 there)
    double[] s = MackeyGlassSeries.standard().generate(2001);
    EchoStateNetwork esn = new EchoStateNetwork(EsnModel.of(100, 1.25, 0.3).draw(1, 0, Rng.of(2)), false);
    double[] f = esn.features(s, 2000, null);
    double[] y = java.util.Arrays.copyOfRange(s, 1, 2001);
    RidgeReadout r = new RidgeFitter(100, 1, false).fit(RidgeFitter.Samples.rows(f, 100, y, 1, 100, 1600), 1e-5);
    double rmse = SeriesMetrics.rmse(r.predict(f, 1600 * 100, 100, 400), 0, y, 1600, 400);
    double persistence = SeriesMetrics.rmse(SeriesBaselines.persistence(s, 1600, 2000), 0, y, 1600, 400);
    assertTrue(rmse < 0.01 && rmse < persistence / 5, "ESN RMSE " + rmse + ", persistence " + persistence);
  }
}
