package org.rnnlab.data.image;

/**
 * An image read as a sequence: {@link #steps()} steps of {@link #features()} values
 * (sequential MNIST; seed 000 section 7.3.1 on normalising across time steps).
 * Implementations are stateless and thread-safe.
 */
public interface ImageSequenceView {
  /** Time steps per image. */
  int steps();

  /** Values per step. */
  int features();

  /** Pixels of the images this view reads (rows x cols). */
  int imagePixels();

  /**
   * Writes the sequence of {@code image} (row-major pixels) into {@code dst}: step t's values at
   * {@code dst[off + t * stride .. off + t * stride + features())}. {@code stride = features()}
   * gives a step-major {@code [steps][features]} array; in a time-major batch of B sequences,
   * sequence b is {@code off = b * features(), stride = B * features()}.
   */
  void write(double[] image, double[] dst, int off, int stride);

  /** The sequence of {@code image} as a new step-major {@code [steps][features]} array. */
  default double[] sequence(double[] image) {
    double[] out = new double[steps() * features()];
    write(image, out, 0, features());
    return out;
  }

  /** A one-line description for reports. */
  String describe();
}
