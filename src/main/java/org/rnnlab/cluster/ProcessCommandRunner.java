package org.rnnlab.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs commands as processes, with a time limit (a hung sbatch must not hang the CLI). */
public final class ProcessCommandRunner implements CommandRunner {
  private final Duration timeout;

  /** A runner that kills a command after {@code timeout}. */
  public ProcessCommandRunner(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public CommandResult run(List<String> command, String stdin) throws IOException {
    Process p = new ProcessBuilder(command).start();
    // Both streams drain at once: a command that fills one pipe while we read the other would block forever.
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    try (OutputStream in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw ClusterException.unavailable("slurm: `" + String.join(" ", command) + "` did not finish within "
            + timeout.toSeconds() + " s; check the controller with `scontrol ping`");
      }
      return new CommandResult(p.exitValue(), out.get(), err.get());
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.get(0), e);
    } catch (ExecutionException e) {
      throw new IOException("reading the output of " + command.get(0), e.getCause());
    }
  }

  private static String read(InputStream s) {
    try (s) {
      return new String(s.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
