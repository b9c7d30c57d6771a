package org.rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.rnnlab.results.CurveRow;
import org.rnnlab.results.Provenance;

/** What the charts show, read from XChart's model: series, axis titles, the axis scale. */
class ChartModelTest {
  private static final Provenance NONE = new Provenance(null, null, null, null, null, null, null, null);

  /**
   * lstm-vs-gru in miniature: rnn and lstm on a named adding task (MSE, spanning decades) and a
   * named copy task (cross-entropy, 0.14..0.17 against a 0.173 baseline), 3 seeds each, with curves.
   */
  static Results namedTasks() {
    List<Experiment.Group> groups = new ArrayList<>();
    List<TrialRow> trials = new ArrayList<>();
    Map<String, List<CurveRow>> curves = new LinkedHashMap<>();
    double[][] adding = {{0.17, 0.172, 0.169}, {2e-4, 3e-4, 1.5e-4}};
    double[][] copy = {{0.1735, 0.1737, 0.1734}, {0.141, 0.139, 0.143}};
    String[] variants = {"rnn", "lstm"};
    for (String task : List.of("adding_t50", "copy_t100")) {
      boolean isAdding = task.startsWith("adding");
      for (int v = 0; v < 2; v++) {
        String label = variants[v] + " task=" + task;
        groups.add(new Experiment.Group(label, variants[v], new Point(Map.of("task", task)),
            isAdding ? "adding problem, T=50, values U[0,1] (Bai et al. 2018)" : "copy memory, T=100, 8 symbols",
            Map.of("loss", isAdding ? 1.0 / 6 : 0.1733), "trivial", MissingNode.getInstance()));
        for (int s = 0; s < 3; s++) {
          double final_ = (isAdding ? adding : copy)[v][s];
          String id = variants[v] + "__task-" + task + "__s" + s;
          Map<String, Double> metrics = new LinkedHashMap<>();
          metrics.put("loss", final_);
          metrics.put(isAdding ? "mse" : "cross_entropy", final_);
          trials.add(new TrialRow(id, label, variants[v], new Point(Map.of("task", task)), s, s, "x", "ok", null,
              metrics, NONE));
          List<CurveRow> c = new ArrayList<>();
          for (int step = 0; step <= 400; step += 100) {
            double start = isAdding ? 1.0 : 2.08;
            double v1 = start + (final_ - start) * step / 400.0;
            c.add(new CurveRow(step, "loss", v1));
            c.add(new CurveRow(step, "train_loss", v1 * 1.01));
            c.add(new CurveRow(step, "grad_norm", 10.0 / (1 + step)));
          }
          curves.put(id, c);
        }
      }
    }
    Experiment e = new Experiment("mini", null, null, null, "", "loss", true, List.of("rnn", "lstm"),
        Map.of("task", List.of("adding_t50", "copy_t100")), 3, groups, List.of(), List.of(), null, null);
    return new Results(e, groups, trials, List.of(), curves, Map.of(), List.of());
  }

  @Test
  void unrelatedTasksArePanelsWithTheirOwnAxisTitleScaleAndBaseline() {
    Chart<?, ?> c = FinalMetricChart.of(namedTasks(), "loss");
    PanelFigure fig = assertInstanceOf(PanelFigure.class, c);
    assertEquals(2, fig.panels().size());
    XYChart adding = (XYChart) fig.panels().get(0);
    XYChart copy = (XYChart) fig.panels().get(1);
    assertEquals("adding problem, T=50", adding.getTitle());
    assertEquals("copy memory, T=100", copy.getTitle());
    assertEquals("test loss (MSE)", adding.getYAxisTitle());
    assertEquals("test loss (cross-entropy)", copy.getYAxisTitle());
    // Three decades between rnn and lstm on adding: log; copy's 19% below its baseline: linear, so it shows.
    assertTrue(adding.getStyler().isYAxisLogarithmic());
    assertFalse(copy.getStyler().isYAxisLogarithmic());
    for (XYChart panel : List.of(adding, copy)) {
      assertEquals(List.of("rnn seeds", "rnn median", "rnn quartiles", "lstm seeds", "lstm median", "lstm quartiles",
          "baseline"), List.copyOf(panel.getSeriesMap().keySet()));
      // Medians are bars, not lines joining categories: two points at one variant's position.
      XYSeries median = panel.getSeriesMap().get("lstm median");
      assertEquals(median.getXMin() + 0.56, median.getXMax(), 1e-9);
    }
    assertEquals(0.1733, copy.getSeriesMap().get("baseline").getYMax(), 1e-12);
    assertEquals(1.0 / 6, adding.getSeriesMap().get("baseline").getYMax(), 1e-12);
    assertEquals(0.141, copy.getSeriesMap().get("lstm median").getYMax(), 1e-12);
  }

