package org.rnnlab.engine.init;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.rnnlab.config.Hyper;
import org.rnnlab.engine.Rng;

/**
 * A random (semi-)orthogonal block times gain (Saxe, McClelland and Ganguli 2014): QR of a
 * Gaussian matrix with the signs of R's diagonal folded into Q, as in PyTorch.
 */
public record OrthogonalInit(
    @Hyper(doc = "Scale factor on the orthogonal matrix.", min = 0, exclusiveMin = true,
        defaultValue = "1.0") Double gain) implements Initializer {
  public OrthogonalInit {
    gain = gain == null ? 1.0 : gain;
  }

  @Override
  public void fill(double[] v, int off, int rows, int cols, double defaultBound, Rng rng) {
    boolean tall = rows >= cols;
    int r = tall ? rows : cols;
    int c = tall ? cols : rows;
    DMatrixRMaj g = new DMatrixRMaj(r, c);
    for (int i = 0; i < r * c; i++) {
      g.data[i] = rng.gaussian();
    }
    QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(r, c);
    if (!qr.decompose(g)) {
      throw new IllegalStateException("QR decomposition failed");
    }
    DMatrixRMaj q = qr.getQ(null, true);
    DMatrixRMaj rr = qr.getR(null, true);
    for (int j = 0; j < c; j++) {
      double s = rr.get(j, j) < 0 ? -1.0 : 1.0;
      for (int i = 0; i < r; i++) {
        q.set(i, j, q.get(i, j) * s);
      }
    }
    if (!tall) {
      q = CommonOps_DDRM.transpose(q, null);
    }
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        v[off + i * cols + j] = gain * q.get(i, j);
      }
    }
  }
}
