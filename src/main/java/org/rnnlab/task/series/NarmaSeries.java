package org.rnnlab.task.series;

import org.rnnlab.engine.Rng;

/**
 * NARMA-10 (Atiya and Parlos 2000; anchors.md): inputs u(t) ~ U[0, 0.5] and
 * <pre>
 *   y(t+1) = 0.3 y(t) + 0.05 y(t) sum_{i=0..9} y(t-i) + 1.5 u(t-9) u(t) + 0.1,
 * </pre>
 * y(t) = 0 for t &lt; 10. The task: read u(t), output y(t+1), which depends on the last ten
 * inputs. {@code order}, the coefficients and the input range are parameters (NARMA-n).
 *
 * <p>NARMA-10 can diverge (the quadratic term wins once y exceeds about 1.3; in a check with
 * NumPy draws, 8 of 300 sequences of 4000 steps did): a draw whose |y| exceeds {@code bound} is
 * discarded and the inputs redrawn from {@code rng.child(attempt)}, at most {@code maxAttempts}
 * times; the attempt used is reported. Fixed operation order: the same bits everywhere.
 */
public record NarmaSeries(int order, double a1, double a2, double b, double c, double inputMax, double bound,
                          int maxAttempts) {
  public NarmaSeries {
    if (order < 1 || !(inputMax > 0) || !(bound > 0) || maxAttempts < 1) {
      throw new IllegalArgumentException("need order >= 1, inputMax > 0, bound > 0, maxAttempts >= 1");
    }
  }

  /** NARMA-10 as in anchors.md, redrawing a diverged sequence (|y| &gt; 10) up to 100 times. */
  public static NarmaSeries narma10() {
    return new NarmaSeries(10, 0.3, 0.05, 1.5, 0.1, 0.5, 10.0, 100);
  }

  /**
   * One sequence: input[t] = u(t) and target[t] = y(t+1) for t in [0, length); the first
   * order - 1 targets are the zero initial condition (discard a washout). {@code attempt} is the
   * number of diverged draws before this one.
   */
  public record Sequence(double[] input, double[] target, int attempt) {}

  /** A sequence of {@code length} steps. */
  public Sequence generate(int length, Rng rng) {
    for (int attempt = 0; attempt < maxAttempts; attempt++) {
      Rng r = attempt == 0 ? rng : rng.child(attempt);
      double[] u = new double[length];
      for (int t = 0; t < length; t++) {
        u[t] = inputMax * r.nextDouble();
      }
      double[] y = new double[length + 1]; // y(0..length)
      boolean ok = true;
      for (int t = order - 1; t < length && ok; t++) {
        double sum = 0.0;
        for (int i = 0; i < order; i++) {
          sum += y[t - i];
        }
        y[t + 1] = a1 * y[t] + a2 * y[t] * sum + b * u[t - order + 1] * u[t] + c;
        ok = Math.abs(y[t + 1]) <= bound;
      }
      if (ok) {
        double[] target = new double[length];
        System.arraycopy(y, 1, target, 0, length);
        return new Sequence(u, target, attempt);
      }
    }
    throw new ArithmeticException("NARMA-" + order + " diverged in " + maxAttempts + " draws of " + length + " steps");
  }
}
