package org.rnnlab.results;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checkpoints of one trial while it runs: opaque training-state bytes saved after update K as
 * {@code RESULTS/.checkpoints/TRIAL/update-K.ckpt} (beside {@code .locks/}, outside the trial
 * directory, which is complete or absent). Each file is written atomically and carries the SHA-256
 * of its content, the update and the fingerprint of what wrote it (the trial's config hash); the
 * two newest are kept, so a damaged newest one falls back to the previous. They are removed when
 * the trial's result is written ({@link ResultsStore#writeTrial}). The caller holds the trial's lock.
 *
 * <p>File layout: the 8 bytes {@code RNLCKPT1}, the 32-byte SHA-256 of everything after it, then
 * the update (long), the fingerprint (UTF), the state's length (int) and the state.
 */
public final class Checkpoints {
  /** The directory of all trials' checkpoints, in a results directory. */
  public static final String DIR = ".checkpoints";
  /** Checkpoints kept per trial. */
  public static final int KEEP = 2;
  private static final byte[] MAGIC = "RNLCKPT1".getBytes(StandardCharsets.US_ASCII);
  private static final Pattern NAME = Pattern.compile("update-(\\d{1,19})\\.ckpt");

  private static final String STALE = "written for another config or code";
  private final Path dir;

  /** The checkpoints of {@code trial} in the results directory {@code resultsDir}. */
  public Checkpoints(Path resultsDir, String trial) {
    this.dir = resultsDir.resolve(DIR).resolve(trial);
  }

  /** A checkpoint that passed its checks: the training state after update {@code update}. */
  public record Checkpoint(Path file, long update, byte[] state) {}

  /**
   * A checkpoint that cannot be used, with a short reason (no file name, no trailing period);
   * {@code stale}: intact, but written for another config or by another code version (whose numbers may differ).
   */
  public record Rejected(Path file, String reason, boolean stale) {
    /** A damaged checkpoint (also one whose state the caller could not restore). */
    public Rejected(Path file, String reason) {
      this(file, reason, false);
    }

    /**
     * The one line to print: {@code checkpoint FILE is damaged (REASON); restarting from update K}
     * ({@code from scratch} when {@code restartUpdate} is null; {@code is stale} for another config's).
     */
    public String line(Long restartUpdate) {
      return "checkpoint " + file + " is " + (stale ? "stale" : "damaged") + " (" + reason + "); restarting "
          + (restartUpdate == null ? "from scratch" : "from update " + restartUpdate);
    }
  }

  /** What is on disk: the intact checkpoints of this config, newest first, and the rejected ones. */
  public record Scan(List<Checkpoint> usable, List<Rejected> rejected) {
    /** The newest intact checkpoint, or null: start from scratch. */
    public Checkpoint newest() {
      return usable.isEmpty() ? null : usable.get(0);
    }
  }

  /** The directory holding this trial's checkpoints (created on the first write). */
  public Path dir() {
    return dir;
  }

  /**
   * Saves {@code state} as the checkpoint after update {@code update}, atomically; then keeps only
   * the {@link #KEEP} newest up to it (checkpoints past it, left by a run that went further and
   * was skipped as damaged, are removed: they are no longer this run's future).
   *
   * @param fingerprint identifies what wrote the state (the trial's config hash); {@link #scan}
   *                    rejects checkpoints of another
   */
  public Path write(long update, String fingerprint, byte[] state) throws IOException {
    if (update < 0) {
      throw new IllegalArgumentException("update must be >= 0, got " + update);
    }
    Path f = dir.resolve(fileName(update));
    AtomicWrite.write(f, encode(update, fingerprint, state));
    List<Long> older = new ArrayList<>();
    for (long u : updatesOnDisk()) {
      if (u > update) {
        Files.deleteIfExists(dir.resolve(fileName(u)));
      } else if (u < update) {
        older.add(u);
      }
    }
    older.sort(Comparator.reverseOrder());
    for (int i = KEEP - 1; i < older.size(); i++) {
      Files.deleteIfExists(dir.resolve(fileName(older.get(i))));
    }
    return f;
  }

  /**
   * Reads every checkpoint, newest first: those whose digest, header and fingerprint check out are
   * usable, the others rejected with a one-line reason. Removes temporaries of dead writers first.
   */
  public Scan scan(String fingerprint) throws IOException {
    Temporaries.clean(dir);
    List<Checkpoint> ok = new ArrayList<>();
    List<Rejected> bad = new ArrayList<>();
    List<Long> updates = updatesOnDisk();
    updates.sort(Comparator.reverseOrder());
    for (long u : updates) {
      Path f = dir.resolve(fileName(u));
      byte[] b;
      try {
        b = Files.readAllBytes(f);
      } catch (NoSuchFileException e) {
        continue;
      } catch (IOException e) {
        bad.add(new Rejected(f, "cannot read: " + e.getMessage()));
        continue;
      }
      String why = check(b, u, fingerprint);
      if (why != null) {
        bad.add(new Rejected(f, why, why.startsWith(STALE)));
      } else {
        ok.add(decode(f, b));
      }
    }
    return new Scan(List.copyOf(ok), List.copyOf(bad));
  }

  /** Removes this trial's checkpoints (the trial's result is written, or it starts over). */
  public void remove() throws IOException {
    Temporaries.deleteTree(dir);
  }

  /** Removes the checkpoints of {@code trial} in {@code resultsDir}, if any. */
  public static void remove(Path resultsDir, String trial) throws IOException {
    new Checkpoints(resultsDir, trial).remove();
  }

  /** The name of the checkpoint after update {@code update}; zero-padded so names sort by update. */
  static String fileName(long update) {
    return String.format("update-%012d.ckpt", update);
  }

  private List<Long> updatesOnDisk() throws IOException {
    List<Long> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (m.matches()) {
          try {
            out.add(Long.parseLong(m.group(1)));
          } catch (NumberFormatException e) {
            // not one of ours (more digits than a long): leave it alone
          }
        }
      }
    }
    return out;
  }

  static byte[] encode(long update, String fingerprint, byte[] state) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream(state.length + 128);
    DataOutputStream out = new DataOutputStream(body);
    out.writeLong(update);
    out.writeUTF(fingerprint);
    out.writeInt(state.length);
    out.write(state);
    out.flush();
    byte[] b = body.toByteArray();
    byte[] file = new byte[MAGIC.length + 32 + b.length];
    System.arraycopy(MAGIC, 0, file, 0, MAGIC.length);
    System.arraycopy(Checksums.digest().digest(b), 0, file, MAGIC.length, 32);
    System.arraycopy(b, 0, file, MAGIC.length + 32, b.length);
    return file;
  }

  /** Null if {@code b} is an intact checkpoint after update {@code named} of {@code fingerprint}, else why not. */
  static String check(byte[] b, long named, String fingerprint) {
    int head = MAGIC.length + 32;
    if (b.length < head || !Arrays.equals(Arrays.copyOf(b, MAGIC.length), MAGIC)) {
      return b.length == 0 ? "empty" : "not a checkpoint: no RNLCKPT1 header";
    }
    MessageDigest d = Checksums.digest();
    d.update(b, head, b.length - head);
    if (!Arrays.equals(d.digest(), Arrays.copyOfRange(b, MAGIC.length, head))) {
      return "its content does not match its SHA-256: truncated or changed";
    }
    ByteBuffer in = ByteBuffer.wrap(b, head, b.length - head);
    try {
      long update = in.getLong();
      String fp = utf(in);
      int n = in.getInt();
      if (update != named) {
        return "holds update " + update + " but is named for update " + named;
      }
      if (!fp.equals(fingerprint)) {
        return STALE + ": " + difference(fp, fingerprint);
      }
      if (n != in.remaining()) {
        return "state of " + n + " bytes, the file has " + in.remaining();
      }
    } catch (BufferUnderflowException e) {
      return "header cut short";
    }
    return null;
  }

  private static Checkpoint decode(Path f, byte[] b) {
    ByteBuffer in = ByteBuffer.wrap(b, MAGIC.length + 32, b.length - MAGIC.length - 32);
    long update = in.getLong();
    utf(in);
    byte[] state = new byte[in.getInt()];
    in.get(state);
    return new Checkpoint(f, update, state);
  }

  private static String utf(ByteBuffer in) {
    byte[] s = new byte[Short.toUnsignedInt(in.getShort())];
    in.get(s);
    return new String(s, StandardCharsets.UTF_8); // fingerprints are ASCII (hex digests)
  }

  /**
   * What differs between a checkpoint's fingerprint and the trial's, each "config-hash code-version":
   * the config (abbreviated hashes) or, for the same config, the code version that wrote it.
   */
  private static String difference(String theirs, String mine) {
    String[] t = theirs.split(" ", 2);
    String[] m = mine.split(" ", 2);
    if (t.length == 2 && m.length == 2 && t[0].equals(m[0])) {
      return "the same config, written by code " + t[1] + ", this run is " + m[1];
    }
    return abbrev(t[0]) + ", this trial's is " + abbrev(m[0]);
  }

  private static String abbrev(String s) {
    return s.length() > 12 ? s.substring(0, 12) : s;
  }
}
