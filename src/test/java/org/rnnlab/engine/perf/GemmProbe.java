package org.rnnlab.engine.perf;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.rnnlab.engine.Gemm;

/** GFLOP/s (2 per fma) of Gemm.mult on the engine's shapes, in thread CPU time. {@code GemmProbe hidden [seconds]}. */
public final class GemmProbe {
  private GemmProbe() {}

  public static void main(String[] args) {
    int h = Integer.parseInt(args[0]);
    double secs = args.length > 1 ? Double.parseDouble(args[1]) : 2;
    int g = 4 * h;
    int rows = 3200;
    java.util.Random r = new java.util.Random(1);
    double[] w = rand(r, g * h);
    double[] hs = rand(r, (rows + 32) * h);
    double[] dg = rand(r, rows * g);
    double[] c1 = new double[32 * g];
    double[] c2 = new double[32 * h];
    double[] cw = new double[g * h];
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
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
      double best = 0;
      long end = System.nanoTime() + (long) (secs * 1e9);
      while (System.nanoTime() < end) {
        long c0 = mx.getCurrentThreadCpuTime();
        int n = 0;
        do {
          op.run();
          n++;
        } while (mx.getCurrentThreadCpuTime() - c0 < 50_000_000L);
        best = Math.max(best, n * flops / (mx.getCurrentThreadCpuTime() - c0));
      }
      System.out.printf("h=%d %-6s %.2f GFLOP/s%n", h, shape, best);
    }
  }

  static double[] rand(java.util.Random r, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.nextDouble() - 0.5;
    }
    return a;
  }
}
