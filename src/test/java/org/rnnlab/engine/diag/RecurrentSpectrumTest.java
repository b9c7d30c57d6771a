package org.rnnlab.engine.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.cell.LstmLayer;
import org.rnnlab.engine.init.NormalInit;
import org.rnnlab.engine.init.OrthogonalInit;
import org.rnnlab.engine.loss.MseLoss;

/** One entry per gate block of every W_hh, with the block's own spectrum. */
class RecurrentSpectrumTest {
  @Test
  void everyGateBlockOfEveryLayer() {
    int hid = 7;
    SequenceModel m = new SequenceModel(new LstmLayer.Config(1.0), 3, hid, 2, 1, ReadoutMode.LAST, new MseLoss());
    m.initialize(new NormalInit(0.5), new OrthogonalInit(1.3), Rng.of(3));
    List<RecurrentSpectrum.Block> got = RecurrentSpectrum.of(m.params());
    assertEquals(8, got.size(), "4 gates x 2 layers");
    double[] v = m.params().values();
    for (RecurrentSpectrum.Block b : got) {
      int off = m.params().get(b.param()).offset() + b.block() * hid * hid;
      double[] w = Arrays.copyOfRange(v, off, off + hid * hid);
      // an orthogonal block scaled by 1.3: every singular value and every |eigenvalue| is 1.3
      assertEquals(1.3, b.largestSingularValue(), 1e-13, b.toString());
      assertEquals(1.3, b.spectralRadius(), 1e-12, b.toString());
      assertEquals(org.rnnlab.engine.linalg.Spectral.radius(w, 0, hid), b.spectralRadius(), 0.0);
    }
    assertEquals("weight_hh_l1", got.get(7).param());
    assertEquals(3, got.get(7).block());
  }
}
