package org.rnnlab.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.rnnlab.spec.CellPlan;
import org.rnnlab.spec.Claim;
import org.rnnlab.spec.ExperimentPlan;
import org.rnnlab.spec.ModelSpec;
import org.rnnlab.spec.Published;
import org.rnnlab.spec.RunConfig;
import org.rnnlab.spec.TrainingSpec;
import org.rnnlab.task.Task;

/**
 * Runs the cells of an experiment plan on a pool of threads and writes their results. Each cell
 * is single-threaded and a function of its plan alone, so the numbers are the same for any
 * number of jobs; cells already done with the same resolved config are skipped (resume).
 */
public final class ExperimentRunner {
  private final Path resultsRoot;
  private final int jobs;
  private final boolean force;
  private final PrintStream log;

  /** What a run did. */
  public record Summary(Path resultsDir, int ran, int skipped, int diverged, List<String> failures) {}

  public ExperimentRunner(Path resultsRoot, int jobs, boolean force, PrintStream log) {
    this.resultsRoot = resultsRoot;
    this.jobs = Math.max(1, jobs);
    this.force = force;
    this.log = log;
  }

  /** The results directory of a plan: results/NAME, or results/NAME.PROFILE for a profile. */
  public static Path resultsDir(Path resultsRoot, ExperimentPlan plan) {
    return resultsRoot.resolve(plan.profile() == null ? plan.name() : plan.name() + "." + plan.profile());
  }

