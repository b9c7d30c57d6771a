package org.rnnlab.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sweep values as --where and the trial ids write them, whichever way JSON bound them. */
class ScalarTextTest {
  @Test
  void decimalsArePlainAndIntegersHaveNoPoint() {
    assertEquals("0.0001", ScalarText.text(1e-4));
    assertEquals("100", ScalarText.text(100.0));
    assertEquals("100", ScalarText.text(100));
    assertEquals("0.5", ScalarText.text(0.5f));
    assertEquals("adding", ScalarText.text("adding"));
    assertEquals("true", ScalarText.text(true));
  }

  @Test
  void aPlanReadBackGivesTheTextOfTheSpecsOwnNodes() throws Exception {
    // the plan's points come back from JSON as Objects; the trial ids were made from the spec's JsonNodes
    Map<?, ?> point = new ObjectMapper().readValue("{\"lr\": 0.0001, \"t\": 100, \"r\": 1.10}", Map.class);
    ObjectMapper m = new ObjectMapper();
    for (Object key : point.keySet()) {
      assertEquals(Json.scalarText(m.valueToTree(point.get(key))), ScalarText.text(point.get(key)), "key " + key);
    }
  }
}
