package org.rnnlab.data.image;

import org.rnnlab.engine.Rng;

/**
 * Pixel by pixel, one value per step, on the image downsampled by {@code factor}: pooled pixel
 * (r, c) is the mean of the {@code factor x factor} block at rows {@code r*factor ..}, columns
 * {@code c*factor ..}, summed in row-major order and divided by factor² (factor 2: 28x28 -> 14x14,
 * 196 steps; factor 1: 784 steps). The pooled pixels are visited in row-major order
 * ({@link #sequential}) or in one fixed random order ({@link #permuted}: pMNIST, Le, Jaitly and
 * Hinton 2015), the permutation a Fisher-Yates shuffle of 0..n-1 with the stream
 * {@code Rng.of(0).child("pmnist-permutation")}, fixed for every trial.
 */
public final class PixelSequenceView implements ImageSequenceView {
  /** Root seed of the permutation; part of the task's definition, never a trial seed. */
  public static final long PERMUTATION_SEED = 0L;
  /** Stream name of the permutation under {@link #PERMUTATION_SEED}. */
  public static final String PERMUTATION_STREAM = "pmnist-permutation";

  private final int cols;
  private final int factor;
  private final int pooledCols;
  private final int[] order;
  private final boolean permuted;

  private PixelSequenceView(int rows, int cols, int factor, boolean permuted) {
    if (factor < 1 || rows % factor != 0 || cols % factor != 0) {
      throw new IllegalArgumentException("downsampling factor " + factor + " must be >= 1 and divide "
          + rows + "x" + cols);
    }
    this.cols = cols;
    this.factor = factor;
    this.pooledCols = cols / factor;
    int n = (rows / factor) * pooledCols;
    this.order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    if (permuted) {
      permutationStream().shuffle(order);
    }
    this.permuted = permuted;
  }

  /** Pooled pixels in row-major order. */
  public static PixelSequenceView sequential(int rows, int cols, int factor) {
    return new PixelSequenceView(rows, cols, factor, false);
  }

  /** Pooled pixels in the fixed pMNIST order. */
  public static PixelSequenceView permuted(int rows, int cols, int factor) {
    return new PixelSequenceView(rows, cols, factor, true);
  }

  static Rng permutationStream() {
    return Rng.of(PERMUTATION_SEED).child(PERMUTATION_STREAM);
  }

  /** The pooled pixel read at each step (a copy). */
  public int[] order() {
    return order.clone();
  }

  @Override
  public int steps() {
    return order.length;
  }

  @Override
  public int features() {
    return 1;
  }

  @Override
  public int imagePixels() {
    return order.length * factor * factor;
  }

  @Override
  public void write(double[] image, double[] dst, int off, int stride) {
    double area = factor * factor;
    for (int t = 0; t < order.length; t++) {
      int q = order[t];
      int r0 = (q / pooledCols) * factor;
      int c0 = (q % pooledCols) * factor;
      double s = 0.0;
      for (int r = r0; r < r0 + factor; r++) {
        for (int c = c0; c < c0 + factor; c++) {
          s += image[r * cols + c];
        }
      }
      dst[off + t * stride] = s / area;
    }
  }

  @Override
  public String describe() {
    int side = cols / factor;
    return (permuted ? "permuted pixels" : "pixels") + ": " + order.length + " steps of 1 value"
        + (factor == 1 ? "" : " (" + factor + "x" + factor + " mean, " + (order.length / side) + "x" + side + ")");
  }
}
