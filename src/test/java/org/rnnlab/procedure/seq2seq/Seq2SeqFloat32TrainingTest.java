package org.rnnlab.procedure.seq2seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.rnnlab.engine.Precision;
import org.rnnlab.model.EncoderDecoderModel;
import org.rnnlab.procedure.RecordingRecorder;
import org.rnnlab.procedure.Trial;
import org.rnnlab.procedure.TrialConfig;

/**
 * Every seq2seq test again with a float32 model (the contract, resume from a checkpoint, the stored model measured
 * again, schedules, attention maps, checks), and agreement with the float64 trial.
 */
class Seq2SeqFloat32TrainingTest extends Seq2SeqTrainingTest {
  @Override
  protected String model() {
    return super.model().replace("\"attention\": true}", "\"attention\": true, \"precision\": \"float32\"}");
  }

  @Test
  void itIsFloat32AndAgreesWithTheFloat64TrialToFloatPrecision() {
    TrialConfig c32 = config();
    assertEquals(Precision.FLOAT32, c32.model(EncoderDecoderModel.class).arithmetic());
    TrialConfig c64 = parse(new Seq2SeqTrainingTest().configJson());
    RecordingRecorder r32 = new RecordingRecorder();
    c32.training().create().run(new Trial(c32, 5, 6), r32);
    RecordingRecorder r64 = new RecordingRecorder();
    c64.training().create().run(new Trial(c64, 5, 6), r64);
    double a = r32.metrics.get("loss");
    double b = r64.metrics.get("loss");
    assertNotEquals(b, a, "computed in float32");
    // 60 updates of Adam with scheduled sampling, whose model-token choices may flip at a near tie: 1e-3 relative
    assertEquals(b, a, 1e-3 * b, "test loss: float32 " + a + ", float64 " + b);
  }
}
