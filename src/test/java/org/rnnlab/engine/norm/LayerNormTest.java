package org.rnnlab.engine.norm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.Rng;

/** One layer-norm site: statistics per row and group, gain and bias, independence of the batch. */
class LayerNormTest {
  static final int H = 11;
  static final int WIDTH = 3 * H;           // a GRU row: r and z as one group, n as another
  static final int[] GROUPS = {2 * H, H};
  static final int BATCH = 4;
  static final double EPS = 1e-5;

  final Params.Builder builder = new Params.Builder();
  final Normalization site = new LayerNorm.Config(EPS, null).create(builder, "norm", WIDTH, GROUPS);
  final Params params = builder.build();
  final double[] p = params.values();
  final boolean[] valid = {true, true, true, true};

  LayerNormTest() {
    site.initialize(p);
    site.ensure(1, BATCH);
    site.beginPass();
  }

  /** Rows of gaussians with a different offset and scale per group, so that a joint normalisation shows. */
  static double[] rows(long seed) {
    Rng r = Rng.of(seed);
    double[] x = new double[BATCH * WIDTH];
    for (int b = 0; b < BATCH; b++) {
      for (int j = 0; j < WIDTH; j++) {
        x[b * WIDTH + j] = j < 2 * H ? 100.0 + 3.0 * r.gaussian() : -40.0 + 0.5 * r.gaussian();
      }
    }
    return x;
  }

  @Test
  void eachGroupHasMeanZeroAndUnitVarianceBeforeTheGain() {
    double[] x = rows(1);
    double[] y = new double[x.length];
    site.forward(p, x, 0, WIDTH, y, 0, WIDTH, 0, WIDTH, 0, 0, valid);
    for (int b = 0; b < BATCH; b++) {
      int s = 0;
      for (int m : GROUPS) {
        double mean = 0.0;
        double var = 0.0;
        double ym = 0.0;
        double yv = 0.0;
        for (int j = s; j < s + m; j++) {
          mean += x[b * WIDTH + j] / m;
          ym += y[b * WIDTH + j] / m;
        }
        for (int j = s; j < s + m; j++) {
          var += (x[b * WIDTH + j] - mean) * (x[b * WIDTH + j] - mean) / m;
          yv += (y[b * WIDTH + j] - ym) * (y[b * WIDTH + j] - ym) / m;
        }
        // x - mean rounds at the offset's scale (100 or 40: ~1e-14 of the spread), nothing more
        assertEquals(0.0, ym, 1e-13, "row " + b + ", group at " + s + ": mean");
        // var(x̂) = var / (var + eps) exactly; 1 to ~1e-6 at these scales
        assertEquals(var / (var + EPS), yv, 1e-13, "row " + b + ", group at " + s + ": variance");
        assertEquals(1.0, yv, 1e-4);
        s += m;
      }
    }
  }

  @Test
  void gainAndBiasScaleAndShiftTheNormalisedValues() {
    double[] x = rows(2);
    double[] plain = new double[x.length];
    site.forward(p, x, 0, WIDTH, plain, 0, WIDTH, 0, WIDTH, 0, 0, valid);
    Rng r = Rng.of(3);
    for (int j = 0; j < WIDTH; j++) {
      p[site.gain.offset() + j] = r.gaussian();
      p[site.bias.offset() + j] = r.gaussian();
    }
    double[] y = new double[x.length];
    site.forward(p, x, 0, WIDTH, y, 0, WIDTH, 0, WIDTH, 0, 0, valid);
    for (int i = 0; i < x.length; i++) {
      int j = i % WIDTH;
      assertEquals(p[site.gain.offset() + j] * plain[i] + p[site.bias.offset() + j], y[i], 1e-15);
    }
  }

  @Test
  void aRowsOutputDependsOnItselfOnlyInTrainingAndEvaluation() {
    double[] x = rows(4);
    double[] all = new double[x.length];
    site.forward(p, x, 0, WIDTH, all, 0, WIDTH, 0, WIDTH, 0, 0, valid);
    Arrays.fill(x, 0, WIDTH, 7.0);  // another first row: the others are unchanged
    site.setTraining(false);
    site.beginPass();
    double[] eval = new double[x.length];
    site.forward(p, x, 0, WIDTH, eval, 0, WIDTH, 0, WIDTH, 0, 3, valid);
    assertArrayEquals(Arrays.copyOfRange(all, WIDTH, all.length), Arrays.copyOfRange(eval, WIDTH, eval.length), 0.0);
  }

  @Test
  void startsWithGainOneAndBiasZero() {
    for (int j = 0; j < WIDTH; j++) {
      assertEquals(1.0, p[site.gain.offset() + j]);
      assertEquals(0.0, p[site.bias.offset() + j]);
    }
    assertEquals("norm.weight", params.list().get(0).name());
    assertEquals("norm.bias", params.list().get(1).name());
    assertTrue(params.buffers().isEmpty(), "layer norm keeps no statistics");
  }

  @Test
  void aColumnRangeMustHoldWholeGroups() {
    double[] x = rows(5);
    assertThrows(IllegalStateException.class, () -> site.forward(p, x, 0, WIDTH, x, 0, WIDTH, 0, H, 0, 0, valid));
  }
}
