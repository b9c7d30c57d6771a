package org.rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The headline shows each baseline where it is one number (never one variant's baseline for another's
 * column), and names every baseline that beats a model.
 */
class HeadlineBaselinesTest {
  static Headline.Cell cell(String group, double mean, Map<String, Double> baselines) {
    return new Headline.Cell(group, 3, mean, mean, mean, 0, 0, baselines);
  }

  @Test
  void baselinesThatDifferPerVariantAreRowsAndTheOnesThatBeatAModelAreNamed() {
    // two tasks as variants (ESN style): each task has its own trivial and linear baselines
    Map<String, Double> mg = Map.of("nrmse", 1.0, "linear_nrmse", 0.0016);
    Map<String, Double> sun = Map.of("nrmse", 1.16, "linear_nrmse", 0.381);
    Headline h = new Headline("nrmse", "test NRMSE", List.of("mg", "sun"), List.of(
        new Headline.Row("n50", Double.NaN, List.of(cell("mg_n50", 0.02, mg), cell("sun_n50", 0.45, sun))),
        new Headline.Row("n100", Double.NaN, List.of(cell("mg_n100", 0.0055, mg), cell("sun_n100", 0.37, sun)))),
        List.of("nrmse", "linear_nrmse"), true);
    assertEquals(Headline.Layout.ROWS, h.layout());
    assertEquals(List.of("", "mg", "sun"), h.header(""));
    List<List<String>> rows = h.textRows();
    assertEquals(List.of("baseline", "1.00", "1.16"), rows.get(2));
    assertEquals(List.of("baseline linear", "0.00160", "0.381"), rows.get(3));
    assertEquals(List.of("baseline linear (0.00160) beats mg in 2 of 2 groups: n50 (0.0200 against 0.00160); n100 (0.00550 against 0.00160)",
        "baseline linear (0.381) beats sun in 1 of 2 groups: n50 (0.450 against 0.381)"), h.beatenBy());
  }

  @Test
  void aBaselineSharedByEachRowIsAColumnAndNoneBeatsAGoodModel() {
    Map<String, Double> b = Map.of("mse", 0.167);
    Headline h = new Headline("mse", "test MSE", List.of("lstm", "gru"), List.of(
        new Headline.Row("T 50", 0.167, List.of(cell("a", 0.01, b), cell("b", 0.02, b)))), List.of("mse"), true);
    assertEquals(Headline.Layout.COLUMNS, h.layout());
    assertEquals(List.of("Group", "lstm", "gru", "baseline"), h.header("Group"));
    assertEquals(List.of("T 50", "0.0100 [0.0100, 0.0100]", "0.0200 [0.0200, 0.0200]", "0.167"), h.textRows().get(0));
    assertEquals(List.of(), h.beatenBy());
  }

  @Test
  void aTransposedTableNamesTheSameBeatenVariants() {
    // the ESN-style table of the first test with the sweep points as columns and a row per variant
    Map<String, Double> mg = Map.of("nrmse", 1.0, "linear_nrmse", 0.0016);
    Map<String, Double> sun = Map.of("nrmse", 1.16, "linear_nrmse", 0.381);
    Headline h = new Headline("nrmse", "test NRMSE", List.of("n50", "n100"), List.of(
        new Headline.Row("mg", 1.0, List.of(cell("mg_n50", 0.02, mg), cell("mg_n100", 0.0055, mg))),
        new Headline.Row("sun", 1.16, List.of(cell("sun_n50", 0.45, sun), cell("sun_n100", 0.37, sun)))),
        List.of("nrmse", "linear_nrmse"), true, true);
    assertEquals(List.of("baseline linear (0.00160) beats mg in 2 of 2 groups: n50 (0.0200 against 0.00160); n100 "
        + "(0.00550 against 0.00160)", "baseline linear (0.381) beats sun in 1 of 2 groups: n50 (0.450 against 0.381)"),
        h.beatenBy());
  }

  @Test
  void manyBeatenGroupsAreCountedWithTheRangeOfTheirMeans() {
    Map<String, Double> b = Map.of("mse", 0.167);
    List<Headline.Row> rows = new java.util.ArrayList<>();
    for (int t = 1; t <= 4; t++) {
      rows.add(new Headline.Row("T " + t, 0.167, List.of(cell("rnn" + t, 0.17 + 0.001 * t, b))));
    }
    Headline h = new Headline("mse", "test MSE", List.of("tanh RNN"), rows, List.of("mse"), true);
    assertEquals(List.of("baseline (0.167) beats tanh RNN in 4 of 4 groups (means 0.171–0.174)"), h.beatenBy());
  }

  @Test
  void aMeanJustAboveItsBaselineIsShownWithTheDigitsThatTellThemApart() {
    assertEquals("0.168 against 0.167", Headline.apart(0.1681, 0.16667));
    assertEquals("1.387 against 1.386", Headline.apart(1.38662, 1.38629));
    assertEquals("1.38632 against 1.38629", Headline.apart(1.38632, 1.38629));
  }

  @Test
  void higherIsBetterCountsABaselineAboveTheMeanAsBeatingIt() {
    Map<String, Double> b = Map.of("accuracy", 0.5);
    Headline h = new Headline("accuracy", "test accuracy", List.of("rnn"), List.of(
        new Headline.Row("all", 0.5, List.of(cell("rnn", 0.4, b)))), List.of("accuracy"), false);
    assertEquals(List.of("baseline (0.500) beats rnn (mean 0.400)"), h.beatenBy());
  }
}
