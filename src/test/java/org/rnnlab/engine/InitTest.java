package org.rnnlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Params.Param;
import org.rnnlab.engine.cell.ElmanLayer;
import org.rnnlab.engine.cell.GruLayer;
import org.rnnlab.engine.cell.LstmLayer;
import org.rnnlab.engine.init.GlorotInit;
import org.rnnlab.engine.init.IdentityInit;
import org.rnnlab.engine.init.Initializer;
import org.rnnlab.engine.init.OrthogonalInit;
import org.rnnlab.engine.init.PyTorchInit;
import org.rnnlab.engine.init.SparseSpectralInit;
import org.rnnlab.engine.init.UniformFanInInit;
import org.rnnlab.engine.loss.MseLoss;

/** The weight initialisers, their use per gate block, and the reproducibility of initialisation. */
class InitTest {
  private static final double GUARD = 777.0;

  /** Fills a rows x cols block at offset 3 of a guarded array; checks the guard and returns the block. */
  private static double[] fill(Initializer init, int rows, int cols, long seed) {
    double[] v = new double[rows * cols + 6];
    Arrays.fill(v, GUARD);
    init.fill(v, 3, rows, cols, 0.123, Rng.of(seed));
    for (int i : new int[] {0, 1, 2, v.length - 3, v.length - 2, v.length - 1}) {
      assertEquals(GUARD, v[i], 0.0, "wrote outside the block");
    }
    return Arrays.copyOfRange(v, 3, 3 + rows * cols);
  }

