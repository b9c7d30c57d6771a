package org.rnnlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.task.AddingProblemTask;
import org.rnnlab.task.OffsetTaggingTask;

/** The output_recurrence model type: the model contract, and the tasks it refuses. */
class OutputRecurrenceModelTest extends ModelContractTest {
  @Override
  protected String type() {
    return OutputRecurrenceModel.TYPE;
  }

  @Override
  protected String trialJson() {
    return """
        {"task": {"type": "echo", "alphabet": 3, "length": 6},
         "model": {"type": "output_recurrence", "hidden_size": 8},
         "training": {"type": "bptt", "optimizer": {"type": "adam", "lr": 0.01}, "batch_size": 4, "steps": 3},
         "evaluation": {"test_size": 10}}
        """;
  }

  @Test
  void realInputsAreRefusedAndTokenTaggingIsAccepted() {
    OutputRecurrenceModel m = new OutputRecurrenceModel(4, null);
    assertEquals(List.of("/type"), m.check(new AddingProblemTask.Config(10, null)).stream()
        .map(ModelProblem::pointer).toList());
    assertEquals(List.of(), m.check(new OffsetTaggingTask.Config(4, 1, "behind", 3, 5, 0.0)));
  }
}
