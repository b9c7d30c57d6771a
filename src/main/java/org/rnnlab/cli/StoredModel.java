package org.rnnlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.rnnlab.procedure.Trial;
import org.rnnlab.procedure.TrialConfig;
import org.rnnlab.results.ModelFile;
import org.rnnlab.results.PlanRecord;
import org.rnnlab.results.ResultsStore;
import org.rnnlab.results.TrialResult;
import org.rnnlab.run.Plans;
import org.rnnlab.run.RunEnvironment;
import org.rnnlab.spec.ExperimentPlan;

/**
 * A finished trial's stored model, as {@code evaluate} and {@code sample} read it: the trial must
 * have an intact result that lists {@code model.json}, whose own digest is checked on reading;
 * anything else is one line ({@link Main.UsageError}, or the store's one-line error).
 *
 * @param result the trial's result (its recorded metrics)
 * @param trial  the trial to rebuild the model for (config and seeds)
 * @param file   where the model is
 * @param model  the model file's contents
 */
record StoredModel(String id, TrialResult result, Trial trial, Path file, ModelFile.Contents model) {
  /** The stored model of trial {@code trialArg} (id or index) of experiment {@code name}; {@code use} words the errors. */
  static StoredModel load(String name, String profile, String trialArg, String use) throws IOException {
    ExperimentPlan plan = Project.plan(name, profile);
    PlanRecord record = Plans.record(plan, RunEnvironment.current().codeVersion(), Project.command(plan));
    PlanRecord.PlannedTrial t = ShowCmd.find(record, trialArg);
    ResultsStore store = new ResultsStore(Project.resultsDir(plan));
    ResultsStore.Inspection in = store.inspect(t.trial(), t.configSha256());
    if (in.state() != ResultsStore.State.DONE) {
      throw new Main.UsageError("trial " + t.trial() + " has no result to " + use + " ("
          + StatusCmd.word(in.state()) + (in.reason() == null ? "" : ": " + in.reason()) + "); run it first");
    }
    TrialResult r = in.result();
    if (!r.files().containsKey(ModelFile.NAME)) {
      throw new Main.UsageError("trial " + t.trial() + " stored no model (" + (TrialResult.DIVERGED.equals(r.status())
          ? "it diverged" : "keep_model none, or computed before rnnlab kept models") + ")");
    }
    Path file = store.dir().resolve(t.trial()).resolve(ModelFile.NAME);
    ModelFile.Contents contents = ModelFile.read(file);
    TrialConfig config = Plans.config(t);
    return new StoredModel(t.trial(), r, new Trial(config, t.seed(), t.testSeed()), file, contents);
  }
}
