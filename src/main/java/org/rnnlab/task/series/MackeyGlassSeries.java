package org.rnnlab.task.series;

/**
 * The Mackey-Glass delay differential equation (Mackey and Glass 1977; anchors.md),
 * <pre>
 *   dx/dt = a x(t - tau) / (1 + x(t - tau)^n) - b x(t),
 * </pre>
 * chaotic for tau = 17 (a = 0.2, b = 0.1, n = 10), sampled every {@code sampleStep} time units.
 *
 * <p>Integrator: classical RK4 with step {@code dt} (tau/dt and sampleStep/dt integers, so the
 * delay and the samples fall on the grid); the delayed value at a half step is the cubic
 * Hermite interpolant of the two neighbouring grid points and their derivatives (the RK4
 * continuous extension, fourth order like the step). Initial history: x(t) = x0 for t in
 * [-tau, 0]. Sample k is x(k * sampleStep), k >= discard: sample 0 (discard 0) is x0.
 * Only +, -, *, / in a fixed order (x^n by repeated squaring), so every machine gives the
 * same bits.
 *
 * <p>reservoirpy's {@code mackey_glass(n_timesteps)} uses the same equation and x0 = 1.2 with
 * one step of h = 1 per sample, the delayed value held fixed over the step, and a random history
 * around x0; its values therefore differ from ours after the first sample (docs/reservoirs.md).
 */
public record MackeyGlassSeries(double tau, double a, double b, int n, double dt, double sampleStep, double x0,
                                int discard) {
  public MackeyGlassSeries {
    if (!(tau > 0 && dt > 0 && sampleStep > 0) || n < 1 || discard < 0) {
      throw new IllegalArgumentException("need tau, dt, sampleStep > 0, n >= 1, discard >= 0");
    }
    checkMultiple(tau, dt, "tau");
    checkMultiple(sampleStep, dt, "sampleStep");
  }

  /** tau = 17, a = 0.2, b = 0.1, n = 10, x0 = 1.2, RK4 step 0.1, one sample per time unit, no discard. */
  public static MackeyGlassSeries standard() {
    return new MackeyGlassSeries(17.0, 0.2, 0.1, 10, 0.1, 1.0, 1.2, 0);
  }

  /** The same series with the first {@code samples} samples dropped (a transient). */
  public MackeyGlassSeries discarding(int samples) {
    return new MackeyGlassSeries(tau, a, b, n, dt, sampleStep, x0, samples);
  }

  private static void checkMultiple(double v, double dt, String name) {
    long k = Math.round(v / dt);
    if (k < 1 || Math.abs(k * dt - v) > 1e-9 * v) {
      throw new IllegalArgumentException(name + " = " + v + " is not a whole number of steps dt = " + dt);
    }
  }

  /** dx/dt for state x and delayed value xd. */
  private double rate(double x, double xd) {
    return a * xd / (1.0 + power(xd)) - b * x;
  }

  /** xd^n by repeated squaring. */
  private double power(double xd) {
    double result = 1.0;
    double base = xd;
    for (int e = n; e > 0; e >>= 1) {
      if ((e & 1) != 0) {
        result *= base;
      }
      base *= base;
    }
    return result;
  }

  /** {@code length} samples, starting at sample {@code discard}. */
  public double[] generate(int length) {
    if (length <= 0) {
      return new double[0];
    }
    int m = (int) Math.round(tau / dt);
    int per = (int) Math.round(sampleStep / dt);
    int steps = (discard + length - 1) * per; // grid points 0..steps
    double[] x = new double[steps + 1];
    double[] f = new double[steps + 1]; // dx/dt at the grid points
    x[0] = x0;
    f[0] = rate(x0, x0);
    double half = 0.5 * dt;
    for (int i = 0; i < steps; i++) {
      int j = i - m; // the delayed interval is [t_j, t_{j+1}]
      double d0 = j < 0 ? x0 : x[j];
      double d1 = j + 1 < 0 ? x0 : x[j + 1];
      double dh = j < 0 ? x0 : 0.5 * (x[j] + x[j + 1]) + dt * (f[j] - f[j + 1]) / 8.0;
      double xi = x[i];
      double k1 = rate(xi, d0);
      double k2 = rate(xi + half * k1, dh);
      double k3 = rate(xi + half * k2, dh);
      double k4 = rate(xi + dt * k3, d1);
      x[i + 1] = xi + dt / 6.0 * (k1 + 2.0 * k2 + 2.0 * k3 + k4);
      f[i + 1] = rate(x[i + 1], d1);
    }
    double[] out = new double[length];
    for (int k = 0; k < length; k++) {
      out[k] = x[(discard + k) * per];
    }
    return out;
  }
}
