package org.rnnlab.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.Trainer;
import org.rnnlab.engine.loss.CrossEntropyLoss;
import org.rnnlab.engine.loss.Loss;
import org.rnnlab.engine.loss.MseLoss;
import org.rnnlab.task.Task;

/**
 * Trains one model as a {@link TrainingSetup} says and evaluates it on a fixed test set at
 * regular intervals. Single-threaded and a pure function of the setup, so cells can run in
 * parallel and still give the same bits.
 */
public final class CellTraining {
  private CellTraining() {}

  /** Called after every evaluation with the step reached; for progress display. */
  public interface Progress {
    void advanced(int steps);
  }

  /** Runs the training. */
  public static CellOutcome run(TrainingSetup s, Progress progress) {
    long start = System.nanoTime();
    Rng root = Rng.of(s.seed());
    Task task = s.task().create();
    Loss loss = s.loss() != null ? s.loss() : (task.classification() ? new CrossEntropyLoss() : new MseLoss());
    SequenceModel model = new SequenceModel(s.cell(), task.inputSize(), s.hiddenSize(), s.numLayers(),
        task.outputSize(), task.readout(), loss);
    model.initialize(s.weightInit(), s.recurrentInit(), root.child("init"));
    Trainer trainer = new Trainer(model, s.optimizer().create(model.params().size()), s.clipping(),
        s.truncation() == null ? 0 : s.truncation());
    Batch test = task.sample(s.testSize(), Rng.of(s.testSeed()).child("test"));
    TrainingData data = new TrainingData(task, s.batchSize(), s.trainSize(), root.child("data"));

    List<CellOutcome.CurvePoint> curve = new ArrayList<>();
    Map<String, Double> last = evaluate(model, task, test, s.batchSize());
    record(curve, 0, last, Double.NaN, Double.NaN);
    Integer solvedAt = task.solved(last) ? 0 : null;
    Integer divergedAt = null;
    double lossSum = 0.0;
    double normSum = 0.0;
    int inInterval = 0;
    for (int step = 1; step <= s.steps(); step++) {
      Trainer.StepResult r = trainer.step(data.next());
      lossSum += r.loss();
      normSum += r.gradNorm();
      inInterval++;
      if (!Double.isFinite(r.loss()) || !Double.isFinite(r.gradNorm()) || !finite(model.params().values())) {
        divergedAt = step;
        record(curve, step, Map.of(), lossSum / inInterval, normSum / inInterval);
        break;
      }
      if (step % s.evalEvery() == 0 || step == s.steps()) {
        last = evaluate(model, task, test, s.batchSize());
        record(curve, step, last, lossSum / inInterval, normSum / inInterval);
        if (solvedAt == null && task.solved(last)) {
          solvedAt = step;
        }
        lossSum = 0.0;
        normSum = 0.0;
        inInterval = 0;
        if (progress != null) {
          progress.advanced(step);
        }
      }
    }
    Map<String, Double> fin = new LinkedHashMap<>();
    if (divergedAt == null) {
      fin.putAll(last);
      fin.put("steps_to_solve", solvedAt == null ? null : (double) solvedAt);
    }
    return new CellOutcome(divergedAt != null, divergedAt, fin, curve, (System.nanoTime() - start) / 1e9);
  }

  /** Test loss first, then the task's metrics. */
  static Map<String, Double> evaluate(SequenceModel model, Task task, Batch test, int chunk) {
    double[] out = model.predict(test, chunk);
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("loss", model.loss(test, out));
    m.putAll(task.evaluate(test, out));
    return m;
  }

  private static void record(List<CellOutcome.CurvePoint> curve, int step, Map<String, Double> test,
                             double trainLoss, double gradNorm) {
    if (step > 0) {
      curve.add(new CellOutcome.CurvePoint(step, "train_loss", trainLoss));
      curve.add(new CellOutcome.CurvePoint(step, "grad_norm", gradNorm));
    }
    for (Map.Entry<String, Double> e : test.entrySet()) {
      curve.add(new CellOutcome.CurvePoint(step, e.getKey(), e.getValue()));
    }
  }

  private static boolean finite(double[] v) {
    for (double x : v) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }
}