  @Test
  void learningCurvesAreSeedLinesWithABoldMedianAgainstUpdates() {
    Results r = namedTasks();
    Point adding = new Point(Map.of("task", "adding_t50"));
    XYChart train = LearningCurveChart.of(r, adding, "train_loss");
    assertEquals("updates", train.getXAxisTitle());
    assertEquals("training loss (MSE)", train.getYAxisTitle());
    assertEquals("adding problem, T=50", train.getTitle());
    assertTrue(logScale(train));
    List<String> legend = train.getSeriesMap().values().stream().filter(s -> s.isShowInLegend())
        .map(XYSeries::getLabel).toList();
    assertEquals(List.of("rnn", "lstm"), legend);
    long seedLines = train.getSeriesMap().keySet().stream().filter(n -> n.contains(" seed ")).count();
    assertEquals(6, seedLines);
    // The test loss of the copy task gets its baseline; the gradient norm has none and a log axis.
    XYChart copy = LearningCurveChart.of(r, new Point(Map.of("task", "copy_t100")), "loss");
    assertEquals("test loss (cross-entropy)", copy.getYAxisTitle());
    assertTrue(copy.getSeriesMap().values().stream().anyMatch(s -> "baseline".equals(s.getLabel())));
    // 2.08 down to 0.14 is log-worthy but not two decades: every 1..9 multiple is labelled, not one decade
    assertTrue(copy.getStyler().isYAxisLogarithmic());
    assertFalse(copy.getStyler().isYAxisLogarithmicDecadeOnly());
    assertTrue(decades(train), "over two decades: log10 drawn on a linear axis labelled 10^k");
    XYChart grad = LearningCurveChart.of(r, adding, "grad_norm");
    assertEquals("gradient norm", grad.getYAxisTitle());
    assertTrue(logScale(grad));
    assertTrue(grad.getSeriesMap().keySet().stream().noneMatch(n -> n.startsWith("baseline")));
  }

  /** Whether the y axis is a log10 axis whose decades read 10^k ({@link Charts#decadeAxis}). */
  static boolean decades(XYChart c) {
    var f = c.getStyler().getyAxisTickLabelsFormattingFunction();
    return !c.getStyler().isYAxisLogarithmic() && f != null && "10\u2070".equals(f.apply(0.0));
  }

  /** Whether the y axis is logarithmic: XChart's own or log10 values on a decade axis. */
  static boolean logScale(XYChart c) {
    return c.getStyler().isYAxisLogarithmic() || decades(c);
  }

  @Test
  void aForcedScaleWins() {
    XYChart linear = LearningCurveChart.of(namedTasks(), new Point(Map.of("task", "adding_t50")), "loss", null, "linear");
    assertFalse(linear.getStyler().isYAxisLogarithmic());
    PanelFigure log = (PanelFigure) FinalMetricChart.of(namedTasks(), "loss", "log");
    assertTrue(((XYChart) log.panels().get(1)).getStyler().isYAxisLogarithmic());
  }

  @Test
  void vectorOutputIsSvgAndPdfAtThePrintSize() throws Exception {
    Chart<?, ?> c = FinalMetricChart.of(namedTasks(), "loss");
    String svg = new String(Charts.svg(c), StandardCharsets.UTF_8);
    // XChart draws text as outlines: the picture is vector throughout, at the chart's size in points.
    assertTrue(svg.contains("<svg") && svg.contains("<path"), svg.substring(0, 200));
    assertTrue(svg.contains("viewBox=\"0 0 " + c.getWidth() + " " + c.getHeight() + "\""), svg.substring(0, 300));
    byte[] pdf = Charts.pdf(c);
    assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
    assertEquals(c.getHeight() * Charts.PNG_SCALE, javax.imageio.ImageIO.read(
        new java.io.ByteArrayInputStream(Charts.png(c))).getHeight());
  }

  @Test
  void latexTablesUseBooktabsAndTypesetNumbers() {
    Doc.Table t = new Doc.Table(List.of("Group", "mean ± sd"), List.of(List.of("lstm task=adding_t50 & 5%",
        "1.94e-4 [3.46e-4, 0.172]")), "lr", "x");
    String tex = LatexTable.render(t, "test");
    assertTrue(tex.contains("\\begin{tabular}{lr}\n\\toprule\nGroup & mean $\\pm$ sd \\\\\n\\midrule\n"), tex);
    assertTrue(tex.contains("lstm task=adding\\_t50 \\& 5\\% & $1.94\\times10^{-4}$ [$3.46\\times10^{-4}$, 0.172] \\\\"),
        tex);
    assertTrue(tex.endsWith("\\bottomrule\n\\end{tabular}\n"), tex);
    assertEquals("t1e5x", LatexTable.cell("t1e5x"), "only numbers standing alone");
  }
}
