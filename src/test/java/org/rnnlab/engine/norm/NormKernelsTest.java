package org.rnnlab.engine.norm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Rng;

/** The row sum adds in exactly the order its documentation fixes, at every length and offset. */
class NormKernelsTest {
  /** The documented order, written out in scalar code. */
  static double reference(double[] a, int off, int n) {
    int n16 = n & ~15;
    double[] p = new double[16];
    for (int j = 0; j < n16; j++) {
      p[j % 16] += a[off + j];
    }
    double[] q = new double[8];
    for (int k = 0; k < 8; k++) {
      q[k] = p[k] + p[k + 8];
    }
    double s = ((q[0] + q[1]) + (q[2] + q[3])) + ((q[4] + q[5]) + (q[6] + q[7]));
    for (int j = n16; j < n; j++) {
      s += a[off + j];
    }
    return s;
  }

  @Test
  void sumAddsInTheDocumentedOrder() {
    Rng r = Rng.of(1);
    double[] a = new double[300];
    for (int i = 0; i < a.length; i++) {
      // magnitudes spread over many binades, so that any other order gives other bits
      a[i] = r.gaussian() * StrictMath.pow(10, r.nextInt(12) - 6);
    }
    for (int n = 0; n <= 70; n++) {
      for (int off = 0; off < 3; off++) {
        assertEquals(Double.doubleToRawLongBits(reference(a, off, n)),
            Double.doubleToRawLongBits(NormKernels.sum(a, off, n)), "n = " + n + ", offset " + off);
      }
    }
    assertEquals(Double.doubleToRawLongBits(reference(a, 5, 295)), Double.doubleToRawLongBits(NormKernels.sum(a, 5, 295)));
  }
}
