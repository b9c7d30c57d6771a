package org.rnnlab.engine.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.DetMath;

/** The vectorised DetMath array functions give the scalar functions' bits on every input kind. */
class DetMathVectorScalarTest {
  static double[] inputs() {
    SplittableRandom r = new SplittableRandom(3);
    double[] special = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 1e-300, -1e-300,
      Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.MAX_VALUE, -Double.MAX_VALUE,
      0.17, -0.17, Math.nextDown(0.17), Math.nextUp(0.17), 0.085, -708.0, -708.0001, 709.78, 709.7801,
      354.89, -354.89, 354.9, 709.43, 709.44, 709.5, 709.7, -709.43, -709.44, -709.5, -709.7, 354.72, -354.75, 1e-8, -1e-8, 0.5, -0.5, 1.0, -1.0, 20.0, -20.0, 40.0, -40.0};
    int n = 200_000;
    double[] x = new double[n + special.length];
    for (int i = 0; i < n; i++) {
      switch (i % 5) {
        case 4 -> x[i] = (r.nextBoolean() ? 1 : -1) * (700 + r.nextDouble() * 9.78);
        case 0 -> x[i] = (r.nextDouble() - 0.5) * 2;
        case 1 -> x[i] = (r.nextDouble() - 0.5) * 0.5;
        case 2 -> x[i] = (r.nextDouble() - 0.5) * 60;
        default -> x[i] = (r.nextDouble() - 0.5) * 1600;
      }
    }
    System.arraycopy(special, 0, x, n, special.length);
    double[] plain = plainRuns(r);
    double[] all = java.util.Arrays.copyOf(x, x.length + plain.length);
    System.arraycopy(plain, 0, all, x.length, plain.length);
    return all;
  }

  /**
   * Long runs in which every lane takes the vector loops' fast paths (no clamp or special case
   * needed): |x| &lt;= 354.5 for tanh (2|x| &lt;= 709), x in [-708, 709] for exp, -x in that range for
   * sigmoid; each run mixes moderate values with the fast paths' edge values, so that every
   * vector width meets whole vectors of them, edge values included.
   */
  private static double[] plainRuns(SplittableRandom r) {
    double[][] runs = {
      {354.5, -354.5, Math.nextDown(354.5), 0.17, -0.17, Math.nextDown(0.17), 0.0, -0.0, 1e-300, Double.MIN_VALUE},
      {709.0, -708.0, Math.nextDown(709.0), Math.nextUp(-708.0), 354.9, -354.9, 0.0, -0.0},
      {708.0, -709.0, Math.nextDown(708.0), Math.nextUp(-709.0), 354.9, -354.9, 0.0, -0.0},
    };
    double[] bounds = {354.5, 708.0, 708.0};
    int len = 4096;
    double[] out = new double[runs.length * len];
    for (int k = 0; k < runs.length; k++) {
      for (int i = 0; i < len; i++) {
        double scale = i % 3 == 0 ? 1.0 : i % 3 == 1 ? 30.0 : bounds[k];
        out[k * len + i] = (r.nextDouble() * 2 - 1) * scale;
      }
      for (int i = 0; i < runs[k].length; i++) {
        out[k * len + 37 * i] = runs[k][i];
      }
    }
    return out;
  }

  private static void same(double[] want, double[] got, double[] x, String f) {
    for (int i = 0; i < x.length; i++) {
      int j = i;
      assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(got[i]),
          () -> f + "(" + x[j] + ")");
    }
  }

  @Test
  void vectorEqualsScalar() {
    double[] x = inputs();
    // offsets 0..3 so that every input lands in vector lanes and in scalar tails
    for (int off = 0; off < 4; off++) {
      int n = x.length - off;
      double[] src = java.util.Arrays.copyOfRange(x, off, x.length);
      double[] v = new double[n];
      double[] s = new double[n];
      DetMath.tanh(src, 0, v, 0, n);
      for (int i = 0; i < n; i++) {
        s[i] = DetMath.tanh(src[i]);
      }
      same(s, v, src, "tanh");
      DetMath.sigmoid(src, 0, v, 0, n);
      for (int i = 0; i < n; i++) {
        s[i] = DetMath.sigmoid(src[i]);
      }
      same(s, v, src, "sigmoid");
      DetMath.exp(src, 0, v, 0, n);
      for (int i = 0; i < n; i++) {
        s[i] = DetMath.exp(src[i]);
      }
      same(s, v, src, "exp");
    }
  }
}
