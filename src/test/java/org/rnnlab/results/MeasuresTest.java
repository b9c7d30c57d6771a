package org.rnnlab.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The names writers and readers share, and how an error lists them. */
class MeasuresTest {
  @Test
  void setMetricsArePlainOnTestAndPrefixedElsewhere() {
    assertEquals("accuracy", Measures.ofSet(Measures.TEST, "accuracy"));
    assertEquals("validation.accuracy", Measures.ofSet(Measures.VALIDATION, "accuracy"));
    assertEquals("long.loss", Measures.ofSet("long", Measures.LOSS));
  }

  @Test
  void seriesNamesAreBuiltOneWayAndReadBack() {
    assertEquals("flow.h.l1", Measures.flowHidden(1));
    assertEquals(Measures.FLOW_HIDDEN_L0, Measures.flowHidden(0));
    assertEquals("flow.c.l2", Measures.flowCell(2));
    assertTrue(Measures.isCellFlow(Measures.flowCell(0)));
    assertFalse(Measures.isCellFlow(Measures.flowHidden(0)));
    assertEquals(2, Measures.flowLayer(Measures.flowCell(2)));
    assertEquals(11, Measures.flowLayer(Measures.flowHidden(11)));
    assertEquals(-1, Measures.flowLayer("flow.h.lx"));
    assertEquals("spectrum.sigma_max.weight_hh_l1_reverse",
        Measures.spectrum(Measures.SIGMA_MAX, Measures.recurrentWeight(1, true)));
    assertEquals(Measures.RECURRENT_WEIGHT_L0, Measures.recurrentWeight(0, false));
    assertEquals("clip.threshold.max_norm", Measures.clipThreshold("max_norm"));
  }

  @Test
  void aFamilyMatchesItsMembersOnly() {
    MeasureName thresholds = Measures.clipThresholds();
    assertEquals("clip.threshold.<name>", thresholds.text());
    assertTrue(thresholds.matches(Measures.clipThreshold("after.max_norm")));
    assertFalse(thresholds.matches("clip.threshold."));
    assertFalse(thresholds.matches(Measures.CLIP_FIRED));
    MeasureName exact = MeasureName.exact("flow.h.l0");
    assertTrue(exact.matches("flow.h.l0"));
    assertFalse(exact.matches("flow.h.l0x"));
    assertFalse(exact.matches("flowxhxl0"), "the dots are literal");
  }

  @Test
  void aShortListKeepsItsOrderALongOneShowsTheClosestFirst() {
    assertEquals("[loss, mse, accuracy]", Measures.listed("acuracy", List.of("loss", "mse", "accuracy")));
    List<String> many = List.of("loss", "mse", "steps_to_solve", "validation.loss", "validation.mse", "grad_norm",
        "train_loss", "clipped_fraction", "accuracy");
    String listed = Measures.listed("validation.acc", many);
    assertTrue(listed.startsWith("[validation.mse, validation.loss, "), listed);
    assertEquals(many.size(), listed.split(", ").length, "every name is still listed");
  }
}
