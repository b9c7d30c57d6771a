package org.rnnlab.engine.norm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Rng;

/** The row sum adds in exactly the order its documentation fixes, at every length and offset. */
class NormKernelsTest {
  /** The documented order, written out in scalar code. */
  static double reference(int kind, double[] a, int off, double[] b, double[] x, double c, int n) {
    double[] t = new double[n];
    for (int j = 0; j < n; j++) {
      double v = a[off + j];
      t[j] = switch (kind) {
        case NormKernels.SQUARED_DEVIATION -> (v - c) * (v - c);
        case NormKernels.PRODUCT -> v * b[j];
        case NormKernels.TRIPLE_PRODUCT -> v * b[j] * x[j];
        default -> v;
      };
    }
    int n32 = n & ~31;
    double[] p = new double[32];
    for (int j = 0; j < n32; j++) {
      p[j % 32] += t[j];
    }
    double[] q = new double[8];
    for (int k = 0; k < 8; k++) {
      q[k] = (p[k] + p[k + 16]) + (p[k + 8] + p[k + 24]);
    }
    double s = ((q[0] + q[1]) + (q[2] + q[3])) + ((q[4] + q[5]) + (q[6] + q[7]));
    for (int j = n32; j < n; j++) {
      s += t[j];
    }
    return s;
  }

  static double[] spread(long seed, int n) {
    Rng r = Rng.of(seed);
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      // magnitudes over many binades, so that any other order gives other bits
      a[i] = r.gaussian() * StrictMath.pow(10, r.nextInt(12) - 6);
    }
    return a;
  }

  @Test
  void sumAddsInTheDocumentedOrder() {
    double[] a = spread(1, 300);
    double[] b = spread(2, 300);
    double[] x = spread(3, 300);
    for (int kind = 0; kind < 4; kind++) {
      for (int n = 0; n <= 100; n++) {
        for (int off = 0; off < 3; off++) {
          double want = reference(kind, a, off, Arrays.copyOfRange(b, 7, 300), Arrays.copyOfRange(x, 11, 300), 0.3, n);
          double got = NormKernels.sum(kind, a, off, b, 7, x, 11, 0.3, n, new double[8]);
          assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got),
              "kind " + kind + ", n = " + n + ", offset " + off);
        }
      }
    }
    double[] pair = new double[16];
    for (int n = 0; n <= 70; n++) {
      NormKernels.sumProducts(a, 1, b, 2, x, 3, n, pair);
      assertEquals(Double.doubleToRawLongBits(NormKernels.sum(NormKernels.PRODUCT, a, 1, b, 2, null, 0, 0, n, new double[8])),
          Double.doubleToRawLongBits(pair[0]), "sum of products, n = " + n);
      assertEquals(Double.doubleToRawLongBits(NormKernels.sum(NormKernels.TRIPLE_PRODUCT, a, 1, b, 2, x, 3, 0, n, new double[8])),
          Double.doubleToRawLongBits(pair[1]), "sum of triple products, n = " + n);
    }
    assertEquals(Double.doubleToRawLongBits(reference(0, a, 5, null, null, 0, 295)),
        Double.doubleToRawLongBits(NormKernels.sum(NormKernels.PLAIN, a, 5, null, 0, null, 0, 0, 295, new double[8])));
  }
}
