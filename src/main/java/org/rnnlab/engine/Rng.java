package org.rnnlab.engine;

import java.nio.charset.StandardCharsets;
import org.rnnlab.engine.state.StateFormatException;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;

/**
 * A seeded random stream (SplitMix64, Steele, Lea and Flood 2014) with named, independent
 * children: {@code rng.child("init").child("layer0")}. A child's seed depends only on its
 * parent's seed and its name, so adding a component never shifts another component's numbers.
 * The generator is our own code so that its output is fixed on every JVM and machine.
 * Not thread-safe: give every thread its own child.
 */
public final class Rng {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private final long seed;
  private long state;
  private double spareGaussian;
  private boolean hasSpare;

  private Rng(long seed) {
    this.seed = seed;
    this.state = seed;
  }

  /**
   * Everything that decides a stream's future output: its seed (which names the stream), its
   * position, and the second Gaussian of the last Box-Muller pair if it has not been drawn yet.
   */
  public record Snapshot(long seed, long state, double spareGaussian, boolean hasSpare) {}

  /** A root stream for the given seed. */
  public static Rng of(long seed) {
    return new Rng(mix(seed ^ 0x5DEECE66DL));
  }

  /** The seed this stream started from (after mixing). */
  public long seed() {
    return seed;
  }

  /** This stream's full state; {@link #restore} puts it back. */
  public Snapshot snapshot() {
    return new Snapshot(seed, state, spareGaussian, hasSpare);
  }

  /**
   * Continues from {@code s}, taken from this same stream (same seed) at any point: afterwards it
   * draws exactly what the stream did after the snapshot. A snapshot of another stream is refused,
   * since restoring it would silently swap one stream for another.
   */
  public void restore(Snapshot s) {
    if (s.seed() != seed) {
      throw new StateFormatException("random stream: the state is of stream " + Long.toHexString(s.seed())
          + ", not of this one (" + Long.toHexString(seed) + ")");
    }
    state = s.state();
    spareGaussian = s.spareGaussian();
    hasSpare = s.hasSpare();
  }

  /** Writes this stream's state as the group {@code name}. */
  public void save(StateWriter out, String name) {
    out.begin(name).writeLong("seed", seed).writeLong("state", state).writeDouble("spare_gaussian", spareGaussian)
        .writeBoolean("has_spare", hasSpare).end();
  }

  /** Restores this stream's state from the group {@code name} written by {@link #save} on the same stream. */
  public void restore(StateReader in, String name) {
    String where = in.pathOf(name);
    in.begin(name);
    Snapshot s = new Snapshot(in.readLong("seed"), in.readLong("state"), in.readDouble("spare_gaussian"),
        in.readBoolean("has_spare"));
    in.end();
    if (s.seed() != seed) {
      throw new StateFormatException(where + ": the state of another random stream (seed " + Long.toHexString(s.seed())
          + ", this one " + Long.toHexString(seed) + ")");
    }
    restore(s);
  }

  /** An independent stream derived from this stream's seed and {@code name} only. */
  public Rng child(String name) {
    return new Rng(mix(seed ^ mix(fnv1a(name))));
  }

  /** An independent stream derived from this stream's seed and {@code index} only. */
  public Rng child(long index) {
    return new Rng(mix(seed + GOLDEN * (index + 1)));
  }

  /** A stable 64-bit hash of a string (FNV-1a over its UTF-8 bytes), then mixed. */
  public static long hash(String s) {
    return mix(fnv1a(s));
  }

  private static long fnv1a(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    return h;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The next 64 random bits. */
  public long nextLong() {
    state += GOLDEN;
    return mix(state);
  }

  /** Uniform in [0, 1), 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [lo, hi). */
  public double uniform(double lo, double hi) {
    return lo + (hi - lo) * nextDouble();
  }

  /** Uniform integer in [0, bound), without modulo bias. */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    // 2^64 mod bound values at the bottom of the range would make small results more likely
    long reject = Long.remainderUnsigned(-(long) bound, bound);
    while (true) {
      long r = nextLong();
      if (Long.compareUnsigned(r, reject) >= 0) {
        return (int) Long.remainderUnsigned(r, bound);
      }
    }
  }

  /** Uniform integer in [lo, hi] (both inclusive). */
  public int nextInt(int lo, int hi) {
    return lo + nextInt(hi - lo + 1);
  }

  /** True with probability p. */
  public boolean bernoulli(double p) {
    return nextDouble() < p;
  }

  /** Standard normal (Box-Muller with StrictMath, so every machine gives the same bits). */
  public double gaussian() {
    if (hasSpare) {
      hasSpare = false;
      return spareGaussian;
    }
    double u1;
    do {
      u1 = nextDouble();
    } while (u1 == 0.0);
    double u2 = nextDouble();
    double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
    double a = 2.0 * StrictMath.PI * u2;
    spareGaussian = r * StrictMath.sin(a);
    hasSpare = true;
    return r * StrictMath.cos(a);
  }

  /** Fisher-Yates shuffle in place. */
  public void shuffle(int[] a) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
