package org.rnnlab.engine.perf;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.rnnlab.engine.Gemm;
import org.rnnlab.engine.GemmF32;

/**
 * GFLOP/s (2 per fma) of Gemm.mult on the engine's shapes, in thread CPU time.
 * {@code GemmProbe hidden [seconds [shapes [float32]]]}: with {@code float32}, GemmF32 on the
 * per-step forward product, the BPTT product and the weight gradient (fwdP, bwdP, wgrad).
 */
public final class GemmProbe {
  private GemmProbe() {}

  public static void main(String[] args) {
    int h = Integer.parseInt(args[0]);
    double secs = args.length > 1 ? Double.parseDouble(args[1]) : 2;
    if (args.length > 3 && args[3].equals("float32")) {
      for (String shape : args[2].split(",")) {
        time(h, shape + " f32", secs, float32(h, shape));
      }
      return;
    }
    int g = 4 * h;
    int rows = 3200;
    java.util.Random r = new java.util.Random(1);
    double[] w = rand(r, g * h);
    double[] hs = rand(r, (rows + 32) * h);
    double[] dg = rand(r, rows * g);
    double[] c1 = new double[32 * g];
    double[] c2 = new double[32 * h];
    double[] cw = new double[g * h];
    for (String shape : (args.length > 2 ? args[2] : "peak,fwd,fwdP,bwd,bwdP,wgrad,peak,fwdP,bwdP,wgrad").split(",")) {
      double flops;
      Runnable op;
      double[] pw = new double[Gemm.packedSize(h, g)];
      Gemm.packB(h, g, w, 0, g, pw, 0);
      double[] pw2 = new double[Gemm.packedSize(g, h)];
      Gemm.packB(g, h, w, 0, h, pw2, 0);
      double[] pk = new double[Gemm.packedSize(128, 48)];
      Gemm.packB(128, 48, hs, 0, 48, pk, 0);
      switch (shape) {
        case "dwih" -> { flops = 2.0 * rows * g * 2; op = () -> Gemm.mult(g, 2, rows, dg, 0, 1, g, hs, 0, 2, cw, 0, 2, true); }
        case "gx" -> { flops = 2.0 * rows * g * 2; op = () -> Gemm.mult(rows, g, 2, hs, 0, 2, 1, w, 0, g, dg, 0, g, true); }
        case "l1" -> { flops = 2.0 * 8 * 24 * 128; op = () -> Gemm.multPacked(8, 24, 128, hs, 0, 1, 8, pk, 0, c1, 0, 24, true); }
        case "peak" -> { flops = 2.0 * 32 * 48 * 64; op = () -> Gemm.multPacked(32, 48, 64, hs, 0, 64, 1, pk, 0, c1, 0, 48, true); }
        case "fwdP" -> { flops = 2.0 * 32 * g * h; op = () -> Gemm.multPacked(32, g, h, hs, 0, h, 1, pw, 0, c1, 0, g, false); }
        case "bwdP" -> { flops = 2.0 * 32 * g * h; op = () -> Gemm.multPacked(32, h, g, dg, 0, g, 1, pw2, 0, c2, 0, h, true); }
        case "fwd" -> { flops = 2.0 * 32 * g * h; op = () -> Gemm.mult(32, g, h, hs, 0, h, 1, w, 0, g, c1, 0, g, false); }
        case "bwd" -> { flops = 2.0 * 32 * g * h; op = () -> Gemm.mult(32, h, g, dg, 0, g, 1, w, 0, h, c2, 0, h, true); }
        default -> { flops = 2.0 * rows * g * h; op = () -> Gemm.mult(g, h, rows, dg, 0, 1, g, hs, 0, h, cw, 0, h, false); }
      }
      time(h, shape, secs, new Probe(flops, op));
    }
  }

  /** One product to time: its flop count and the call. */
  private record Probe(double flops, Runnable op) {}

  /** Runs the probe for {@code secs} seconds and prints its best GFLOP/s over 50 ms windows of thread CPU time. */
  private static void time(int h, String shape, double secs, Probe p) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double best = 0;
    long end = System.nanoTime() + (long) (secs * 1e9);
    while (System.nanoTime() < end) {
      long c0 = mx.getCurrentThreadCpuTime();
      int n = 0;
      do {
        p.op().run();
        n++;
      } while (mx.getCurrentThreadCpuTime() - c0 < 50_000_000L);
      best = Math.max(best, n * p.flops() / (mx.getCurrentThreadCpuTime() - c0));
    }
    System.out.printf("h=%d %-10s %.2f GFLOP/s%n", h, shape, best);
  }

  /** The float32 kernel on the engine's per-step shapes (batch 32, 4h gates) and the weight gradient over 3200 rows. */
  private static Probe float32(int h, String shape) {
    int g = 4 * h;
    int rows = 3200;
    java.util.Random r = new java.util.Random(1);
    float[] w = randF(r, g * h);
    float[] hs = randF(r, (rows + 32) * h);
    float[] dg = randF(r, rows * g);
    float[] c1 = new float[32 * g];
    float[] c2 = new float[32 * h];
    float[] cw = new float[g * h];
    float[] pw = new float[GemmF32.packedSize(h, g)];
    GemmF32.packB(h, g, w, 0, g, pw, 0);
    float[] pw2 = new float[GemmF32.packedSize(g, h)];
    GemmF32.packB(g, h, w, 0, h, pw2, 0);
    float[] pk = new float[GemmF32.packedSize(64, 96)];
    GemmF32.packB(64, 96, hs, 0, 96, pk, 0);
    float[] c3 = new float[32 * 96];
    return switch (shape) {
      // in L1: the kernel's own ceiling (the double probe's "peak" with twice the columns, as a float vector holds twice as many)
      case "peak" -> new Probe(2.0 * 32 * 96 * 64, () -> GemmF32.multPacked(32, 96, 64, hs, 0, 64, 1, pk, 0, c3, 0, 96, true));
      case "fwdP" -> new Probe(2.0 * 32 * g * h, () -> GemmF32.multPacked(32, g, h, hs, 0, h, 1, pw, 0, c1, 0, g, false));
      case "bwdP" -> new Probe(2.0 * 32 * g * h, () -> GemmF32.multPacked(32, h, g, dg, 0, g, 1, pw2, 0, c2, 0, h, true));
      case "wgrad" -> new Probe(2.0 * rows * g * h, () -> GemmF32.mult(g, h, rows, dg, 0, 1, g, hs, 0, h, cw, 0, h, false));
      default -> throw new IllegalArgumentException("float32 shapes: peak, fwdP, bwdP, wgrad; got " + shape);
    };
  }

  static float[] randF(java.util.Random r, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (r.nextDouble() - 0.5);
    }
    return a;
  }

  static double[] rand(java.util.Random r, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.nextDouble() - 0.5;
    }
    return a;
  }
}
