package org.rnnlab.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.rnnlab.results.PlanRecord;

/**
 * Runs the trials of a plan on a pool of threads in this process: first every trial nobody else
 * holds, then, waiting for their locks, the trials another run was computing (reusing their
 * results when complete). Each trial is single-threaded and a function of the plan alone, so the
 * numbers do not depend on the number of threads or on other runs. A storage failure stops the
 * run: running trials are cancelled, no further trial starts, and the summary says why.
 */
public final class LocalExecutor {
  private final int threads;

  /** An executor with {@code threads} parallel trials (at least 1). */
  public LocalExecutor(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
  }

  /** What a run did to each trial it was given, in the order given. */
  public record Summary(List<Integer> indices, List<TrialRunner.Result> results, String stoppedBecause) {
    /** How many trials had {@code outcome}. */
    public long count(TrialRunner.Outcome outcome) {
      return results.stream().filter(r -> r.outcome() == outcome).count();
    }
  }

  private record Job(int slot, int index) {}

  /** Runs the trials at {@code indices} of {@code plan} through {@code runner}, reporting to {@code progress}. */
  public Summary run(PlanRecord plan, List<Integer> indices, TrialRunner runner, RunProgress progress)
      throws InterruptedException {
    TrialRunner.Result[] results = new TrialRunner.Result[indices.size()];
    AtomicReference<String> stop = new AtomicReference<>();
    List<Job> jobs = new ArrayList<>();
    for (int s = 0; s < indices.size(); s++) {
      jobs.add(new Job(s, indices.get(s)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Job> busy = pass(plan, jobs, false, runner, progress, pool, results, stop);
      pass(plan, busy, true, runner, progress, pool, results, stop);
    } finally {
      pool.shutdownNow();
    }
    return new Summary(List.copyOf(indices), List.of(results), stop.get());
  }

  /** Runs {@code jobs}, waiting for locks or not; returns the jobs whose trial another run held. */
  private static List<Job> pass(PlanRecord plan, List<Job> jobs, boolean wait, TrialRunner runner,
                                RunProgress progress, ExecutorService pool, TrialRunner.Result[] results,
                                AtomicReference<String> stop) throws InterruptedException {
    List<Future<TrialRunner.Result>> futures = new ArrayList<>();
    for (Job j : jobs) {
      futures.add(pool.submit(() -> {
        try {
          TrialRunner.Result r = runner.run(j.index(), wait, progress.listener(j.index()),
              () -> stop.get() != null);
          if (r.outcome() != TrialRunner.Outcome.BUSY) {
            progress.done(j.index(), r);
          }
          return r;
        } catch (IOException e) {
          String why = e instanceof TrialRunner.StorageException || e instanceof TrialRunner.DataException
              ? e.getMessage()
              : plan.trials().get(j.index()).trial() + ": " + e.getMessage();
          stop.compareAndSet(null, why);
          return new TrialRunner.Result(TrialRunner.Outcome.CANCELLED, why);
        }
      }));
    }
    List<Job> busy = new ArrayList<>();
    for (int k = 0; k < futures.size(); k++) {
      TrialRunner.Result r;
      try {
        r = futures.get(k).get();
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        r = new TrialRunner.Result(TrialRunner.Outcome.FAILED, c.getClass().getSimpleName() + ": " + c.getMessage());
        progress.done(jobs.get(k).index(), r);
      }
      if (r.outcome() == TrialRunner.Outcome.BUSY) {
        busy.add(jobs.get(k));
      }
      results[jobs.get(k).slot()] = r;
    }
    return busy;
  }
}
