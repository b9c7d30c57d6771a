package org.rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.rnnlab.results.ResultsStore;

/** learning_curve with x_per draws each group's curve at update x the product of its settings. */
class LearningCurveXPerTest {
  @TempDir Path tmp;

  @Test
  void xIsTheUpdateTimesTheGroupsSettings() throws IOException {
    Fixture.Run run = Fixture.everyMeasure(tmp);
    Results r = ResultsReader.read(run.plan(), new ResultsStore(run.dir()));
    Point point = r.points().get(0);
    XYChart plain = LearningCurveChart.of(r, point, "loss");
    XYChart scaled = LearningCurveChart.of(r, point, "loss", null, "auto", List.of("model.hidden_size"), "units seen");
    assertEquals("units seen", scaled.getXAxisTitle());
    Experiment.Group g = r.groupsAt(point).get(0);
    double per = g.setting("model.hidden_size");
    XYSeries a = plain.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend).findFirst().orElseThrow();
    XYSeries b = scaled.getSeriesMap().get(a.getName());
    double[] expected = java.util.Arrays.stream(a.getXData()).map(x -> x * per).toArray();
    assertArrayEquals(expected, b.getXData(), 0.0);
    assertArrayEquals(a.getYData(), b.getYData(), 0.0);
    assertThrows(IllegalArgumentException.class, () -> new LearningCurveChart.Config("loss", null, null, null,
        List.of("model/hidden"), null));
  }
}
