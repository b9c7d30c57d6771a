package org.rnnlab.engine.norm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.Rng;

/**
 * One batch-norm site: statistics per step over the valid rows only, the running-statistics
 * rule, evaluation by population statistics (the last trained step's past it), the gain's start.
 */
class RecurrentBatchNormTest {
  static final int WIDTH = 13;
  static final int BATCH = 5;
  static final int MAX_STEPS = 4;
  static final double EPS = 1e-5;
  static final double MOMENTUM = 0.25;

  final Params.Builder builder = new Params.Builder();
  final Normalization site = new RecurrentBatchNorm.Config(MAX_STEPS, EPS, null, MOMENTUM)
      .create(builder, "norm", WIDTH, new int[] {WIDTH});
  final Params params = builder.build();
  final double[] p = params.values();
  final boolean[] valid = {true, true, false, true, true};  // row 2 is padding

  RecurrentBatchNormTest() {
    site.initialize(p);
    Rng r = Rng.of(9);
    for (int j = 0; j < WIDTH; j++) {   // gains and biases away from their start
      p[site.gain.offset() + j] = 0.5 + r.nextDouble();
      p[site.bias.offset() + j] = r.gaussian();
    }
  }

  static double[] rows(long seed) {
    Rng r = Rng.of(seed);
    double[] x = new double[BATCH * WIDTH];
    for (int i = 0; i < x.length; i++) {
      x[i] = 2.0 + 3.0 * r.gaussian();
    }
    for (int j = 0; j < WIDTH; j++) {
      x[2 * WIDTH + j] = 1e6;             // padding: would dominate any statistic it entered
    }
    return x;
  }

  /** One forward pass of one step at sequence step {@code step}, in the site's current mode. */
  double[] run(double[] x, int step) {
    site.ensure(1, BATCH);
    site.beginPass();
    double[] y = new double[x.length];
    site.forward(p, x, 0, WIDTH, y, 0, WIDTH, 0, WIDTH, 0, step, valid);
    return y;
  }

  double[] buffer(String suffix) {
    return params.buffers().stream().filter(b -> b.name().equals("norm." + suffix)).findFirst().orElseThrow()
        .values();
  }

  /** Mean (k = 0) and population variance (k = 1) of column j over the valid rows. */
  double[] stats(double[] x, int j) {
    double n = 0.0;
    double s = 0.0;
    for (int b = 0; b < BATCH; b++) {
      if (valid[b]) {
        s += x[b * WIDTH + j];
        n++;
      }
    }
    double mean = s / n;
    double v = 0.0;
    for (int b = 0; b < BATCH; b++) {
      if (valid[b]) {
        v += (x[b * WIDTH + j] - mean) * (x[b * WIDTH + j] - mean);
      }
    }
    return new double[] {mean, v / n};
  }

  double expected(double x, int j, double mean, double var) {
    return p[site.gain.offset() + j] * (x - mean) / Math.sqrt(var + EPS) + p[site.bias.offset() + j];
  }

  @Test
  void trainingNormalisesByTheValidRowsOfTheStepAndRecordsThem() {
    double[] x = rows(1);
    double[] y = run(x, 2);
    for (int j = 0; j < WIDTH; j++) {
      double[] st = stats(x, j);
      for (int b = 0; b < BATCH; b++) {
        if (valid[b]) {
          assertEquals(expected(x[b * WIDTH + j], j, st[0], st[1]), y[b * WIDTH + j], 1e-12);
        }
      }
      // the first batch at a step sets its running statistics; the variance unbiased (n = 4)
      assertEquals(st[0], buffer("running_mean")[2 * WIDTH + j], 1e-13);
      assertEquals(st[1] * 4 / 3, buffer("running_var")[2 * WIDTH + j], 1e-12);
      assertEquals(0.0, buffer("running_mean")[WIDTH + j], "other steps untouched");
      assertEquals(1.0, buffer("running_var")[WIDTH + j]);
    }
    assertArrayEquals(new double[] {0, 0, 1, 0}, buffer("num_batches_tracked"), 0.0);
  }

  @Test
  void laterBatchesEnterTheRunningStatisticsWithTheMomentum() {
    double[] x1 = rows(2);
    double[] x2 = rows(3);
    run(x1, 0);
    run(x2, 0);
    for (int j = 0; j < WIDTH; j++) {
      double[] s1 = stats(x1, j);
      double[] s2 = stats(x2, j);
      assertEquals((1 - MOMENTUM) * s1[0] + MOMENTUM * s2[0], buffer("running_mean")[j], 1e-13);
      assertEquals((1 - MOMENTUM) * s1[1] * 4 / 3 + MOMENTUM * s2[1] * 4 / 3, buffer("running_var")[j], 1e-12);
    }
    assertEquals(2.0, buffer("num_batches_tracked")[0]);
  }

