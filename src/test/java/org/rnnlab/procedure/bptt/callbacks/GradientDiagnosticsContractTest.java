package org.rnnlab.procedure.bptt.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnnlab.procedure.RecordingRecorder;
import org.rnnlab.procedure.bptt.CallbackContractTest;
import org.rnnlab.results.Measures;

/** The callback contract for {@code diagnostics}. */
class GradientDiagnosticsContractTest extends CallbackContractTest {
  @Override
  protected String key() {
    return "diagnostics";
  }

  @Override
  protected String settingsJson() {
    return "{\"every\": 4, \"probe_size\": 3, \"jacobian\": true}";
  }

  /**
   * A float32 trial is probed on a float64 copy of its weights: at update 0 those are the float64 trial's
   * initial weights rounded to float, so the measurements agree with the float64 trial's closely (not bit for
   * bit: the weights differ in their last bits).
   */
  @Test
  void aFloat32TrialIsProbedOnItsOwnWeightsInDouble() {
    RecordingRecorder f64 = run(config(true), 3);
    RecordingRecorder f32 = run(float32Config(true), 3);
    for (String m : new String[] {Measures.FLOW_RATE_INIT, Measures.RADIUS_INIT, Measures.SIGMA_INIT}) {
      double a = f64.metrics.get(m);
      double b = f32.metrics.get(m);
      assertTrue(Double.isFinite(a) && a != 0.0, m + " " + a);
      assertNotEquals(a, b, m + ": the float32 trial's own (rounded) weights, not the float64 ones");
      assertEquals(a, b, 1e-6 * Math.abs(a), m); // measured 2e-9 (flow rate) to 1.1e-8 (sigma_max) relative
    }
    // after training the two trials have drifted apart, but the probes follow the float32 weights: what the
    // copy measures at the last update is the trained float32 model's radius, not its initial one
    assertNotEquals(f32.metrics.get(Measures.RADIUS_INIT), f32.metrics.get(Measures.RADIUS_FINAL));
    assertEquals(f64.metrics.get(Measures.RADIUS_FINAL), f32.metrics.get(Measures.RADIUS_FINAL),
        1e-4 * Math.abs(f64.metrics.get(Measures.RADIUS_FINAL))); // measured 1.4e-6 after the 12 updates
  }
}
