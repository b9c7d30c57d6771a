package org.rnnlab.procedure.bptt.callbacks;

import java.util.ArrayList;
import java.util.List;
import org.rnnlab.task.SequenceTaskConfig;
import org.rnnlab.config.Hyper;
import org.rnnlab.data.Datasets;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.reservoir.ReadoutFitting;
import org.rnnlab.procedure.ConfigProblem;
import org.rnnlab.procedure.TrialConfig;
import org.rnnlab.procedure.bptt.BpttTraining;
import org.rnnlab.procedure.bptt.CallbackConfig;
import org.rnnlab.procedure.bptt.TrainingCallback;
import org.rnnlab.procedure.bptt.TrainingRun;

/**
 * {@code "pretrain_readout": {"fit": "bias", "sequences": 1000}}: the readout's data-dependent start.
 * {@code bias}: the output bias is the mean training target and the weights keep their initialiser
 * (Sutskever et al. 2013, Table 4); {@code ridge}: weights and bias are the ridge regression of the
 * targets on the initial network's hidden states (echo-state pretraining, seed 000, 7.4), then BPTT
 * trains every weight. The sequences are drawn like the training data: a fixed training set's first
 * ones (stream {@code data}), else fresh ones from the stream {@code pretrain}.
 */
public record ReadoutPretraining(
    @Hyper(doc = "What is fitted: bias (output bias = mean training target; weights keep readout_init) or ridge "
        + "(readout weights and bias by ridge regression on the initial hidden states).", allowed = {"bias", "ridge"},
        defaultValue = "\"bias\"") String fit,
    @Hyper(doc = "Training sequences the fit reads (at most train_size when that is given).", min = 1,
        max = 10_000_000, defaultValue = "1000") Integer sequences,
    @Hyper(doc = "Ridge parameter lambda (absolute, on sums over sequences; fit ridge only).", min = 0,
        defaultValue = "0.0001") Double lambda) implements CallbackConfig {
  public ReadoutPretraining {
    fit = fit == null ? "bias" : fit;
    sequences = sequences == null ? 1000 : sequences;
    lambda = lambda == null ? 1e-4 : lambda;
    if (!fit.equals("bias") && !fit.equals("ridge")) {
      throw new IllegalArgumentException("pretrain_readout fit must be bias or ridge, got " + fit);
    }
    if (sequences < 1 || !(lambda >= 0.0)) {
      throw new IllegalArgumentException("pretrain_readout needs sequences >= 1 and lambda >= 0");
    }
  }

  @Override
  public boolean observesOnly() {
    return false;
  }

  @Override
  public List<ConfigProblem> check(TrialConfig config, BpttTraining training, String pointer) {
    List<ConfigProblem> out = new ArrayList<>();
    if (config.task().datasets().stream().allMatch(d -> Datasets.missing(d) == null)
        && config.task() instanceof SequenceTaskConfig s && s.create().classification()) {
      out.add(new ConfigProblem(pointer, "the readout is fitted to real-valued targets; the task has classes"));
    }
    return out;
  }

  @Override
  public TrainingCallback create(TrainingRun run) {
    return new TrainingCallback() {
      @Override
      public void beforeTraining() {
        BpttTraining t = run.training();
        boolean fresh = t.trainSize() == null && run.trial().config().task().datasets().isEmpty();
        int n = t.trainSize() == null ? sequences : Math.min(sequences, t.trainSize());
        Batch b = run.task().data().training(n, t.trainSize(), run.rng().child(fresh ? "pretrain" : "data")).next();
        // fitted in double (a float32 model: on a float64 copy of its weights, then rounded back into it)
        run.float64().pull();
        SequenceModel model = run.float64().model();
        model.setTraining(false);
        try {
          if (fit.equals("ridge")) {
            ReadoutFitting.fitRidge(model, b, lambda);
          } else {
            ReadoutFitting.setOutputBiasToMeanTarget(model, b);
          }
        } finally {
          model.setTraining(true);
        }
        run.float64().push();
      }
    };
  }
}
