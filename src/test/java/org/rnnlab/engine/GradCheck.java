package org.rnnlab.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleSupplier;

/**
 * Finite differences in double precision, the universal test of a backward pass. A fourth-order
 * central stencil, (-f(x+2h) + 8f(x+h) - 8f(x-h) + f(x-2h)) / 12h, keeps both the truncation
 * error (~h^4) and the round-off (~1e-16 |f| / h) near 1e-12, so that even small gradient
 * entries are checked to the tolerance.
 */
public final class GradCheck {
  private GradCheck() {}

  /** Step of the stencil. */
  public static final double EPS = 1e-4;
  /** Largest accepted relative error. */
  public static final double TOLERANCE = 1e-6;
  /**
   * Absolute allowance per unit of |loss|: the loss itself is only known to some ulps, so no
   * difference stencil resolves gradient entries below ~1e-12 |L| (e.g. an exact 0 on a padding
   * step reads as 1e-13). 1e-10 is far below any error a wrong backward pass makes.
   */
  public static final double ROUND_OFF = 1e-10;

  /**
   * Compares {@code analytic[i]} with the central difference of {@code loss} in {@code x[i]}
   * for every i, and fails with the worst entry if |a - n| exceeds
   * TOLERANCE * (|a| + |n|) + ROUND_OFF * max(1, |L|). Returns the worst relative error.
   */
  public static double check(String what, double[] x, int off, int n, double[] analytic, int aOff,
                             DoubleSupplier loss) {
    double worst = 0.0;
    String where = "";
    double norm = 0.0;
    for (int i = 0; i < n; i++) {
      norm += Math.abs(analytic[aOff + i]);
    }
    assertTrue(norm > 0.0, what + ": analytic gradient is identically zero: the check would be vacuous");
    double allowance = ROUND_OFF * Math.max(1.0, Math.abs(loss.getAsDouble()));
    for (int i = 0; i < n; i++) {
      double keep = x[off + i];
      x[off + i] = keep + 2 * EPS;
      double up2 = loss.getAsDouble();
      x[off + i] = keep + EPS;
      double up = loss.getAsDouble();
      x[off + i] = keep - EPS;
      double down = loss.getAsDouble();
      x[off + i] = keep - 2 * EPS;
      double down2 = loss.getAsDouble();
      x[off + i] = keep;
      double num = (-up2 + 8 * up - 8 * down + down2) / (12 * EPS);
      double a = analytic[aOff + i];
      double excess = Math.abs(a - num) - allowance;
      double rel = excess <= 0 ? 0.0 : excess / (Math.abs(a) + Math.abs(num));
      if (rel > worst) {
        worst = rel;
        where = "index " + i + ": analytic " + a + ", numeric " + num;
      }
    }
    assertTrue(worst <= TOLERANCE, what + ": relative error " + worst + " at " + where);
    return worst;
  }
}
