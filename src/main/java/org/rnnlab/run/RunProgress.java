package org.rnnlab.run;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a run, weighted by each trial's expected cost (its procedure's estimate: updates x
 * sequence length x hidden^2, ...), so that a run mixing T=50 and T=400 trials gets an honest ETA.
 * A bar on an interactive terminal, sparse log lines otherwise. Thread-safe.
 */
public abstract class RunProgress implements AutoCloseable {
  private final Map<Integer, Double> cost;
  private final Map<Integer, String> ids;
  private final Map<Integer, Double> fraction = new HashMap<>();
  private final double total;
  protected final long start = System.nanoTime();
  protected final int trials;
  protected int finished;

  /** Progress over the trials that {@code cost} maps (plan index to expected cost); {@code ids} names them. */
  protected RunProgress(Map<Integer, Double> cost, Map<Integer, String> ids) {
    this.cost = Map.copyOf(cost);
    this.ids = Map.copyOf(ids);
    this.trials = cost.size();
    this.total = cost.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** The bar on an interactive terminal without CI set; log lines on {@code err} otherwise. */
  public static RunProgress create(String name, Map<Integer, Double> cost, Map<Integer, String> ids, PrintStream err) {
    boolean terminal = System.console() != null && System.getenv("CI") == null;
    return terminal ? new Bar(name, cost, ids) : new Log(name, cost, ids, err);
  }

  /** The id of the trial at plan index {@code index}. */
  protected String id(int index) {
    return ids.getOrDefault(index, "#" + index);
  }

  /** A trial's procedure is {@code f} (0..1) done. */
  public synchronized void advanced(int index, double f) {
    fraction.put(index, f);
    shown();
  }

  /** A trial finished (computed, reused, failed or cancelled). */
  public synchronized void done(int index, TrialRunner.Result r) {
    fraction.put(index, 1.0);
    finished++;
    finished(index, r);
  }

  /** The expected-cost-weighted fraction of the run done, 0..1. */
  protected double doneFraction() {
    double d = 0;
    for (Map.Entry<Integer, Double> e : fraction.entrySet()) {
      d += cost.getOrDefault(e.getKey(), 0.0) * e.getValue();
    }
    return total <= 0 ? 1.0 : Math.min(1.0, d / total);
  }

  /** Seconds since the run started. */
  protected double elapsed() {
    return (System.nanoTime() - start) / 1e9;
  }

  /** The estimated seconds left, or NaN before anything is done. */
  protected double eta() {
    double f = doneFraction();
    return f <= 0 || f >= 1 ? Double.NaN : elapsed() * (1 - f) / f;
  }

  protected abstract void shown();

  protected abstract void finished(int index, TrialRunner.Result r);

  @Override
  public abstract void close();

  /** An in-place bar: per mille of the expected cost, with ETA. */
  static final class Bar extends RunProgress {
    private final ProgressBar bar;

    Bar(String name, Map<Integer, Double> cost, Map<Integer, String> ids) {
      super(cost, ids);
      bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(1000).setUnit("‰", 1)
          .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
          .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    @Override
    protected void shown() {
      bar.stepTo(Math.round(doneFraction() * 1000));
    }

    @Override
    protected void finished(int index, TrialRunner.Result r) {
      shown();
      bar.setExtraMessage(finished + "/" + trials + " trials");
    }

    @Override
    public void close() {
      bar.close();
    }
  }

  /** One line per finished trial, with elapsed time and the cost-weighted ETA. */
  static final class Log extends RunProgress {
    private final String name;
    private final PrintStream out;

    Log(String name, Map<Integer, Double> cost, Map<Integer, String> ids, PrintStream out) {
      super(cost, ids);
      this.name = name;
      this.out = out;
    }

    @Override
    protected void shown() {}

    @Override
    protected void finished(int index, TrialRunner.Result r) {
      double eta = eta();
      out.printf("[%s] %d/%d %s %s%s (%.0fs%s)%n", name, finished, trials, id(index),
          r.outcome().name().toLowerCase(java.util.Locale.ROOT), r.detail() == null ? "" : ": " + r.detail(),
          elapsed(), Double.isNaN(eta) ? "" : String.format(" eta %.0fs", eta));
      out.flush();
    }

    @Override
    public void close() {}
  }
}
