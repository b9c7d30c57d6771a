package org.rnnlab.engine.reservoir;

import java.util.Arrays;
import org.rnnlab.engine.linalg.Cholesky;
import org.rnnlab.engine.linalg.Gram;

/**
 * Closed-form ridge regression of targets on feature rows with a bias column (seed 000, 7.4:
 * "the objective function would still evaluate to a case of linear regression"; Lukosevicius
 * 2012, eq. 9): with X the rows augmented by a leading 1,
 * <pre>
 *   beta = (X^T X + lambda D)^-1 X^T Y,   D = diag(0, 1, ..., 1)
 * </pre>
 * so the bias is not penalised (reservoirpy's Ridge: it centres the data, which is the same
 * solution); {@code regularizeBias} puts lambda on the bias too (D = I, Lukosevicius' formula
 * with the bias inside X). lambda is absolute, on sums over rows, as in reservoirpy.
 *
 * <p>Solved by {@link Cholesky} on the (1 + F)^2 normal equations; the Gram matrix comes from
 * {@link Gram} once per split and is reused for every lambda of a grid. Every number is a
 * fixed-order chain, so fits are the same bits on every machine. A fitter holds work buffers
 * for one feature and output size; not thread-safe.
 */
public final class RidgeFitter {
  private final int features;
  private final int outputs;
  private final boolean regularizeBias;
  private final int dim;
  private final double[] a;
  private final double[] beta;
  private final Cholesky cholesky = new Cholesky();
  private double[] pred = new double[0];

  /** Rows {@code [0, rows)} of features {@code x[xOff + r*ldx + f]} with targets {@code y[yOff + r*ldy + o]}. */
  public record Samples(double[] x, int xOff, int ldx, double[] y, int yOff, int ldy, int rows) {
    /** Rows [from, to) of a feature matrix and a target matrix that share row numbers. */
    public static Samples rows(double[] x, int ldx, double[] y, int ldy, int from, int to) {
      if (from < 0 || to < from) {
        throw new IllegalArgumentException("bad row range [" + from + ", " + to + ")");
      }
      return new Samples(x, from * ldx, ldx, y, from * ldy, ldy, to - from);
    }
  }

  /** The sufficient statistics of some rows: X^T X and X^T Y with the bias column; they add. */
  public static final class Moments {
    final int dim;
    final int outputs;
    final double[] gram;
    final double[] xty;

    Moments(int dim, int outputs) {
      this.dim = dim;
      this.outputs = outputs;
      gram = new double[dim * dim];
      xty = new double[dim * outputs];
    }

    /** Number of rows summed (the bias entry of the Gram matrix). */
    public double rows() {
      return gram[0];
    }

    /** The element-wise sum of this and {@code o} (the statistics of both row sets). */
    public Moments plus(Moments o) {
      if (o.dim != dim || o.outputs != outputs) {
        throw new IllegalArgumentException("moments of different shapes");
      }
      Moments s = new Moments(dim, outputs);
      for (int i = 0; i < gram.length; i++) {
        s.gram[i] = gram[i] + o.gram[i];
      }
      for (int i = 0; i < xty.length; i++) {
        s.xty[i] = xty[i] + o.xty[i];
      }
      return s;
    }
  }

  /**
   * The outcome of a grid search: the readout refitted with the best lambda, its index, and the
   * validation mean squared error (over rows and outputs) of every lambda (+inf where the normal
   * equations were not positive definite).
   */
  public record Selection(RidgeReadout readout, int best, double[] lambdas, double[] validationMse) {
    /** The chosen lambda. */
    public double lambda() {
      return lambdas[best];
    }
  }

  /** A fitter for rows of {@code features} values and {@code outputs} targets. */
  public RidgeFitter(int features, int outputs, boolean regularizeBias) {
    if (features < 0 || outputs < 1) {
      throw new IllegalArgumentException("need features >= 0 and outputs >= 1");
    }
    this.features = features;
    this.outputs = outputs;
    this.regularizeBias = regularizeBias;
    this.dim = features + 1;
    this.a = new double[dim * dim];
    this.beta = new double[dim * outputs];
  }