  /** A * A^T (rows x rows) of a row-major rows x cols matrix, or A^T A if transpose. */
  private static double[][] gram(double[] a, int rows, int cols, boolean transpose) {
    int n = transpose ? cols : rows;
    double[][] g = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0.0;
        int len = transpose ? rows : cols;
        for (int k = 0; k < len; k++) {
          s += transpose ? a[k * cols + i] * a[k * cols + j] : a[i * cols + k] * a[j * cols + k];
        }
        g[i][j] = s;
      }
    }
    return g;
  }

  private static void assertScaledIdentity(double[][] g, double d, double tol) {
    for (int i = 0; i < g.length; i++) {
      for (int j = 0; j < g.length; j++) {
        assertEquals(i == j ? d : 0.0, g[i][j], tol, "entry " + i + "," + j);
      }
    }
  }

  @Test
  void orthogonalSquareAndRectangular() {
    double gain = 1.5;
    OrthogonalInit init = new OrthogonalInit(gain);
    // square: Q Q^T = Q^T Q = gain^2 I
    double[] sq = fill(init, 6, 6, 1);
    assertScaledIdentity(gram(sq, 6, 6, false), gain * gain, 1e-12);
    assertScaledIdentity(gram(sq, 6, 6, true), gain * gain, 1e-12);
    // wide (3 x 7): orthonormal rows, Q Q^T = gain^2 I_3
    assertScaledIdentity(gram(fill(init, 3, 7, 2), 3, 7, false), gain * gain, 1e-12);
    // tall (7 x 3): orthonormal columns, Q^T Q = gain^2 I_3
    assertScaledIdentity(gram(fill(init, 7, 3, 3), 7, 3, true), gain * gain, 1e-12);
    // different streams, different matrices; same stream, same bits
    assertFalse(Arrays.equals(sq, fill(init, 6, 6, 4)));
    assertTrue(Arrays.equals(sq, fill(init, 6, 6, 1)));
  }

  @Test
  void orthogonalActsPerGateBlock() {
    // an LSTM's weight_hh is 4 stacked hidden x hidden blocks, each orthogonal on its own
    int hid = 6;
    SequenceModel m = new SequenceModel(new LstmLayer.Config(1.0), 2, hid, 1, 1, ReadoutMode.LAST, new MseLoss());
    m.initialize(new PyTorchInit(), new OrthogonalInit(1.0), Rng.of(9));
    Param w = m.params().get("weight_hh_l0");
    for (int g = 0; g < 4; g++) {
      double[] block = Arrays.copyOfRange(m.params().values(), w.offset() + g * hid * hid, w.offset() + (g + 1) * hid * hid);
      assertScaledIdentity(gram(block, hid, hid, false), 1.0, 1e-12);
    }
  }

  @Test
  void identity() {
    double[] sq = fill(new IdentityInit(1.0), 4, 4, 1);
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        assertEquals(i == j ? 1.0 : 0.0, sq[i * 4 + j], 0.0);
      }
    }
    double[] wide = fill(new IdentityInit(0.5), 3, 5, 1);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 5; j++) {
        assertEquals(i == j ? 0.5 : 0.0, wide[i * 5 + j], 0.0);
      }
    }
    double[] tall = fill(new IdentityInit(null), 5, 2, 1);
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 2; j++) {
        assertEquals(i == j ? 1.0 : 0.0, tall[i * 2 + j], 0.0);
      }
    }
  }

  /** All entries in [-bound, bound], the largest beyond 0.95 bound, the mean near 0. */
  private static void assertUniform(double[] v, double bound) {
    double max = 0.0;
    double sum = 0.0;
    for (double x : v) {
      assertTrue(Math.abs(x) <= bound, x + " outside +-" + bound);
      max = Math.max(max, Math.abs(x));
      sum += x;
    }
    assertTrue(max > 0.95 * bound, "largest |w| " + max + " far below the bound " + bound);
    // the mean of n uniforms on +-b has sd b/sqrt(3n)
    assertEquals(0.0, sum / v.length, 5 * bound / Math.sqrt(3.0 * v.length));
  }

  @Test
  void glorotBound() {
    assertUniform(fill(new GlorotInit(1.0), 40, 60, 1), Math.sqrt(6.0 / 100));
    assertUniform(fill(new GlorotInit(2.0), 30, 10, 2), 2.0 * Math.sqrt(6.0 / 40));
  }

  @Test
  void uniformFanInBound() {
    assertUniform(fill(new UniformFanInInit(), 40, 25, 1), 1.0 / 5.0);
    assertUniform(fill(new UniformFanInInit(), 10, 100, 2), 1.0 / 10.0);
  }

  /** Spectral radius by commons-math's eigen-decomposition, not the one the initialiser uses. */
  private static double radiusCommonsMath(double[] v, int n) {
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(v, i * n, a[i], 0, n);
    }
    EigenDecomposition e = new EigenDecomposition(new Array2DRowRealMatrix(a));
    double max = 0.0;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, Math.hypot(e.getRealEigenvalue(i), e.getImagEigenvalue(i)));
    }
    return max;
  }

  private static double radiusEjml(double[] v, int n) {
    DMatrixRMaj m = new DMatrixRMaj(n, n);
    System.arraycopy(v, 0, m.data, 0, n * n);
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false);
    assertTrue(eig.decompose(m));
    double max = 0.0;
    for (int i = 0; i < eig.getNumberOfEigenvalues(); i++) {
      max = Math.max(max, Math.hypot(eig.getEigenvalue(i).real, eig.getEigenvalue(i).imaginary));
    }
    return max;
  }

  @Test
  void sparseSpectralHasFixedFanInAndTheTargetRadius() {
    for (int[] c : new int[][] {{30, 5}, {16, 15}, {3, 15}}) {
      int n = c[0];
      int perUnit = c[1];
      double target = 1.1;
      double[] w = fill(new SparseSpectralInit(target, perUnit), n, n, 7 + n);
      for (int i = 0; i < n; i++) {
        int nz = 0;
        for (int j = 0; j < n; j++) {
          nz += w[i * n + j] != 0.0 ? 1 : 0;
        }
        assertEquals(Math.min(perUnit, n), nz, "non-zeros in row " + i + " of " + n + "x" + n);
      }
      assertEquals(target, radiusCommonsMath(w, n), 1e-9, "spectral radius (commons-math) n=" + n);
      assertEquals(target, radiusEjml(w, n), 1e-9, "spectral radius (EJML) n=" + n);
    }
    assertEquals(0.9, radiusCommonsMath(fill(new SparseSpectralInit(0.9, 3), 12, 12, 1), 12), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> fill(new SparseSpectralInit(1.1, 2), 3, 4, 1));
  }

  @Test
  void pytorchDefaultWithinOneOverSqrtHidden() {
    int hid = 16;
    for (var cell : new org.rnnlab.engine.cell.CellConfig[] {new ElmanLayer.Config("tanh"),
        new GruLayer.Config(true), new LstmLayer.Config(0.0)}) {
      SequenceModel m = new SequenceModel(cell, 7, hid, 2, 3, ReadoutMode.EVERY_STEP, new MseLoss());
      m.initialize(new PyTorchInit(), new PyTorchInit(), Rng.of(4));
      // nn.RNN/GRU/LSTM: every weight and bias U(+-1/sqrt(hidden)); nn.Linear(hidden, out):
      // U(+-1/sqrt(fan_in)), the same bound here. (The LSTM's forget-gate bias block is set to
      // forget_bias = 0 by the layer, so biases may hold zeros; weights may not.)
      double bound = 1.0 / Math.sqrt(hid);
      for (Param p : m.params().list()) {
        for (int i = 0; i < p.size(); i++) {
          double x = m.params().values()[p.offset() + i];
          assertTrue(Math.abs(x) <= bound && (x != 0.0 || p.kind() == Params.Kind.BIAS), p.name() + "[" + i + "] = " + x);
        }
      }
      assertUniform(m.params().values(), bound);
    }
  }

  @Test
  void lstmForgetGateBias() {
    int hid = 5;
    SequenceModel m = new SequenceModel(new LstmLayer.Config(2.5), 3, hid, 2, 1, ReadoutMode.LAST, new MseLoss());
    m.initialize(new PyTorchInit(), new PyTorchInit(), Rng.of(1));
    double[] v = m.params().values();
    for (int l = 0; l < 2; l++) {
      Param bih = m.params().get("bias_ih_l" + l);
      Param bhh = m.params().get("bias_hh_l" + l);
      for (int j = 0; j < 4 * hid; j++) {
        boolean forget = j >= hid && j < 2 * hid;
        if (forget) {
          assertEquals(2.5, v[bih.offset() + j], 0.0, "bias_ih_l" + l + "[" + j + "]");
          assertEquals(0.0, v[bhh.offset() + j], 0.0, "bias_hh_l" + l + "[" + j + "]");
        } else {
          // the other gates keep their random PyTorch biases
          assertTrue(v[bih.offset() + j] != 0.0 && Math.abs(v[bih.offset() + j]) <= 1 / Math.sqrt(hid));
          assertTrue(v[bhh.offset() + j] != 0.0 && Math.abs(v[bhh.offset() + j]) <= 1 / Math.sqrt(hid));
        }
      }
    }
  }

  private static double[] initLstm(int layers, Rng rng) {
    SequenceModel m = new SequenceModel(new LstmLayer.Config(1.0), 3, 4, layers, 2, ReadoutMode.LAST, new MseLoss());
    m.initialize(new GlorotInit(1.0), new OrthogonalInit(1.0), rng);
    return m.params().values().clone();
  }

  @Test
  void initialisationIsReproducibleAndStreamsAreIndependent() {
    assertTrue(Arrays.equals(initLstm(2, Rng.of(42)), initLstm(2, Rng.of(42))), "same seed, same parameters");
    assertFalse(Arrays.equals(initLstm(2, Rng.of(42)), initLstm(2, Rng.of(43))), "different seed");
    assertFalse(Arrays.equals(initLstm(2, Rng.of(42).child("a")), initLstm(2, Rng.of(42).child("b"))),
        "different child names");
    // adding a second layer does not change layer 0 or the readout (named child streams)
    SequenceModel one = new SequenceModel(new LstmLayer.Config(1.0), 3, 4, 1, 2, ReadoutMode.LAST, new MseLoss());
    SequenceModel two = new SequenceModel(new LstmLayer.Config(1.0), 3, 4, 2, 2, ReadoutMode.LAST, new MseLoss());
    one.initialize(new GlorotInit(1.0), new OrthogonalInit(1.0), Rng.of(42));
    two.initialize(new GlorotInit(1.0), new OrthogonalInit(1.0), Rng.of(42));
    for (Param p : one.params().list()) {
      Param q = two.params().get(p.name());
      assertTrue(Arrays.equals(
          Arrays.copyOfRange(one.params().values(), p.offset(), p.offset() + p.size()),
          Arrays.copyOfRange(two.params().values(), q.offset(), q.offset() + q.size())), p.name());
    }
    // and the two layers of the same model are not copies of each other
    Param w0 = two.params().get("weight_hh_l0");
    Param w1 = two.params().get("weight_hh_l1");
    assertFalse(Arrays.equals(
        Arrays.copyOfRange(two.params().values(), w0.offset(), w0.offset() + w0.size()),
        Arrays.copyOfRange(two.params().values(), w1.offset(), w1.offset() + w1.size())));
  }
}
