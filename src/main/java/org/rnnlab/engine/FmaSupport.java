package org.rnnlab.engine;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Whether this JVM computes {@link Math#fma} in hardware. The engine's kernels are chains of
 * fused multiply-adds, which Java specifies to the bit; on a JVM without the FMA intrinsic
 * ({@code -XX:-UseFMA}, or a processor without FMA) every one goes through a software emulation,
 * about a thousand times slower: same numbers, but a run that seems to hang.
 */
public final class FmaSupport {
  private FmaSupport() {}

  /** True when the FMA intrinsic is on (HotSpot's UseFMA flag), or, where the flag cannot be read, when a timing says so. */
  public static boolean hardware() {
    try {
      HotSpotDiagnosticMXBean hs = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      if (hs != null) {
        return Boolean.parseBoolean(hs.getVMOption("UseFMA").getValue());
      }
    } catch (RuntimeException e) {
      // not HotSpot, or no such flag on this platform: time it instead
    }
    return timedFast();
  }

  /** 200,000 dependent fmas take well under 20 ms in hardware even unwarmed, and far more in software. */
  private static boolean timedFast() {
    double s = 0.5;
    long t0 = System.nanoTime();
    for (int i = 0; i < 200_000; i++) {
      s = Math.fma(s, 0.999999, 1e-7);
    }
    long ns = System.nanoTime() - t0;
    return ns < 20_000_000L || s == 42.0;
  }

  /** One line to print at start-up when FMA runs in software, else null. */
  public static String warning() {
    return hardware() ? null
        : "rnnlab: this JVM runs Math.fma in software (-XX:-UseFMA, or a processor without FMA): the numbers are the "
          + "same but training is about 1000x slower; use a JVM/processor with FMA for real runs";
  }
}
