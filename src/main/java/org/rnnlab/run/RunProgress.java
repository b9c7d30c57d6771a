package org.rnnlab.run;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress of an experiment run: a bar with ETA on a terminal, sparse log lines otherwise. */
public interface RunProgress extends AutoCloseable {
  /** Some optimiser steps of some cell were done. */
  void steps(long n);

  /** A cell finished (or was skipped as already done). */
  void cellDone(String cellId, String status);

  @Override
  void close();

  /** The bar on an interactive terminal without CI set; log lines otherwise. */
  static RunProgress create(String name, long totalSteps, int cells, PrintStream err) {
    boolean terminal = System.console() != null && System.getenv("CI") == null;
    return terminal ? new Bar(name, totalSteps) : new Log(name, totalSteps, cells, err);
  }

  /** An in-place progress bar with ETA. */
  final class Bar implements RunProgress {
    private final ProgressBar bar;

    Bar(String name, long total) {
      bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(total).setUnit(" steps", 1)
          .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
          .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    @Override
    public synchronized void steps(long n) {
      bar.stepBy(n);
    }

    @Override
    public void cellDone(String cellId, String status) {
      if (!status.equals("ok") && !status.equals("skipped")) {
        synchronized (this) {
          bar.setExtraMessage(cellId + " " + status);
        }
      }
    }

    @Override
    public void close() {
      bar.close();
    }
  }

  /** One line per finished cell, with elapsed time and a linear ETA. */
  final class Log implements RunProgress {
    private final String name;
    private final long total;
    private final int cells;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private long done;
    private int cellsDone;

    Log(String name, long total, int cells, PrintStream out) {
      this.name = name;
      this.total = total;
      this.cells = cells;
      this.out = out;
    }

    @Override
    public synchronized void steps(long n) {
      done += n;
    }

    @Override
    public synchronized void cellDone(String cellId, String status) {
      cellsDone++;
      double elapsed = (System.nanoTime() - start) / 1e9;
      String eta = done > 0 && done < total ? String.format(" eta %.0fs", elapsed * (total - done) / done) : "";
      out.printf("[%s] %d/%d %s %s (%.0fs%s)%n", name, cellsDone, cells, cellId, status, elapsed, eta);
      out.flush();
    }

    @Override
    public void close() {}
  }
}
