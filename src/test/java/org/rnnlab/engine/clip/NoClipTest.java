package org.rnnlab.engine.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.StepResult;
import org.rnnlab.engine.Params;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.Trainer;
import org.rnnlab.engine.optim.Optimizer;
import org.rnnlab.engine.optim.Sgd;

/** The explicit "no clipping" rule. */
class NoClipTest extends ClipContractTest {
  @Override
  protected GradientClip absolute(double threshold) {
    return new NoClip();
  }

  @Override
  protected GradientClip relative(double factor, int updates) {
    return new NoClip();
  }

  @Override
  protected double firingThreshold() {
    return 1.0;
  }

  @Override
  protected boolean clips() {
    return false;
  }

  @Override
  protected void assertBound(double threshold, Params p, double largestError) {}

  @Override
  protected Map<String, Double> expectedThresholds(double factor, List<Update> calibration, Params p) {
    return Map.of();
  }

  /** Training through the Trainer with none equals forward-backward and the optimiser alone, bit for bit. */
  @Test
  void trainingWithNoneIsThePlainLoop() {
    SequenceModel a = model();
    SequenceModel b = model();
    Trainer tr = new Trainer(a, new Sgd(0.1, null, null).create(a.params().size()), new NoClip(), 0);
    Optimizer sgd = new Sgd(0.1, null, null).create(b.params().size());
    Rng da = Rng.of(7);
    Rng db = Rng.of(7);
    for (int i = 0; i < 4; i++) {
      StepResult r = tr.step(batch(da));
      b.params().zeroGrads();
      assertEquals(b.forwardBackward(batch(db), 0, STEPS, null), r.loss(), 0.0);
      assertEquals(List.of(ClipStats.unchanged(GradientClip.norm(b.params().grads()), false)), r.clips());
      sgd.step(b.params().values(), b.params().grads());
      assertBits("update " + i, b.params().values(), a.params().values());
    }
    assertEquals(Map.of(), tr.clipper().thresholds());
  }
}
