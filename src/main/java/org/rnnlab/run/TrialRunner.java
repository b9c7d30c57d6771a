package org.rnnlab.run;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.rnnlab.data.DatasetException;
import org.rnnlab.data.DatasetFiles;
import org.rnnlab.procedure.Trial;
import org.rnnlab.procedure.TrialCancelledException;
import org.rnnlab.procedure.TrialConfig;
import org.rnnlab.results.Checkpoints;
import org.rnnlab.results.ModelFile;
import org.rnnlab.results.PlanRecord;
import org.rnnlab.results.ResultsJson;
import org.rnnlab.results.ResultsStore;
import org.rnnlab.results.TrialFailure;
import org.rnnlab.results.TrialLock;
import org.rnnlab.results.TrialResult;

/**
 * Runs one planned trial as a pure function of plan.json (the same code for a local pool and a
 * cluster's array task): under the trial's lock, skips it if its result is already there, else
 * runs its procedure and writes its files atomically. A procedure that throws leaves a failure
 * record, never a partial result; a result that cannot be written is a {@link StorageException},
 * which stops the whole run.
 */
public final class TrialRunner {
  /** What happened to a trial. */
  public enum Outcome {
    /** Computed now, ok. */
    RAN,
    /** Computed now; training diverged (a result, not an error). */
    DIVERGED,
    /** Its result was already there (resume), possibly written by a concurrent run. */
    REUSED,
    /** Another run or task holds its lock. */
    BUSY,
    /** The procedure threw; a failure record says why. */
    FAILED,
    /** Not started because the run is stopping. */
    CANCELLED
  }

  /** The outcome with a one-line detail (the failure, or where it diverged). */
  public record Result(Outcome outcome, String detail) {}

  /**
   * A dataset the trial reads is missing or damaged ({@link DatasetException}): no trial can be
   * computed on it, so the run stops with its one line and records nothing for the trial.
   */
  public static final class DataException extends IOException {
    private static final long serialVersionUID = 1L;

    DataException(DatasetException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** Results could not be written (disk full, read-only, ...): the run cannot go on. */
  public static final class StorageException extends IOException {
    private static final long serialVersionUID = 1L;

    StorageException(String message, IOException cause) {
      super(message, cause);
    }
  }

  private final PlanRecord plan;
  private final ResultsStore store;
  private final RunEnvironment env;
  private final int threads;
  private final boolean force;

  /**
   * @param threads the run's parallel trials, recorded in provenance
   * @param force   recompute trials that are already done
   */
  public TrialRunner(PlanRecord plan, ResultsStore store, RunEnvironment env, int threads, boolean force) {
    this.plan = plan;
    this.store = store;
    this.env = env;
    this.threads = threads;
    this.force = force;
  }

  /**
   * Runs trial {@code index}: without waiting for a lock another holds ({@code wait} false: BUSY),
   * or after waiting for it ({@code wait} true; the other's result is then reused if complete).
   */
  public Result run(int index, boolean wait, TrialRecording.Listener listener, BooleanSupplier stopping)
      throws IOException, InterruptedException {
    PlanRecord.PlannedTrial t = plan.trials().get(index);
    if (stopping.getAsBoolean()) {
      return new Result(Outcome.CANCELLED, null);
    }
    TrialLock lock = wait ? store.lock(t.trial()) : store.tryLock(t.trial());
    if (lock == null) {
      return new Result(Outcome.BUSY, null);
    }
    try (lock) {
      if (!force || wait) {
        if (store.inspect(t.trial(), t.configSha256()).state() == ResultsStore.State.DONE) {
          return new Result(Outcome.REUSED, null);
        }
      }
      return compute(t, listener, stopping);
    }
  }

  private Result compute(PlanRecord.PlannedTrial t, TrialRecording.Listener listener, BooleanSupplier stopping)
      throws IOException {
    long start = System.nanoTime();
    TrialConfig config = Plans.config(t);
    TrialRecording rec = new TrialRecording(listener, stopping, new Checkpoints(store.dir(), t.trial()),
        t.configSha256() + " " + env.codeVersion(), t.trial());
    try {
      config.training().create().run(new Trial(config, t.seed(), t.testSeed()), rec);
    } catch (TrialCancelledException e) {
      return new Result(Outcome.CANCELLED, null);
    } catch (DatasetException e) {
      throw new DataException(e);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      String why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      try {
        store.writeFailure(new TrialFailure(TrialFailure.FORMAT, t.trial(), t.configSha256(), why,
            env.provenance(plan.specSha256(), threads, (System.nanoTime() - start) / 1e9, precision(config))));
      } catch (IOException io) {
        throw new StorageException(store.dir() + ": cannot record the failure of " + t.trial() + ": "
            + io.getMessage(), io);
      }
      return new Result(Outcome.FAILED, why);
    }
    boolean diverged = rec.divergedAt != null;
    Map<String, Double> metrics = diverged ? Map.of() : rec.metrics;
    TrialResult r = new TrialResult(TrialResult.FORMAT, t.trial(), t.group(), t.variant(), t.point(), t.seedIndex(),
        t.seed(), t.testSeed(), t.configSha256(), diverged ? TrialResult.DIVERGED : TrialResult.OK, rec.divergedAt,
        metrics, null, env.provenance(plan.specSha256(), threads, (System.nanoTime() - start) / 1e9,
        dataRead(config), precision(config)));
    try {
      store.writeTrial(r, ResultsJson.pretty(t.config()), rec.curve, rec.series, rec.texts,
          rec.model == null || diverged ? Map.of() : Map.of(ModelFile.NAME, rec.model));
    } catch (IOException e) {
      throw new StorageException(store.dir().resolve(t.trial()) + ": cannot write the result: " + reason(e), e);
    }
    return diverged ? new Result(Outcome.DIVERGED, "diverged at step " + rec.divergedAt) : new Result(Outcome.RAN, null);
  }

  /** The arithmetic of the trial's model, as its provenance records it. */
  static String precision(TrialConfig config) {
    return config.model().arithmetic().specName();
  }

  /**
   * The SHA-256 of each dataset file the trial's tasks (training and evaluation sets) read, as
   * "dataset/file", each checked against the pinned manifest when it was read; empty for generated tasks.
   */
  static Map<String, String> dataRead(TrialConfig config) {
    Set<String> datasets = new TreeSet<>(config.task().datasets());
    config.evaluation().sets().values().forEach(s -> datasets.addAll(s.task().datasets()));
    Map<String, String> out = new TreeMap<>();
    for (String d : datasets) {
      DatasetFiles.verifiedDigests(d).forEach((file, sha) -> out.put(d + "/" + file, sha));
    }
    return out;
  }

  private static String reason(IOException e) {
    String m = e.getMessage();
    if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
      m = fs.getReason();
    }
    return e instanceof java.nio.file.AccessDeniedException ? "permission denied" : m == null ? e.toString() : m;
  }
}
