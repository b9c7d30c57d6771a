package org.rnnlab.engine;

import java.nio.charset.StandardCharsets;

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

  /** A root stream for the given seed. */
  public static Rng of(long seed) {
    return new Rng(mix(seed ^ 0x5DEECE66DL));
  }

  /** The seed this stream started from (after mixing). */
  public long seed() {
    return seed;
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
