package org.rnnlab.procedure;

import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.data.Split;
import org.rnnlab.task.TaskConfig;

/**
 * A named evaluation set besides test and validation, e.g. sequences longer than any seen in
 * training: its own task (same input and output shapes as the trial's), drawn like the split it names.
 */
public record EvaluationSet(
    @Hyper(doc = "The task the set's sequences come from, e.g. the trial's task at a longer seq_len.") TaskConfig task,
    @OptionalKey @Hyper(doc = "Sequences: a generated task draws this many; a dataset takes the first this many "
        + "of the split; absent: the whole split (datasets only).", min = 1) Integer size,
    @Hyper(doc = "Which split of the set's task to draw from.", allowed = {"test", "validation"},
        defaultValue = "\"test\"") String split) {
  public EvaluationSet {
    if (task == null) {
      throw new IllegalArgumentException("an evaluation set needs a task");
    }
    split = split == null ? "test" : split;
    if (!split.equals("test") && !split.equals("validation")) {
      throw new IllegalArgumentException("split must be test or validation, got " + split);
    }
  }

  /** The split as an enum. */
  public Split splitOf() {
    return split.equals("test") ? Split.TEST : Split.VALIDATION;
  }
}
