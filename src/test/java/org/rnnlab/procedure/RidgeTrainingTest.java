package org.rnnlab.procedure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.config.Hyper;
import org.rnnlab.data.Split;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.reservoir.EchoStateNetwork;
import org.rnnlab.model.EsnModel;
import org.rnnlab.results.Measures;
import org.rnnlab.task.SequenceTaskConfig;
import org.rnnlab.task.TaskConfig;
import org.rnnlab.task.series.MackeyGlassSeries;
import org.rnnlab.task.series.MackeyGlassTask;
import org.rnnlab.task.series.SeriesTask;

/** The ridge procedure: the contract, exact recovery of a linear readout, the free run, its checks. */
class RidgeTrainingTest extends ProcedureContractTest {
  @Override
  protected String configJson() {
    return """
        {"task": {"type": "mackey_glass", "length": 400},
         "model": {"type": "esn", "spectral_radius": 1.1, "leak_rate": 0.4, "input_to_readout": true,
                   "hidden_size": 11},
         "training": {"type": "ridge", "washout": 30, "free_run_horizon": 25},
         "evaluation": {"track": ["test", "validation"]}}
        """;
  }


  @Test
  void itReportsTheSetsTheLambdaAndTheFreeRun() {
    assertEquals(List.of("rmse", "nrmse", "validation.rmse", "validation.nrmse", "lambda", "free_run_nrmse",
        "free_run_horizon"), config().training().metrics(config()));
    RecordingRecorder r = run(3, 4);
    // one-step Mackey-Glass from 11 units: far better than the training mean
    assertTrue(r.metrics.get("nrmse") < 0.1, r.metrics.toString());
    double lambda = r.metrics.get("lambda");
    assertTrue(RidgeTrainingTest.inGrid(lambda), "the chosen lambda is one of the grid: " + lambda);
    // the free run predicts the test part's first 25 values; its truth is the series there
    MackeyGlassTask task = (MackeyGlassTask) config().task().create();
    int start = task.split().to(Split.VALIDATION);
    StringBuilder truth = new StringBuilder(Measures.FREE_RUN_TRUTH + ",0");
    for (int h = 0; h < 25; h++) {
      truth.append(',').append(Long.toHexString(Double.doubleToLongBits(task.input()[start + h])));
    }
    assertTrue(r.series.contains(truth.toString()), "truth series recorded");
    assertTrue(r.series.stream().anyMatch(s -> s.startsWith(Measures.FREE_RUN_PREDICTION + ",0,")));
    double horizon = r.metrics.get("free_run_horizon");
    assertTrue(horizon >= 0 && horizon <= 25 && horizon == Math.rint(horizon), "horizon " + horizon);
    // the curve: log10(lambda) and the validation error for each of the 10 lambdas
    assertEquals(20, r.curve.size());
    // and it records what the procedure declares (what charts are checked against), nothing else
    assertEquals(List.of(Measures.LOG10_LAMBDA, "validation.mse"),
        r.curve.stream().map(l -> l.split(",")[1]).distinct().toList());
    assertEquals(List.of(Measures.LOG10_LAMBDA, "validation.mse"),
        config().training().curve(config()).stream().map(m -> m.text()).toList());
    assertEquals(List.of(Measures.FREE_RUN_PREDICTION, Measures.FREE_RUN_TRUTH),
        r.series.stream().map(l -> l.split(",")[0]).distinct().toList());
    assertEquals(List.of(Measures.FREE_RUN_PREDICTION, Measures.FREE_RUN_TRUTH),
        config().training().series(config()).stream().map(m -> m.text()).toList());
  }

  private static boolean inGrid(double lambda) {
    for (int e = -10; e <= -1; e++) {
      if (lambda == Double.parseDouble("1e" + e)) {
        return true;
      }
    }
    return false;
  }

  /** A series whose target is an exact linear function of the states of the reservoir the trial will draw. */
  record LinearOfStates(
      @Hyper(doc = "Seed of the trial whose reservoir the targets are computed from.") Long seed)
      implements SequenceTaskConfig {
    static final int UNITS = 7;
    static final EsnModel MODEL = new EsnModel(UNITS, 0.9, 0.5, null, null, 0.8, 1.0, "uniform", 0.7, 0.2, null,
        null, null, null, null);

    @Override
    public SeriesTask create() {
      double[] u = MackeyGlassSeries.standard().generate(300);
      EchoStateNetwork esn = new EchoStateNetwork(MODEL.draw(1, 0, Rng.of(seed).child("init")), false);
      double[] x = esn.features(u, 300, null);
      double[] y = new double[300];
      for (int t = 0; t < 300; t++) {
        double s = 0.25;
        for (int i = 0; i < UNITS; i++) {
          s += (i - 3) * 0.5 * x[t * UNITS + i];
        }
        y[t] = s;
      }
      return new SeriesTask(u, y, 0, false) {
        @Override
        public String describe() {
          return "a linear function of the reservoir's states";
        }
      };
    }

    @Override
    public List<String> metricNames() {
      return SeriesTask.metrics();
    }

    @Override
    public int typicalLength() {
      return 300;
    }
  }

