package org.rnnlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.procedure.ConfigProblem;
import org.rnnlab.procedure.TrialConfig;
import org.rnnlab.spec.Catalog;
import org.rnnlab.spec.Registries;

/**
 * What every model type owes the rest of rnnlab. A new type extends this in a few lines: its
 * registered name and a trial (task, this model, the training that fits it) in spec JSON.
 */
public abstract class ModelContractTest {
  private static final ObjectMapper M = Catalog.standard().mapper();

  /** The name the type is registered under in {@code Registries.MODELS}. */
  protected abstract String type();

  /** A valid trial whose model is of this type, as spec JSON. */
  protected abstract String trialJson();

  protected TrialConfig trial() {
    try {
      return M.readValue(trialJson(), TrialConfig.class);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void itIsRegisteredUnderItsName() {
    assertEquals(Registries.MODELS.types().get(type()), trial().model().getClass());
  }

  @Test
  void itsCanonicalFormReadsBackToTheSameModelAndNamesItsTypeUnlessItIsTheDefault() throws Exception {
    ModelConfig model = trial().model();
    JsonNode tree = M.valueToTree(model);
    assertEquals(model, M.treeToValue(tree, ModelConfig.class), "round trip");
    if (type().equals(Registries.MODELS.defaultName())) {
      assertFalse(tree.has("type"), "the default type writes none: older trials keep their identity");
    } else {
      assertEquals(type(), tree.path("type").asText(), "the canonical config says which type it is");
    }
  }

  @Test
  void itsExampleHasNoProblemsAndTheProcedureFitsIt() {
    TrialConfig c = trial();
    assertEquals(List.of(), c.model().check(c.task()));
    List<ConfigProblem> problems = c.training().check(c);
    assertTrue(problems.isEmpty(), problems.toString());
  }

  @Test
  void theStructuralQueriesAreAnswered() {
    ModelConfig m = trial().model();
    assertTrue(m.hiddenSize() >= 1 && m.numLayers() >= 1, "sizes");
    assertTrue(m.bidirectional() != null, "bidirectional is true or false");
  }
}