  /** X^T X and X^T Y of the samples, with the bias column first. */
  public Moments moments(Samples s) {
    Moments m = new Moments(dim, outputs);
    int rows = s.rows();
    double[] g = m.gram;
    double[] c = m.xty;
    g[0] = rows;
    for (int r = 0; r < rows; r++) { // column sums in row order (the bias row and column)
      int xr = s.xOff() + r * s.ldx();
      for (int f = 0; f < features; f++) {
        g[1 + f] += s.x()[xr + f];
      }
      int yr = s.yOff() + r * s.ldy();
      for (int o = 0; o < outputs; o++) {
        c[o] += s.y()[yr + o];
      }
    }
    for (int f = 0; f < features; f++) {
      g[(1 + f) * dim] = g[1 + f];
    }
    if (rows > 0 && features > 0) {
      Gram.xtx(s.x(), s.xOff(), s.ldx(), rows, features, g, dim + 1, dim);
      Gram.xty(s.x(), s.xOff(), s.ldx(), rows, features, s.y(), s.yOff(), s.ldy(), outputs, c, outputs, outputs);
    }
    return m;
  }

  /** The ridge solution for these statistics; throws if the system is not positive definite. */
  public RidgeReadout solve(Moments m, double lambda) {
    if (!trySolve(m, lambda)) {
      throw new ArithmeticException("ridge normal equations not positive definite at lambda = " + lambda
          + " (rows " + m.rows() + ", features " + features + ")");
    }
    return new RidgeReadout(features, outputs, beta, lambda);
  }

  /** Fits rows of one split with one lambda. */
  public RidgeReadout fit(Samples s, double lambda) {
    return solve(moments(s), lambda);
  }

  private boolean trySolve(Moments m, double lambda) {
    if (!(lambda >= 0.0)) {
      throw new IllegalArgumentException("lambda must be >= 0, got " + lambda);
    }
    System.arraycopy(m.gram, 0, a, 0, a.length);
    for (int i = regularizeBias ? 0 : 1; i < dim; i++) {
      a[i * dim + i] += lambda;
    }
    if (!cholesky.factor(a, 0, dim, dim)) {
      return false;
    }
    System.arraycopy(m.xty, 0, beta, 0, beta.length);
    Cholesky.solve(a, 0, dim, dim, beta, 0, outputs, outputs);
    for (double v : beta) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Chooses lambda from {@code lambdas} by the validation mean squared error of the readout
   * fitted on {@code train} (the first of equal errors wins), then refits with it on train and
   * validation together ({@code refitOnBoth}: the usual hold-out practice, so the final readout
   * sees all non-test rows) or on train alone.
   */
  public Selection select(Samples train, Samples validation, double[] lambdas, boolean refitOnBoth) {
    if (lambdas.length == 0 || validation.rows() == 0) {
      throw new IllegalArgumentException("need at least one lambda and one validation row");
    }
    Moments tm = moments(train);
    int vr = validation.rows();
    if (pred.length < vr * outputs) {
      pred = new double[vr * outputs];
    }
    double[] mse = new double[lambdas.length];
    int best = -1;
    for (int k = 0; k < lambdas.length; k++) {
      if (!trySolve(tm, lambdas[k])) {
        mse[k] = Double.POSITIVE_INFINITY;
        continue;
      }
      new RidgeReadout(features, outputs, beta, lambdas[k]).predict(validation.x(), validation.xOff(),
          validation.ldx(), vr, pred, 0);
      mse[k] = meanSquaredError(pred, validation);
      if (best < 0 || mse[k] < mse[best]) {
        best = k;
      }
    }
    if (best < 0 || !Double.isFinite(mse[best])) {
      throw new ArithmeticException("no lambda of " + Arrays.toString(lambdas) + " gave a finite validation error");
    }
    Moments fm = refitOnBoth ? tm.plus(moments(validation)) : tm;
    return new Selection(solve(fm, lambdas[best]), best, lambdas.clone(), mse);
  }

  private double meanSquaredError(double[] p, Samples s) {
    double sum = 0.0;
    for (int r = 0; r < s.rows(); r++) {
      int yr = s.yOff() + r * s.ldy();
      for (int o = 0; o < outputs; o++) {
        double e = p[r * outputs + o] - s.y()[yr + o];
        sum = Math.fma(e, e, sum);
      }
    }
    return sum / ((double) s.rows() * outputs);
  }

  /** 10^e for e = from..to: a log grid of exact decades (1e-10, ..., 1e-1). */
  public static double[] decades(int from, int to) {
    double[] g = new double[Math.abs(to - from) + 1];
    int step = to >= from ? 1 : -1;
    for (int i = 0; i < g.length; i++) {
      g[i] = Double.parseDouble("1e" + (from + i * step));
    }
    return g;
  }
}