  @Test
  void afterAnExactResetTheStatisticsAreTheAverageOfTheBatches() {
    run(rows(20), 0);                   // forgotten by the reset
    site.resetStatistics(true);
    assertArrayEquals(new double[] {0, 0, 0, 0}, buffer("num_batches_tracked"), 0.0);
    double[][] xs = {rows(21), rows(22), rows(23)};
    for (double[] x : xs) {
      run(x, 1);
    }
    for (int j = 0; j < WIDTH; j++) {
      double m = 0.0;
      double v = 0.0;
      for (double[] x : xs) {
        m += stats(x, j)[0] / 3;
        v += stats(x, j)[1] * 4 / 3 / 3;
      }
      assertEquals(m, buffer("running_mean")[WIDTH + j], 1e-13);
      assertEquals(v, buffer("running_var")[WIDTH + j], 1e-12);
      assertEquals(0.0, buffer("running_mean")[j], "step 0 was reset");
      assertEquals(1.0, buffer("running_var")[j]);
    }
    assertEquals(3.0, buffer("num_batches_tracked")[1]);
  }

  @Test
  void evaluationUsesThePopulationStatisticsOfTheStep() {
    run(rows(4), 0);
    run(rows(5), 1);
    site.setTraining(false);
    double[] x = rows(6);
    double[] y = run(x, 1);
    for (int j = 0; j < WIDTH; j++) {
      double m = buffer("running_mean")[WIDTH + j];
      double v = buffer("running_var")[WIDTH + j];
      for (int b = 0; b < BATCH; b++) {
        double want = expected(x[b * WIDTH + j], j, m, v);
        assertEquals(want, y[b * WIDTH + j], 1e-12 * Math.max(1.0, Math.abs(want)), "row " + b);
      }
      assertNotEquals(buffer("running_mean")[j], m, "steps keep statistics of their own");
    }
    assertArrayEquals(new double[] {1, 1, 0, 0}, buffer("num_batches_tracked"), 0.0, "evaluation learns nothing");
  }

  @Test
  void pastTheLongestTrainedStepEvaluationUsesThatStepsStatistics() {
    run(rows(7), 0);
    run(rows(8), 1);
    site.setTraining(false);
    double[] x = rows(9);
    double[] atLast = run(x, 1);
    assertArrayEquals(atLast, run(x, 2), 0.0, "step 2 had no training batch");
    assertArrayEquals(atLast, run(x, MAX_STEPS - 1), 0.0);
    assertArrayEquals(atLast, run(x, 50), 0.0, "beyond max_steps");
    double[] atFirst = run(x, 0);
    assertNotEquals(atFirst[0], atLast[0]);
  }

  @Test
  void trainingBeyondMaxStepsIsAnError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(rows(10), MAX_STEPS));
    assertTrue(e.getMessage().contains("max_steps"), e.getMessage());
  }

  @Test
  void startsWithGainOneTenthBiasZeroAndNoStatistics() {
    Params.Builder b = new Params.Builder();
    Normalization s = new RecurrentBatchNorm.Config(3, null, null, null).create(b, "bn", WIDTH, new int[] {WIDTH});
    Params ps = b.build();
    s.initialize(ps.values());
    for (int j = 0; j < WIDTH; j++) {
      assertEquals(0.1, ps.values()[s.gain.offset() + j]);
      assertEquals(0.0, ps.values()[s.bias.offset() + j]);
    }
    assertEquals(2 * WIDTH, ps.size(), "the statistics are no parameters");
    assertEquals(3, ps.buffers().size());
    for (Params.Buffer buf : ps.buffers()) {
      double want = buf.name().equals("bn.running_var") ? 1.0 : 0.0;
      for (double v : buf.values()) {
        assertEquals(want, v, buf.name());
      }
    }
  }

  @Test
  void backwardIgnoresPaddingRows() {
    double[] x = rows(11);
    run(x, 0);
    double[] dy = rows(12);   // a huge gradient in the padding row too
    double[] grads = new double[params.size()];
    double[] dx = new double[x.length];
    site.backward(p, grads, dy, 0, WIDTH, dx, 0, WIDTH, 0, WIDTH, 0, valid);
    for (int j = 0; j < WIDTH; j++) {
      assertEquals(0.0, dx[2 * WIDTH + j]);
      double sum = 0.0;
      for (int b = 0; b < BATCH; b++) {
        sum += valid[b] ? dy[b * WIDTH + j] : 0.0;
      }
      assertEquals(sum, grads[site.bias.offset() + j], 1e-12);
      // dL/dx sums to 0 over the rows of a column: the mean's gradient
      double dsum = 0.0;
      for (int b = 0; b < BATCH; b++) {
        dsum += dx[b * WIDTH + j];
      }
      assertEquals(0.0, dsum, 1e-12);
    }
  }
}
