package org.rnnlab.procedure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Precision;
import org.rnnlab.model.OutputRecurrenceModel;

/**
 * The output_recurrence model in float32 through the bptt procedure: the procedure contract, agreement with the
 * float64 trial, and its stored model measured again to the same bits.
 */
class OutputRecurrenceFloat32TrialTest extends ProcedureContractTest {
  private static final String JSON = """
      {"task": {"type": "delayed_recall", "alphabet": 3, "items": 2, "delay": 2},
       "model": {"type": "output_recurrence", "hidden_size": 5PRECISION},
       "training": {"type": "bptt", "optimizer": {"type": "adam", "lr": 0.01}, "batch_size": 4, "steps": 6,
                    "clipping": {"type": "global_norm", "max_norm": 1.0}},
       "evaluation": {"every": 3, "test_size": 20, "validation_size": 10, "track": ["test", "validation"]}}
      """;

  @Override
  protected String configJson() {
    return JSON.replace("PRECISION", ", \"precision\": \"float32\"");
  }


  @Test
  void itAgreesWithTheFloat64TrialToFloatPrecisionAndItsStoredModelMeasuresTheSame() {
    TrialConfig c32 = config();
    assertEquals(Precision.FLOAT32, c32.model(OutputRecurrenceModel.class).arithmetic());
    TrialConfig c64 = parse(JSON.replace("PRECISION", ""));
    RecordingRecorder r32 = new RecordingRecorder();
    c32.training().create().run(new Trial(c32, 11, 12), r32);
    RecordingRecorder r64 = new RecordingRecorder();
    c64.training().create().run(new Trial(c64, 11, 12), r64);
    // losses after 6 Adam updates from the same (rounded) weights: float32's rounding carried through 6 updates,
    // bounded at 1e-5 relative (about 80 float ulps)
    for (String m : new String[] {"loss", "test_tf.loss", "validation.loss"}) {
      double a = r32.metrics.get(m);
      double b = r64.metrics.get(m);
      assertEquals(b, a, 1e-5 * b, m + ": float32 " + a + ", float64 " + b);
    }
    assertNotEquals(r64.metrics.get("loss"), r32.metrics.get("loss"), "computed in float32");
    // accuracies count the same argmaxes
    assertEquals(r64.metrics.get("accuracy"), r32.metrics.get("accuracy"));
    // the kept model (floats widened to double) measured again: the trial's own final metrics, bit for bit
    Map<String, Double> again = c32.training().evaluate(new Trial(c32, 11, 12), r32.model);
    again.forEach((k, v) -> {
      if (r32.metrics.containsKey(k) && !k.equals("steps_to_solve")) {
        assertEquals(r32.metrics.get(k), v, 0.0, k);
      }
    });
    // the stored weights are floats: rows of weight_ih (hidden x vocabulary), each entry a float widened
    int entries = 0;
    for (com.fasterxml.jackson.databind.JsonNode row : r32.model.path("weight_ih")) {
      for (com.fasterxml.jackson.databind.JsonNode v : row) {
        assertEquals((double) (float) v.asDouble(), v.asDouble(), 0.0);
        entries++;
      }
    }
    assertTrue(entries >= 5 * 3, entries + " entries of weight_ih");
  }
}
