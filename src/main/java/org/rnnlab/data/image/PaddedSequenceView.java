package org.rnnlab.data.image;

/**
 * Another view lengthened by {@code extra} blank steps (all values 0, the background of MNIST and
 * Fashion-MNIST), for evaluation on sequences longer than any seen in training (seed 000 section
 * 7.3.1: batch normalisation has no statistics for the extra steps). {@link Placement#BEFORE}
 * puts the blanks first, so the image itself arrives at steps the model never saw in training
 * (for rows with 28 extra: a blank 28x28 image, then the image, 56 steps);
 * {@link Placement#AFTER} puts them last, so the model must carry the image across them.
 */
public final class PaddedSequenceView implements ImageSequenceView {
  /** Where the blank steps go. */
  public enum Placement { BEFORE, AFTER }

  private final ImageSequenceView base;
  private final int extra;
  private final Placement placement;

  public PaddedSequenceView(ImageSequenceView base, int extra, Placement placement) {
    if (extra < 0) {
      throw new IllegalArgumentException("extra steps must be >= 0, got " + extra);
    }
    this.base = base;
    this.extra = extra;
    this.placement = placement;
  }

  @Override
  public int steps() {
    return base.steps() + extra;
  }

  @Override
  public int features() {
    return base.features();
  }

  @Override
  public int imagePixels() {
    return base.imagePixels();
  }

  @Override
  public void write(double[] image, double[] dst, int off, int stride) {
    int first = placement == Placement.BEFORE ? 0 : base.steps();
    for (int t = first; t < first + extra; t++) {
      java.util.Arrays.fill(dst, off + t * stride, off + t * stride + base.features(), 0.0);
    }
    base.write(image, dst, placement == Placement.BEFORE ? off + extra * stride : off, stride);
  }

  @Override
  public String describe() {
    return base.describe() + ", " + extra + " blank steps " + placement.name().toLowerCase(java.util.Locale.ROOT);
  }
}
