package org.rnnlab.run;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress of a run, weighted by each trial's expected cost (its procedure's estimate: updates x
 * sequence length x hidden^2, ...), so that a run mixing T=50 and T=400 trials gets an honest ETA.
 * On an interactive terminal a live display redrawn in place: trials done / total, elapsed time
 * and ETA, and each running trial's progress with its latest training loss; anywhere else (a
 * pipe, a log file, CI) one plain line per finished trial and a line every few minutes, never a
 * carriage return or an escape sequence. Thread-safe.
 */
public abstract class RunProgress implements AutoCloseable {
  /** The system property the launcher sets when stderr, where progress goes, is a terminal. */
  public static final String TTY_PROPERTY = "rnnlab.stderr.tty";

  private final Map<Integer, Double> cost;
  private final Map<Integer, String> ids;
  private final Map<Integer, Double> fraction = new HashMap<>();
  /** Running trials (plan index) to their latest loss and its update, in plan order. */
  private final Map<Integer, double[]> latest = new TreeMap<>();
  private final double total;
  protected final String name;
  protected final long start = System.nanoTime();
  protected final int trials;
  protected int finished;

  /** Progress over the trials that {@code cost} maps (plan index to expected cost); {@code ids} names them. */
  protected RunProgress(String name, Map<Integer, Double> cost, Map<Integer, String> ids) {
    this.name = name;
    this.cost = Map.copyOf(cost);
    this.ids = Map.copyOf(ids);
    this.trials = cost.size();
    this.total = cost.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /**
   * The live display if stderr (where {@code err} writes) is a terminal and CI is not set; plain
   * lines on {@code err} otherwise. Whether stderr is a terminal only the launcher can tell (Java
   * cannot ask about a single stream): it passes {@code -Drnnlab.stderr.tty=true} when {@code [ -t 2 ]}.
   */
  public static RunProgress create(String name, Map<Integer, Double> cost, Map<Integer, String> ids, PrintStream err) {
    boolean terminal = "true".equals(System.getProperty(TTY_PROPERTY)) && System.getenv("CI") == null
        && !"dumb".equals(System.getenv("TERM"));
    return terminal ? new Live(name, cost, ids, err, columns()) : new Log(name, cost, ids, err);
  }

  private static int columns() {
    try {
      int c = Integer.parseInt(System.getProperty("rnnlab.columns", ""));
      return c >= 40 ? c : 100;
    } catch (NumberFormatException e) {
      return 100;
    }
  }

  /** The id of the trial at plan index {@code index}. */
  protected String id(int index) {
    return ids.getOrDefault(index, "#" + index);
  }

  /** What trial {@code index}'s procedure reports, for this display. */
  TrialRecording.Listener listener(int index) {
    return new TrialRecording.Listener() {
      @Override
      public void progress(double f) {
        advanced(index, f);
      }

      @Override
      public void scalar(long step, String metric, double value) {
        recorded(index, step, metric, value);
      }
    };
  }

  /** A trial's procedure is {@code f} (0..1) done. */
  public synchronized void advanced(int index, double f) {
    fraction.put(index, f);
    latest.computeIfAbsent(index, k -> new double[] {Double.NaN, -1, 0});
    shown();
  }

  /** A trial recorded a curve value; the training loss (or, without one, the test loss) is kept for the display. */
  synchronized void recorded(int index, long step, String metric, double value) {
    double[] l = latest.computeIfAbsent(index, k -> new double[] {Double.NaN, -1, 0});
    boolean train = metric.equals("train_loss");
    if (train || (metric.equals("loss") && l[2] == 0)) {
      l[0] = value;
      l[1] = step;
      l[2] = train ? 1 : 0;
    }
  }

  /** A trial finished (computed, reused, failed or cancelled). */
  public synchronized void done(int index, TrialRunner.Result r) {
    fraction.put(index, 1.0);
    double[] l = latest.remove(index);
    finished++;
    finished(index, r, l == null ? Double.NaN : l[0]);
  }

  /** The expected-cost-weighted fraction of the run done, 0..1. */
  protected synchronized double doneFraction() {
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

  /** "trials 12/75 done, 34%, elapsed 3m12s, ETA 6m05s". */
  protected synchronized String status() {
    double eta = eta();
    return String.format(Locale.ROOT, "trials %d/%d done, %.0f%% of the work, elapsed %s, ETA %s", finished, trials,
        100 * doneFraction(), duration(elapsed()), doneFraction() >= 1 ? "0s" : Double.isNaN(eta) ? "unknown"
            : duration(eta));
  }

  /** One line per running trial: its id, its fraction done and its latest loss. */
  protected synchronized List<String> running() {
    List<String> out = new ArrayList<>();
    for (Map.Entry<Integer, double[]> e : latest.entrySet()) {
      double f = fraction.getOrDefault(e.getKey(), 0.0);
      double[] l = e.getValue();
      out.add(String.format(Locale.ROOT, "%s  %3.0f%%%s", id(e.getKey()), 100 * f, Double.isNaN(l[0]) ? ""
          : String.format(Locale.ROOT, "  %s %s at update %d", l[2] == 1 ? "train loss" : "test loss",
              number(l[0]), (long) l[1])));
    }
    return out;
  }

  /** "1h02m", "3m12s", "45s". */
  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
    return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
  }

  static String number(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, Math.abs(v) >= 0.001 ? "%.4f" : "%.3e", v)
        : String.valueOf(v);
  }

