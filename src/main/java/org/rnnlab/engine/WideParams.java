package org.rnnlab.engine;

import java.util.List;

/**
 * A double copy of a float32 model's parameters, gradients and buffers, with the same layout (names,
 * shapes, offsets): the boundary through which double code (clipping rules, the stored model's JSON,
 * the finite check) sees a float32 model. Widening is exact; narrowing back rounds to nearest even and
 * flushes subnormals, so values that were not changed in double come back bit for bit.
 */
public final class WideParams {
  private final ParamsF32 narrow;
  private final Params wide;

  /** A zero-filled double copy of {@code params}' layout; fill it with the {@code widen} methods. */
  public WideParams(ParamsF32 params) {
    this.narrow = params;
    Params.Builder b = new Params.Builder();
    for (ParamsF32.Param p : params.list()) {
      b.add(p.name(), p.rows(), p.cols(), Params.Kind.valueOf(p.kind().name()), p.blocks());
    }
    for (ParamsF32.Buffer p : params.buffers()) {
      b.addBuffer(p.name(), p.rows(), p.cols());
    }
    this.wide = b.build();
  }

  /** The double copy (as last widened). */
  public Params params() {
    return wide;
  }

  /** Copies the float values and buffers into the double copy. */
  public Params widenValues() {
    widen(narrow.values(), wide.values());
    List<ParamsF32.Buffer> from = narrow.buffers();
    for (int i = 0; i < from.size(); i++) {
      widen(from.get(i).values(), wide.buffers().get(i).values());
    }
    return wide;
  }

  /** Rounds the double copy's values and buffers into the float model (after a load). */
  public void narrowValues() {
    narrow(wide.values(), narrow.values());
    List<ParamsF32.Buffer> to = narrow.buffers();
    for (int i = 0; i < to.size(); i++) {
      narrow(wide.buffers().get(i).values(), to.get(i).values());
    }
    narrow.markChanged();
  }

  /** Copies the float gradient into the double copy's. */
  public void widenGrads() {
    widen(narrow.grads(), wide.grads());
  }

  /**
   * Rounds the entries of the double copy's gradient that differ from the float model's into it (flushing
   * subnormals); an entry double code left alone keeps its float bits.
   */
  public void narrowGrads() {
    FloatKernels.narrowChanged(wide.grads(), 0, narrow.grads(), 0, narrow.grads().length);
  }

  private static void widen(float[] src, double[] dst) {
    FloatKernels.toDouble(src, 0, dst, 0, src.length);
  }

  private static void narrow(double[] src, float[] dst) {
    FloatKernels.toFloat(src, 0, dst, 0, src.length);
    FloatKernels.flushDenormals(dst, 0, dst.length);
  }
}
