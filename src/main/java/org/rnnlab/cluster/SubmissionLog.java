package org.rnnlab.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * results/NAME/slurm/submissions.tsv: one line per submission (its job ids and array layout), so that
 * {@code status} can tell which trials are queued or running without the accounting database.
 */
public final class SubmissionLog {
  static final String FILE = "submissions.tsv";
  static final String HEADER = "submitted\tarray_job\taggregate_job\toffset\tstride\ttrials_per_task\tlast_trial"
      + "\tarray\ttrials";

  /** One recorded submission; {@code layout} and {@code arrayJob} are null when no array was submitted. */
  public record Entry(Instant submitted, String arrayJob, String aggregateJob, ArrayLayout layout) {}

  private SubmissionLog() {}

  /** Appends {@code s} (one short line: whole, or absent, for a reader). */
  static void append(Submission s, Instant when) throws IOException {
    Path file = s.run().slurmDir().resolve(FILE);
    ArrayLayout l = s.layout();
    String line = String.join("\t", when.toString(), s.arrayJob() == null ? "-" : s.arrayJob().id(),
        s.aggregateJob().id(), l == null ? "-" : Integer.toString(l.offset()),
        l == null ? "-" : Integer.toString(l.stride()), l == null ? "-" : Integer.toString(l.trialsPerTask()),
        l == null ? "-" : Integer.toString(l.lastTrial()), l == null ? "-" : l.arraySpec(null),
        Integer.toString(s.trials())) + "\n";
    if (!Files.exists(file)) {
      line = HEADER + "\n" + line;
    }
    Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** The submissions recorded under {@code resultsDir} (none if it was never run on Slurm). */
  public static List<Entry> read(Path resultsDir) {
    Path file = resultsDir.resolve("slurm").resolve(FILE);
    List<Entry> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] f = line.split("\t");
        if (line.startsWith("submitted\t") || f.length < 9) {
          continue;
        }
        ArrayLayout layout = f[1].equals("-") ? null : new ArrayLayout(Integer.parseInt(f[3]),
            Integer.parseInt(f[4]), Integer.parseInt(f[5]), Integer.parseInt(f[6]), taskIds(f[7]));
        out.add(new Entry(Instant.parse(f[0]), f[1].equals("-") ? null : f[1], f[2], layout));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * The trials whose array task is still queued, by trial index: PENDING, RUNNING, ... A trial that has a result is
   * done whatever this says (a packed task lists trials it will skip). Empty if nothing was ever submitted;
   * throws {@link ClusterException} if submissions exist but squeue cannot answer.
   */
  public static Map<Integer, String> activeTrials(SlurmClient client, Path resultsDir) {
    Map<Integer, String> active = new TreeMap<>();
    queued(client, resultsDir).forEach((trial, q) -> active.put(trial, q.state()));
    return active;
  }

  /**
   * The queue entry (array job, task, state, reason) of every trial whose array task is still queued, by trial
   * index; as {@link #activeTrials}. A trial queued twice (two overlapping submissions) shows its running task if
   * one runs, else its latest submission's.
   */
  public static Map<Integer, QueueEntry> queued(SlurmClient client, Path resultsDir) {
    List<Entry> entries = read(resultsDir);
    Map<String, ArrayLayout> arrays = new TreeMap<>();
    entries.stream().filter(e -> e.arrayJob() != null).forEach(e -> arrays.put(e.arrayJob(), e.layout()));
    Map<Integer, QueueEntry> queued = new TreeMap<>();
    if (arrays.isEmpty()) {
      return queued;
    }
    for (QueueEntry q : client.queue(arrays.keySet())) {
      ArrayLayout layout = arrays.get(q.jobId());
      if (layout != null && q.taskId() != null) {
        layout.trialsOf(q.taskId()).forEach(t -> queued.merge(t, q,
            (a, b) -> a.state().equals("RUNNING") ? a : b));
      }
    }
    return queued;
  }

  /** The task ids of an --array value such as "0-5,9" (no %N). */
  static List<Integer> taskIds(String spec) {
    List<Integer> ids = new ArrayList<>();
    for (String part : spec.split(",")) {
      String[] r = part.split("-");
      int from = Integer.parseInt(r[0]);
      int to = r.length == 2 ? Integer.parseInt(r[1]) : from;
      for (int i = from; i <= to; i++) {
        ids.add(i);
      }
    }
    return ids;
  }
}