  /** Runs every cell that is not done yet. */
  public Summary run(ExperimentPlan plan, String command) throws IOException {
    CellStore store = new CellStore(resultsDir(resultsRoot, plan));
    store.cleanTemporaries();
    Provenance prov = Provenance.current();
    store.writeFile("experiment.json", CellStore.JSON.writeValueAsString(experimentJson(plan, prov, command)) + "\n");
    List<CellPlan> pending = new ArrayList<>();
    int skipped = 0;
    for (CellPlan c : plan.cells()) {
      if (!force && store.isDone(c.id(), c.sha256())) {
        skipped++;
      } else {
        pending.add(c);
      }
    }
    long total = pending.stream().mapToLong(c -> c.config().training().steps()).sum();
    log.printf("%s: %d cells, %d to run, %d already done; %d jobs%n", store.dir(), plan.cells().size(),
        pending.size(), skipped, jobs);
    List<String> failures = new ArrayList<>();
    int diverged = 0;
    ExecutorService pool = Executors.newFixedThreadPool(jobs);
    try (RunProgress progress = RunProgress.create(plan.name(), total, pending.size(), log)) {
      List<Future<String>> futures = new ArrayList<>();
      for (CellPlan c : pending) {
        futures.add(pool.submit(() -> runCell(plan, c, store, prov, progress)));
      }
      for (int i = 0; i < futures.size(); i++) {
        try {
          String status = futures.get(i).get();
          if (status.equals("diverged")) {
            diverged++;
          }
        } catch (java.util.concurrent.ExecutionException e) {
          Throwable cause = e.getCause();
          failures.add(pending.get(i).id() + ": " + cause);
          progress.cellDone(pending.get(i).id(), "FAILED: " + cause.getMessage());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return new Summary(store.dir(), pending.size() - failures.size(), skipped, diverged, failures);
  }

  private String runCell(ExperimentPlan plan, CellPlan c, CellStore store, Provenance prov, RunProgress progress) {
    int[] reported = {0};
    CellOutcome out = CellTraining.run(setup(c), step -> {
      progress.steps(step - reported[0]);
      reported[0] = step;
    });
    progress.steps(c.config().training().steps() - reported[0]);
    String status = out.diverged() ? "diverged" : "ok";
    ObjectNode r = CellStore.JSON.createObjectNode();
    r.put("cell", c.id());
    r.put("group", c.group());
    r.put("variant", c.variant());
    r.set("point", CellStore.JSON.valueToTree(c.sweepPoint()));
    r.put("seed_index", c.seedIndex());
    r.put("seed", c.seed());
    r.put("test_seed", c.testSeed());
    r.put("config_sha256", c.sha256());
    r.put("status", status);
    if (out.divergedAtStep() == null) {
      r.putNull("diverged_at_step");
    } else {
      r.put("diverged_at_step", out.divergedAtStep());
    }
    r.set("metrics", CellStore.metricsJson(out.finalMetrics()));
    ObjectNode p = r.putObject("provenance");
    p.put("spec_sha256", plan.specSha256());
    p.put("code_version", prov.codeVersion());
    p.put("jvm", prov.jvm());
    p.put("os", prov.os());
    p.put("cpu", prov.cpu());
    p.put("threads", jobs);
    p.put("wall_seconds", Math.round(out.wallSeconds() * 1000) / 1000.0);
    try {
      String config = CellStore.JSON.writeValueAsString(CellStore.JSON.readTree(c.canonicalJson())) + "\n";
      store.write(c.id(), config, CellStore.curveCsv(out.curve()), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    progress.cellDone(c.id(), out.diverged() ? "diverged at step " + out.divergedAtStep() : "ok");
    return status;
  }

  /** The engine-level setup of a planned cell. */
  static TrainingSetup setup(CellPlan c) {
    RunConfig rc = c.config();
    ModelSpec m = rc.model();
    TrainingSpec t = rc.training();
    return new TrainingSetup(c.seed(), c.testSeed(), rc.task(), m.cell(), m.hiddenSize(), m.numLayers(),
        m.weightInit(), m.recurrentInit(), m.loss(), t.optimizer(), t.clipping(), t.batchSize(), t.steps(),
        t.truncation(), t.trainSize(), rc.evaluation().every(), rc.evaluation().testSize());
  }

  private static ObjectNode experimentJson(ExperimentPlan plan, Provenance prov, String command) {
    ObjectNode e = CellStore.JSON.createObjectNode();
    e.put("name", plan.name());
    if (plan.profile() == null) {
      e.putNull("profile");
    } else {
      e.put("profile", plan.profile());
    }
    e.put("spec_file", plan.specFile());
    e.put("spec_sha256", plan.specSha256());
    e.put("description", plan.description());
    e.put("main_metric", plan.report().mainMetric());
    e.put("lower_is_better", plan.report().lowerIsBetter());
    e.set("variants", CellStore.JSON.valueToTree(plan.variants()));
    e.set("sweep", CellStore.JSON.valueToTree(plan.sweep()));
    e.put("seeds", plan.seeds());
    ArrayNode groups = e.putArray("groups");
    Map<String, CellPlan> firstOfGroup = new LinkedHashMap<>();
    plan.cells().forEach(c -> firstOfGroup.putIfAbsent(c.group(), c));
    for (CellPlan c : firstOfGroup.values()) {
      Task task = c.config().task().create();
      ObjectNode g = groups.addObject();
      g.put("group", c.group());
      g.put("variant", c.variant());
      g.set("point", CellStore.JSON.valueToTree(c.sweepPoint()));
      g.put("task", task.describe());
      Map<String, Double> baseline = new LinkedHashMap<>(task.baseline());
      boolean defaultLoss = c.config().model().loss() == null;
      Double lossBaseline = baseline.get(task.defaultLoss());
      if (defaultLoss && lossBaseline != null) {
        baseline.putIfAbsent("loss", lossBaseline);
      }
      g.set("baseline", CellStore.JSON.valueToTree(baseline));
      g.put("baseline_description", task.baselineDescription());
    }
    ArrayNode cells = e.putArray("cells");
    for (CellPlan c : plan.cells()) {
      ObjectNode n = cells.addObject();
      n.put("cell", c.id());
      n.put("group", c.group());
      n.put("seed_index", c.seedIndex());
    }
    ArrayNode pub = e.putArray("published");
    for (Published p : plan.report().published()) {
      pub.add(CellStore.JSON.valueToTree(p));
    }
    ArrayNode claims = e.putArray("claims");
    for (Claim cl : plan.claims()) {
      claims.add(CellStore.JSON.valueToTree(cl));
    }
    e.put("code_version", prov.codeVersion());
    e.put("command", command);
    return e;
  }
}
