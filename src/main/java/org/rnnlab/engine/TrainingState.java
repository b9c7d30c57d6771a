package org.rnnlab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;

/**
 * What a network's training carries from update to update and what its stored model holds, in either precision
 * (doubles at this boundary): {@link ParamsUpdate} and its float32 twin.
 */
public interface TrainingState {
  /** Whether every parameter is finite. */
  boolean finite();

  /** The parameters as a stored model's JSON, widened to double. */
  ObjectNode stateDict();

  /** Sets the parameters from {@link #stateDict}'s JSON; errors name {@code source}. */
  void loadStateDict(JsonNode root, String source);

  /** Writes the parameters, the optimiser's moments and the rule's calibration (groups model, optimizer, clipping). */
  void saveState(StateWriter out);

  /** Reads what {@link #saveState} wrote into the same parameters, optimiser and rule. */
  void restoreState(StateReader in);
}