  protected abstract void shown();

  protected abstract void finished(int index, TrialRunner.Result r, double lastLoss);

  @Override
  public abstract void close();

  /** The display redrawn in place on a terminal, once a second. */
  static final class Live extends RunProgress {
    private final PrintStream out;
    private final int columns;
    private final ScheduledExecutorService timer;
    private int drawn;

    Live(String name, Map<Integer, Double> cost, Map<Integer, String> ids, PrintStream out, int columns) {
      super(name, cost, ids);
      this.out = out;
      this.columns = columns;
      this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rnnlab-progress");
        t.setDaemon(true);
        return t;
      });
      timer.scheduleAtFixedRate(this::draw, 0, 1, TimeUnit.SECONDS);
    }

    @Override
    protected void shown() {}

    @Override
    protected synchronized void finished(int index, TrialRunner.Result r, double lastLoss) {
      clear();
      if (r.outcome() == TrialRunner.Outcome.FAILED || r.outcome() == TrialRunner.Outcome.DIVERGED) {
        out.println(fit(name + ": " + id(index) + " " + r.outcome().name().toLowerCase(Locale.ROOT)
            + (r.detail() == null ? "" : ": " + r.detail())));
      }
      frame();
    }

    /** Redraws the frame in place (the timer's job every second; tests call it directly). */
    synchronized void draw() {
      clear();
      frame();
    }

    /** Erases the frame drawn last: up one line and clear it, for each of its lines. */
    private void clear() {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < drawn; i++) {
        sb.append("\033[1A\033[2K");
      }
      sb.append('\r');
      out.print(sb);
      drawn = 0;
    }

    private void frame() {
      double f = doneFraction();
      int width = 20;
      int filled = (int) Math.round(f * width);
      List<String> lines = new ArrayList<>();
      lines.add(fit(name + "  [" + "#".repeat(filled) + "-".repeat(width - filled) + "]  " + status()));
      for (String r : running()) {
        lines.add(fit("  running " + r));
      }
      lines.forEach(out::println);
      out.flush();
      drawn = lines.size();
    }

    private String fit(String s) {
      return s.length() < columns ? s : s.substring(0, columns - 2) + "…";
    }

    @Override
    public synchronized void close() {
      timer.shutdownNow();
      clear();
      out.println(name + ": " + status());
      out.flush();
    }
  }

  /** Plain lines: one per finished trial, and one after a few minutes without any. */
  static final class Log extends RunProgress {
    static final double QUIET_SECONDS = 300;
    private final PrintStream out;
    private double lastLine;

    Log(String name, Map<Integer, Double> cost, Map<Integer, String> ids, PrintStream out) {
      super(name, cost, ids);
      this.out = out;
    }

    @Override
    protected void shown() {
      double now = elapsed();
      if (now - lastLine >= QUIET_SECONDS) {
        lastLine = now;
        out.printf("[%s] %s; running: %s%n", name, status(), String.join("; ", running()));
        out.flush();
      }
    }

    @Override
    protected void finished(int index, TrialRunner.Result r, double lastLoss) {
      lastLine = elapsed();
      out.printf("[%s] %s: %s %s%s%s%n", name, status(), id(index),
          r.outcome().name().toLowerCase(Locale.ROOT), r.detail() == null ? "" : " (" + r.detail() + ")",
          Double.isNaN(lastLoss) ? "" : ", last train loss " + number(lastLoss));
      out.flush();
    }

    @Override
    public void close() {}
  }
}