  @Test
  void recoversAKnownLinearReadoutExactlyWithoutNoise() {
    long seed = 21;
    TrialConfig c = new TrialConfig(new LinearOfStates(seed),
        LinearOfStates.MODEL,
        new RidgeTraining(5, List.of(1.0, 0.0, 1e-3), "train", null, null, null, null),
        new EvaluationConfig(null, null, null, List.of("test", "validation"), null));
    assertEquals(List.of(), c.training().check(c));
    RecordingRecorder r = new RecordingRecorder();
    c.training().create().run(new Trial(c, seed, 5), r);
    assertEquals(0.0, r.metrics.get("lambda"), "the noiseless fit picks lambda = 0");
    assertTrue(r.metrics.get("rmse") < 1e-10, "test rmse " + r.metrics.get("rmse"));
    assertTrue(r.metrics.get("validation.rmse") < 1e-10, "validation rmse " + r.metrics.get("validation.rmse"));
    // another seed draws another reservoir, whose states do not span the targets
    RecordingRecorder other = new RecordingRecorder();
    c.training().create().run(new Trial(c, seed + 1, 5), other);
    assertTrue(other.metrics.get("rmse") > 1e-6, "another reservoir: rmse " + other.metrics.get("rmse"));
  }

  @Test
  void aFloat32ReservoirGivesTheSameFitToFloatPrecisionAndTheSameBitsEveryRun() {
    String json = configJson().replace("\"hidden_size\": 11}", "\"hidden_size\": 11, \"precision\": \"float32\"}");
    TrialConfig c32 = parse(json);
    assertEquals(org.rnnlab.engine.Precision.FLOAT32, c32.model(EsnModel.class).arithmetic());
    TrialConfig c64 = parse(configJson());
    RecordingRecorder a = new RecordingRecorder();
    c32.training().create().run(new Trial(c32, 3, 4), a);
    RecordingRecorder b = new RecordingRecorder();
    c32.training().create().run(new Trial(c32, 3, 4), b);
    assertEquals(a.metrics, b.metrics, "bit for bit");
    assertEquals(a.series, b.series);
    RecordingRecorder d = new RecordingRecorder();
    c64.training().create().run(new Trial(c64, 3, 4), d);
    assertEquals(d.metrics.get("lambda"), a.metrics.get("lambda"), "the same lambda chosen");
    double nrmse64 = d.metrics.get("nrmse");
    double nrmse32 = a.metrics.get("nrmse");
    assertTrue(nrmse32 != nrmse64, "computed in float32");
    assertEquals(nrmse64, nrmse32, 1e-3 * nrmse64, "float32 " + nrmse32 + ", float64 " + nrmse64);
  }

  @Test
  void aGeneratedTaskWithLastStepTargetsIsFittedToo() {
    TrialConfig c = parse("""
        {"task": {"type": "adding", "seq_len": 10},
         "model": {"type": "esn", "spectral_radius": 0.9, "input_connectivity": 1.0, "hidden_size": 40},
         "training": {"type": "ridge", "train_size": 400, "lambdas": [1e-6, 1e-3]},
         "evaluation": {"test_size": 200, "validation_size": 100}}
        """);
    assertEquals(List.of(), c.training().check(c));
    RecordingRecorder r = new RecordingRecorder();
    c.training().create().run(new Trial(c, 1, 2), r);
    assertEquals(List.of("mse", "solved_fraction", "validation.mse", "validation.solved_fraction", "lambda"),
        List.copyOf(r.metrics.keySet()));
    assertTrue(r.metrics.get("mse") < 1.0 / 6.0, "beats the 1/6 baseline at T=10: " + r.metrics);
  }

  @Test
  void checksNameWhatCannotWork() {
    TrialConfig lstm = parse("""
        {"task": {"type": "mackey_glass", "length": 400}, "model": {"cell": {"type": "lstm"}, "hidden_size": 5},
         "training": {"type": "ridge"}, "evaluation": {}}
        """);
    assertEquals(List.of("/model/type"), pointers(lstm), "one line: the other rules are about a reservoir");
    TrialConfig narma = parse("""
        {"task": {"type": "narma", "length": 500}, "model": {"type": "esn", "output_feedback": true, "hidden_size": 5},
         "training": {"type": "ridge", "free_run_horizon": 10, "washout": 400}, "evaluation": {"every": 5}}
        """);
    assertEquals(List.of("/evaluation/every", "/model/output_feedback",
        "/training/free_run_horizon", "/training/washout"), pointers(narma));
    TrialConfig longRun = parse("""
        {"task": {"type": "mackey_glass", "length": 400}, "model": {"type": "esn", "hidden_size": 5},
         "training": {"type": "ridge", "free_run_horizon": 82}, "evaluation": {}}
        """);
    assertEquals(List.of("/training/free_run_horizon"), pointers(longRun));
    TrialConfig adding = parse("""
        {"task": {"type": "adding", "seq_len": 10}, "model": {"type": "esn", "hidden_size": 5},
         "training": {"type": "ridge"}, "evaluation": {}}
        """);
    assertEquals(List.of("/training/train_size", "/evaluation/test_size", "/evaluation/validation_size"),
        pointers(adding));
    TrialConfig bptt = parse("""
        {"task": {"type": "adding", "seq_len": 10}, "model": {"type": "esn", "hidden_size": 5},
         "training": {"type": "bptt", "optimizer": {"type": "sgd", "lr": 0.1}, "batch_size": 2, "steps": 1},
         "evaluation": {"test_size": 4}}
        """);
    assertEquals(List.of("/model/type"), pointers(bptt));
  }

  private static List<String> pointers(TrialConfig c) {
    return c.training().check(c).stream().map(ConfigProblem::pointer).toList();
  }
}
