package org.rnnlab.procedure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.task.SequenceTask;

/** The bptt procedure, with a validation set, a named longer set and both tracked. */
class BpttTrainingTest extends ProcedureContractTest {
  @Override
  protected String configJson() {
    return """
        {"task": {"type": "adding", "seq_len": 8},
         "model": {"cell": {"type": "lstm"}, "hidden_size": 5},
         "training": {"type": "bptt", "optimizer": {"type": "adam", "lr": 0.01}, "batch_size": 4, "steps": 6},
         "evaluation": {"every": 2, "test_size": 20, "validation_size": 10, "track": ["test", "long"],
                        "sets": {"long": {"task": {"type": "adding", "seq_len": 16}, "size": 12}}}}
        """;
  }

  @Test
  void everySetHasItsMetricsWithItsPrefixAndTheTrackedOnesACurve() {
    assertEquals(List.of("loss", "mse", "solved_fraction", "steps_to_solve", "validation.loss", "validation.mse",
        "validation.solved_fraction", "long.loss", "long.mse", "long.solved_fraction"),
        config().training().metrics(config()));
    RecordingRecorder r = run(1, 2);
    for (long step : new long[] {0, 2, 4, 6}) {
      assertTrue(r.curve.stream().anyMatch(l -> l.startsWith(step + ",long.mse,")), "long tracked at " + step);
      assertTrue(r.curve.stream().anyMatch(l -> l.startsWith(step + ",mse,")), "test tracked at " + step);
    }
    assertTrue(r.curve.stream().noneMatch(l -> l.contains(",validation.")), "validation is measured, not tracked");
    String lastTest = r.curve.stream().filter(l -> l.startsWith("6,mse,")).findFirst().orElseThrow();
    assertEquals(lastTest.substring("6,mse,".length()),
        Long.toHexString(Double.doubleToLongBits(r.metrics.get("mse"))), "the final test metric is the last tracked one");
  }

  @Test
  void theSetsAreTheSameSequencesForEveryVariant() {
    // another model at the same test seed: the same sets, so the baseline-like first evaluation of the
    // losses differs only through the model, and the set sizes are as asked
    TrialConfig c = config();
    EvaluationSets a = new EvaluationSets(new Trial(c, 1, 2), ((SequenceTask) c.task().create()));
    EvaluationSets b = new EvaluationSets(new Trial(c, 99, 2), ((SequenceTask) c.task().create()));
    for (String set : List.of("test", "validation", "long")) {
      assertEquals(java.util.Arrays.toString(a.batch(set).inputs()), java.util.Arrays.toString(b.batch(set).inputs()),
          set);
    }
    assertEquals(20, a.batch("test").size());
    assertEquals(10, a.batch("validation").size());
    assertEquals(16, a.batch("long").steps());
  }

  /** The test mse at step 0 (before any update) of the adding problem with a zero readout and a pretraining. */
  private static double mseBeforeTraining(String pretrain) {
    TrialConfig c;
    try {
      c = org.rnnlab.spec.Catalog.standard().mapper().readValue("""
          {"task": {"type": "adding", "seq_len": 8},
           "model": {"cell": {"type": "elman"}, "hidden_size": 5, "readout_init": {"type": "normal", "std": 0.0}},
           "training": {"type": "bptt", "optimizer": {"type": "sgd", "lr": 0.01}, "batch_size": 4, "steps": 1
                        PRETRAIN},
           "evaluation": {"test_size": 4000}}
          """.replace("PRETRAIN", pretrain), TrialConfig.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    assertEquals(List.of(), c.training().check(c));
    RecordingRecorder r = new RecordingRecorder();
    c.training().create().run(new Trial(c, 5, 6), r);
    String first = r.curve.stream().filter(l -> l.startsWith("0,mse,")).findFirst().orElseThrow();
    return Double.longBitsToDouble(Long.parseUnsignedLong(first.substring("0,mse,".length()), 16));
  }

  @Test
  void theReadoutCanStartFromTheTrainingData() {
    // a zero readout predicts 0: mse E[(X1+X2)^2] = 7/6; the mean-target bias predicts about E[X1+X2] = 1: mse
    // about Var = 1/6; a ridge readout of the initial hidden states does at least as well as the bias alone
    double zero = mseBeforeTraining("");
    double bias = mseBeforeTraining(", \"callbacks\": {\"pretrain_readout\": {\"fit\": \"bias\", \"sequences\": 3000}}");
    double ridge = mseBeforeTraining(", \"callbacks\": {\"pretrain_readout\": {\"fit\": \"ridge\", \"sequences\": 3000}}");
    assertEquals(7.0 / 6.0, zero, 0.05);
    assertEquals(1.0 / 6.0, bias, 0.01);
    assertTrue(ridge < bias, "ridge " + ridge + " vs bias " + bias);
  }
}
