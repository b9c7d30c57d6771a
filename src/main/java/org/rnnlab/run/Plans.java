package org.rnnlab.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.procedure.TrialConfig;
import org.rnnlab.results.PlanRecord;
import org.rnnlab.results.ResultsException;
import org.rnnlab.spec.Catalog;
import org.rnnlab.spec.Claim;
import org.rnnlab.spec.ExperimentPlan;
import org.rnnlab.spec.Factor;
import org.rnnlab.spec.Published;
import org.rnnlab.spec.TrialPlan;
import org.rnnlab.task.Task;

/** Between the typed plan of a spec and plan.json, the record every executor runs trials from. */
public final class Plans {
  private Plans() {}

  /** The plan.json record of {@code plan}: groups with their tasks' baselines, trials with their resolved configs. */
  public static PlanRecord record(ExperimentPlan plan, String codeVersion, String command) {
    List<PlanRecord.Group> groups = new ArrayList<>();
    Map<String, TrialPlan> firstOfGroup = new LinkedHashMap<>();
    plan.trials().forEach(t -> firstOfGroup.putIfAbsent(t.group(), t));
    for (TrialPlan t : firstOfGroup.values()) {
      TrialConfig c = t.config();
      Task task = c.task().create();
      Map<String, Double> baseline = new LinkedHashMap<>(task.baseline());
      Double lossBaseline = baseline.get(task.defaultLoss());
      if (c.model().loss() == null && lossBaseline != null) {
        baseline.putIfAbsent("loss", lossBaseline); // the trial trains with the task's own loss
      }
      groups.add(new PlanRecord.Group(t.group(), t.variant(), t.sweepPoint(), task.describe(), baseline,
          task.baselineDescription(), c.training().metrics(c), plan.levels().getOrDefault(t.variant(), Map.of())));
    }
    List<PlanRecord.PlannedTrial> trials = new ArrayList<>();
    for (TrialPlan t : plan.trials()) {
      trials.add(new PlanRecord.PlannedTrial(t.index(), t.id(), t.group(), t.variant(), t.sweepPoint(), t.seedIndex(),
          t.seed(), t.testSeed(), t.sha256(), parse(t.canonicalJson())));
    }
    List<PlanRecord.Published> published = new ArrayList<>();
    for (Published p : plan.report().published()) {
      published.add(new PlanRecord.Published(p.claim(), p.value(), p.source()));
    }
    List<PlanRecord.Claim> claims = new ArrayList<>();
    for (Claim c : plan.claims()) {
      PlanRecord.Reference than = c.than() == null ? null : new PlanRecord.Reference(c.than().variant(),
          c.than().where(), c.than().metric(), c.than().statistic(), c.than().factor());
      claims.add(new PlanRecord.Claim(c.text(), c.variant(), c.where(), c.metric(), c.statistic(), c.op(), c.value(),
          than));
    }
    return new PlanRecord(PlanRecord.FORMAT, plan.name(), plan.profile(), plan.specFile(), plan.specSha256(),
        plan.description(), plan.report().mainMetric(), plan.report().lowerIsBetter(), plan.variants(), plan.sweep(),
        factors(plan.factors()), plan.seeds(), groups, trials, published, claims, codeVersion, command,
        plan.report().headlineColumns());
  }

  private static List<PlanRecord.Factor> factors(List<Factor> factors) {
    return factors.stream().map(f -> new PlanRecord.Factor(f.name(),
        f.levels().stream().map(l -> new PlanRecord.Level(l.name(), l.label())).toList())).toList();
  }

  /** The typed config of a planned trial (its recorded config without the two seeds). */
  public static TrialConfig config(PlanRecord.PlannedTrial t) throws ResultsException {
    ObjectNode c = t.config().deepCopy();
    c.remove("seed");
    c.remove("test_seed");
    try {
      return Catalog.standard().mapper().treeToValue(c, TrialConfig.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new ResultsException("plan.json: trial " + t.trial() + ": its config does not build with this rnnlab ("
          + e.getMessage().lines().findFirst().orElse("") + "); run `plan` again");
    }
  }

  private static JsonNode parse(String json) {
    try {
      return Catalog.standard().mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("canonical JSON does not parse", e);
    }
  }
}
